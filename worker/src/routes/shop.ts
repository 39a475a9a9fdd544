/**
 * The browser routes: catalog, quote, checkout, order status.
 * @module
 */
import { Hono } from "hono";
import { mergeCart, priceCart, quoteJson } from "../catalog.ts";
import { createCheckout } from "../checkout.ts";
import { checkTerminalVars, returnUrls, terminalSettings } from "../config.ts";
import { type InstalmentRow, selectInstalments } from "../db/instalments.ts";
import { type OrderRow, publicOrderJson, selectOrder } from "../db/orders.ts";
import { type ProductRow, productJson, selectActiveProducts } from "../db/products.ts";
import { sha256Hex } from "../encoding.ts";
import { type AppEnv, replica } from "../env.ts";
import { ApiError } from "../errors.ts";
import { timingSafeEqualText } from "../middleware.ts";
import { checkoutRateLimit, countedClient } from "../rate-limit.ts";
import { CheckoutBody, QuoteBody } from "../schemas.ts";
import { jsonBody } from "../validation.ts";

export const shop = new Hono<AppEnv>();

shop.get("/products", async (c) => {
  // maxInstalments is what a shop page may advertise: the catalog's limit, on a terminal that splits at all.
  const split = checkTerminalVars(c.env).paymentMode === "split";
  const { results } = await selectActiveProducts(replica(c.env.DB)).all<ProductRow>();
  c.header("Cache-Control", "public, max-age=60");
  return c.json({
    products: results.map((row) => {
      const { active: _, ...product } = productJson(row);
      return split ? product : { ...product, maxInstalments: 1 };
    }),
  });
});

shop.post("/quote", jsonBody(QuoteBody), async (c) => {
  const cart = mergeCart(c.req.valid("json"));
  const split = checkTerminalVars(c.env).paymentMode === "split";
  const quote = await priceCart(replica(c.env.DB), cart, new Date(), split);
  return c.json(quoteJson(quote));
});

shop.post("/checkout", jsonBody(CheckoutBody), async (c) => {
  const settings = await terminalSettings(c.env);
  const result = await createCheckout(c.req.valid("json"), {
    db: c.env.DB,
    settings,
    urls: returnUrls(c.env),
    counted: await countedClient(c, "checkout", checkoutRateLimit(c.env)),
    now: new Date(),
  });
  const { reference, total } = result.order;
  console.log(JSON.stringify({ event: "order-created", reference, total }));
  if (settings.bank !== "sandbox" && settings.environment === "test") {
    console.warn(
      JSON.stringify({
        event: "test-bank",
        reference,
        warning: `BANK_ENV=test: order ${reference} is paid on ${settings.bank}'s test server, no money moves. Set BANK_ENV=production to go live.`,
      }),
    );
  }
  return c.json(result, 201);
});

shop.get("/orders/:reference", async (c) => {
  const reference = c.req.param("reference");
  const token = c.req.query("token") ?? "";
  const notFound = new ApiError("ERR_ORDER_NOT_FOUND", "No order with this reference and token.");
  if (!/^[A-Za-z0-9]{1,50}$/.test(reference) || token === "" || token.length > 128) throw notFound;
  const [orders, instalments] = await c.env.DB.batch<OrderRow | InstalmentRow>([
    selectOrder(c.env.DB, reference),
    selectInstalments(c.env.DB, reference),
  ]);
  const order = orders?.results[0] as OrderRow | undefined;
  const hash = await sha256Hex(token);
  // Compare even when the order does not exist, so timing does not tell which references exist.
  const same = await timingSafeEqualText(hash, order?.token_hash ?? "");
  if (!order || !same) throw notFound;
  return c.json({
    order: publicOrderJson(order, (instalments?.results ?? []) as InstalmentRow[]),
  });
});
