/**
 * The browser routes: catalog, quote, checkout, order status.
 * @module
 */
import { Hono } from "hono";
import { mergeCart, priceCart, quoteDestination, quoteJson } from "../catalog.ts";
import { createCheckout } from "../checkout.ts";
import { buyerEmail, checkTerminalVars, returnUrls, terminalSettings } from "../config.ts";
import { type OrderRow, publicOrderJson, selectOrder } from "../db/orders.ts";
import { type PaymentRow, selectPayments } from "../db/payments.ts";
import { type ProductStockRow, selectActiveProducts, shopProductJson } from "../db/products.ts";
import { sha256Hex } from "../encoding.ts";
import { type AppEnv, replica } from "../env.ts";
import { ApiError } from "../errors.ts";
import { timingSafeEqualText } from "../middleware.ts";
import { checkoutRateLimit, countedClient } from "../rate-limit.ts";
import { requirementsOf } from "../requirements.ts";
import { CheckoutBody, QuoteBody } from "../schemas.ts";
import { jsonBody } from "../validation.ts";

export const shop = new Hono<AppEnv>();

shop.get("/products", async (c) => {
  // maxInstalments is what a shop page may advertise: the catalog's limit, on a terminal that splits at all.
  const split = checkTerminalVars(c.env).rules.mode === "split";
  const { results } = await selectActiveProducts(
    replica(c.env.DB),
    c.get("now")().toISOString(),
  ).all<ProductStockRow>();
  // Short: `available` moves with every checkout (the quote and the checkout check it anyway).
  c.header("Cache-Control", "public, max-age=15");
  return c.json({
    products: results.map((row) => {
      const product = shopProductJson(row);
      return split ? product : { ...product, maxInstalments: 1 };
    }),
  });
});

shop.post("/quote", jsonBody(QuoteBody), async (c) => {
  const body = c.req.valid("json");
  const vars = checkTerminalVars(c.env);
  const quote = await priceCart(replica(c.env.DB), mergeCart(body), {
    now: c.get("now")(),
    rules: vars.rules,
    country: quoteDestination(body.shipping),
  });
  const requirements = requirementsOf(quote, { format: vars.format, email: buyerEmail(c.env) });
  return c.json(quoteJson(quote, requirements));
});

shop.post("/checkout", jsonBody(CheckoutBody), async (c) => {
  const settings = await terminalSettings(c.env);
  const result = await createCheckout(c.req.valid("json"), {
    db: c.env.DB,
    settings,
    email: buyerEmail(c.env),
    urls: returnUrls(c.env),
    counted: await countedClient(c, "checkout", checkoutRateLimit(c.env)),
    now: c.get("now")(),
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
  const [orders, payments] = await c.env.DB.batch<OrderRow | PaymentRow>([
    selectOrder(c.env.DB, reference),
    selectPayments(c.env.DB, reference),
  ]);
  const order = orders?.results[0] as OrderRow | undefined;
  const hash = await sha256Hex(token);
  // Compare even when the order does not exist, so timing does not tell which references exist.
  const same = await timingSafeEqualText(hash, order?.token_hash ?? "");
  if (!order || !same) throw notFound;
  return c.json({
    order: publicOrderJson(order, (payments?.results ?? []) as PaymentRow[]),
  });
});
