/**
 * The browser routes: catalog, quote, checkout, order status.
 * @module
 */
import {
  diagnoseAddress,
  FieldError,
  isEmailAddress,
  LANGUAGES,
  type OrderAddress,
  type OrderContext,
} from "@sceau/protocol";
import { Hono } from "hono";
import {
  isoDay,
  type ProductRow,
  parseCart,
  priceCart,
  productFromRow,
  quoteJson,
  scheduleJson,
} from "../catalog.ts";
import { checkTerminalVars, returnUrls, terminalSettings } from "../config.ts";
import { getInstalments, getOrder, newReference, newToken, publicOrderJson } from "../db/orders.ts";
import { sha256Hex } from "../encoding.ts";
import { type AppEnv, replica } from "../env.ts";
import { ApiError, badRequest } from "../errors.ts";
import { readJson } from "../http.ts";
import { timingSafeEqualText } from "../middleware.ts";

export const shop = new Hono<AppEnv>();

shop.get("/products", async (c) => {
  const { results } = await replica(c.env.DB)
    .prepare("SELECT * FROM products WHERE active = 1 ORDER BY name")
    .all<ProductRow>();
  c.header("Cache-Control", "public, max-age=60");
  return c.json({
    products: results.map((row) => {
      const { active: _, ...product } = productFromRow(row);
      return product;
    }),
  });
});

shop.post("/quote", async (c) => {
  const body = await readJson(c.req.raw);
  const split = checkTerminalVars(c.env).paymentMode === "split";
  const quote = await priceCart(replica(c.env.DB), parseCart(body), new Date(), split);
  return c.json(quoteJson(quote));
});

const ADDRESS_MEMBERS = [
  "civility",
  "name",
  "firstName",
  "lastName",
  "addressLine1",
  "addressLine2",
  "addressLine3",
  "city",
  "postalCode",
  "country",
  "stateOrProvince",
  "email",
  "phone",
  "mobilePhone",
] as const;

/**
 * Reads an address member of the body: only the documented members, as strings, each checked against the
 * bank's rules (lengths, formats, no control characters) in either MAC format — on a v3 terminal the address
 * is only stored, but it still ends up in the merchant's pages and exports.
 */
function parseAddress(
  value: unknown,
  field: "billing" | "shipping",
  required: boolean,
): OrderAddress | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw badRequest("ERR_ADDRESS_INVALID", `${field} must be an object.`, field);
  }
  const source = value as Record<string, unknown>;
  const address: Record<string, string> = {};
  for (const name of ADDRESS_MEMBERS) {
    const member = source[name];
    if (member === undefined || member === null || member === "") continue;
    if (typeof member !== "string" || member.length > 255) {
      throw badRequest(
        "ERR_ADDRESS_INVALID",
        `${field}.${name} must be a short string.`,
        `${field}.${name}`,
      );
    }
    address[name] = member.trim();
  }
  const [problem] = diagnoseAddress(address, field, { required });
  if (problem) {
    throw badRequest(
      "ERR_ADDRESS_INVALID",
      problem.message,
      problem.field.slice("contexte_commande.".length),
    );
  }
  return address as OrderAddress;
}

shop.post("/checkout", async (c) => {
  const body = await readJson(c.req.raw);
  const cart = parseCart(body);
  const settings = await terminalSettings(c.env);
  const urls = returnUrls(c.env);
  const lang = body.lang === undefined || body.lang === null ? "FR" : body.lang;
  if (typeof lang !== "string" || !LANGUAGES[settings.format].includes(lang.toUpperCase())) {
    throw badRequest(
      "ERR_LANGUAGE_INVALID",
      `lang must be one of ${LANGUAGES[settings.format].join(", ")}.`,
      "lang",
    );
  }
  const email =
    body.email === undefined || body.email === null || body.email === "" ? undefined : body.email;
  if (email !== undefined && (typeof email !== "string" || !isEmailAddress(email))) {
    throw badRequest(
      "ERR_EMAIL_INVALID",
      "email must be a plain e-mail address (letters, digits and . _ % + - before the @; no spaces, quotes, * = or ;).",
      "email",
    );
  }
  const billing = parseAddress(body.billing, "billing", settings.format === "v4");
  const shipping = parseAddress(body.shipping, "shipping", false);
  if (settings.format === "v4" && !billing) {
    throw badRequest(
      "ERR_BILLING_REQUIRED",
      "A billing address (addressLine1, city, postalCode, country) is required for 3-D Secure v2.",
      "billing",
    );
  }
  const now = new Date();
  const quote = await priceCart(c.env.DB, cart, now, settings.paymentMode === "split");
  const token = newToken();
  const tokenHash = await sha256Hex(token);
  const context: OrderContext | undefined =
    settings.format === "v4" && billing ? { billing, ...(shipping && { shipping }) } : undefined;

  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    const withOrder = (url: URL) => {
      const out = new URL(url);
      out.searchParams.set("reference", reference);
      out.searchParams.set("token", token);
      return out.href;
    };
    let form: Awaited<ReturnType<typeof settings.terminal.paymentForm>>;
    try {
      form = await settings.terminal.paymentForm({
        reference,
        amount: quote.total,
        currency: quote.currency,
        language: lang.toUpperCase(),
        date: now,
        ...(email && { email }),
        returnUrls: {
          ok: withOrder(urls.ok),
          error: withOrder(urls.error),
          ...(urls.cancel && { cancel: withOrder(urls.cancel) }),
        },
        ...(quote.schedule && { split: { schedule: quote.schedule } }),
        ...(context && { context }),
      });
    } catch (error) {
      if (error instanceof FieldError) {
        const field = error.field.startsWith("contexte_commande.")
          ? error.field.slice("contexte_commande.".length)
          : error.field;
        throw badRequest(
          error.field.startsWith("contexte_commande") ? "ERR_ADDRESS_INVALID" : error.code,
          error.message,
          field,
        );
      }
      throw error;
    }
    const at = now.toISOString();
    const statements = [
      c.env.DB.prepare(
        `INSERT INTO orders (reference, token_hash, status, total, currency, lang, email, cart, billing, shipping,
          instalments, mac_format, tpe, order_date, created_at, updated_at)
         VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(
        reference,
        tokenHash,
        quote.total,
        quote.currency,
        lang.toUpperCase(),
        email ?? null,
        JSON.stringify(quote.lines),
        billing ? JSON.stringify(billing) : null,
        shipping ? JSON.stringify(shipping) : null,
        quote.instalments,
        settings.format,
        settings.tpe,
        at,
        at,
        at,
      ),
      ...(quote.schedule ?? []).map((instalment, i) =>
        c.env.DB.prepare(
          "INSERT INTO instalments (reference, number, due_date, amount, status, updated_at) VALUES (?, ?, ?, ?, 'scheduled', ?)",
        ).bind(reference, i + 1, isoDay(instalment.date), instalment.amount, at),
      ),
    ];
    try {
      await c.env.DB.batch(statements);
    } catch (error) {
      // A reference collision (1 in 36^12) gets a new reference; anything else is a real failure.
      if (attempt < 2 && String(error).includes("UNIQUE")) continue;
      throw error;
    }
    console.log(JSON.stringify({ event: "order-created", reference, total: quote.total }));
    if (settings.bank !== "sandbox" && settings.environment === "test") {
      console.warn(
        JSON.stringify({
          event: "test-bank",
          reference,
          warning: `BANK_ENV=test: order ${reference} is paid on ${settings.bank}'s test server, no money moves. Set BANK_ENV=production to go live.`,
        }),
      );
    }
    return c.json(
      {
        order: {
          reference,
          token,
          status: "pending",
          total: quote.total,
          currency: quote.currency,
          ...(quote.schedule && { schedule: scheduleJson(quote.schedule) }),
        },
        form: { action: form.action, method: form.method, fields: form.fields },
      },
      201,
    );
  }
});

shop.get("/orders/:reference", async (c) => {
  const reference = c.req.param("reference");
  const token = c.req.query("token") ?? "";
  const notFound = new ApiError(
    404,
    "ERR_ORDER_NOT_FOUND",
    "No order with this reference and token.",
  );
  if (!/^[A-Za-z0-9]{1,50}$/.test(reference) || token === "" || token.length > 128) throw notFound;
  const order = await getOrder(c.env.DB, reference);
  const hash = await sha256Hex(token);
  // Compare even when the order does not exist, so timing does not tell which references exist.
  const same = await timingSafeEqualText(hash, order?.token_hash ?? "");
  if (!order || !same) throw notFound;
  return c.json({ order: publicOrderJson(order, await getInstalments(c.env.DB, reference)) });
});
