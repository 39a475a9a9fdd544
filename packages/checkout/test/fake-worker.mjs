// A fake of the worker's HTTP API for the browser tests, as Koa-style middleware of the test runner's dev
// server. It follows the quote/checkout contract of wave 2 (/work/wave2/contracts/quote.md; README "Worker API
// used"): requirements, shipping by country, VAT per rate, promo codes, stock. `/mock/<scenario>/api/...` selects
// a behaviour; `/api/...` is "ok". The real worker is exercised by real-worker.test.ts and the end-to-end tests;
// this fake stays for what a real worker cannot be made to do on demand (a 5xx, a slow answer, a price changing
// between quote and checkout, an older worker). Tests make fetch fail for a network failure.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const CATALOG = {
  TSHIRT: { name: "T-shirt « Sceau »", unitAmount: 2500, vatRate: 2000, ships: true },
  MUG: { name: "Mug", unitAmount: 1200, vatRate: 2000, ships: true },
  POSTER: { name: "Poster", unitAmount: 990, vatRate: 2000, ships: true },
  EBOOK: { name: "E-book", unitAmount: 800, vatRate: 550, ships: false },
  LIMITED: { name: "Édition limitée", unitAmount: 1500, vatRate: 2000, ships: true, stock: 2 },
  GONE: { name: "Vinyle épuisé", unitAmount: 2000, vatRate: 2000, ships: true, stock: 0 },
  OLD: { name: "Old stock", unitAmount: 500, vatRate: 2000, ships: true, inactive: true },
};

/** Shipping methods per destination; `express` needs a phone number. Other countries are not served. */
const DOMESTIC = [
  { method: "colissimo", name: "Colissimo", amount: 490 },
  { method: "express", name: "Express 24 h", amount: 990, phone: true },
];
const EUROPE = [{ method: "europe", name: "Colissimo Europe", amount: 1290 }];
const ZONES = { FR: DOMESTIC, MC: DOMESTIC, BE: EUROPE, LU: EUROPE, DE: EUROPE, NL: EUROPE };
/** Free standard shipping from this subtotal (domestic only). */
const FREE_FROM = 10_000;

/** Promo codes: percentage (basis points) or fixed amount, with a minimum, or refused for a reason. */
const PROMOS = {
  BIENVENUE10: { percent: 1000 },
  FIXE5: { amount: 500 },
  MIN50: { amount: 500, minimum: 5000 },
  EXPIRE: { refused: ["ERR_PROMO_EXPIRED", "This code expired on 2026-01-31."] },
  FUTUR: { refused: ["ERR_PROMO_NOT_STARTED", "This code starts on 2027-01-01."] },
  EPUISE: { refused: ["ERR_PROMO_EXHAUSTED", "This code has been used up."] },
};

/** The exact fields the fake returns: odd characters on purpose, to check they are posted verbatim. */
export function sealedFields(reference, total, lang) {
  return {
    TPE: "1234567",
    date: "26/11/2026:12:00:00",
    montant: `${(total / 100).toFixed(2)}EUR`,
    reference,
    "texte-libre": `quote " ampersand & <tag> é\nline`,
    version: "3.0",
    lgue: lang ?? "FR",
    societe: "boutique",
    MAC: "0123456789abcdef0123456789abcdef01234567",
  };
}

const orderPolls = new Map();
/** The last checkout body each scenario received, for `GET /mock/<scenario>/last-checkout`. */
const lastCheckout = new Map();

function json(ctx, status, body, headers = {}) {
  ctx.status = status;
  ctx.type = "application/json";
  for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
  ctx.body = JSON.stringify(body);
}

/** An error answer; `extra` members go next to `error`, as the worker's `ApiError` extra does. */
function fail(ctx, status, code, message, field, extra = {}, headers = {}) {
  json(ctx, status, { error: { code, message, ...(field ? { field } : {}) }, ...extra }, headers);
  return undefined;
}

async function readBody(ctx) {
  const chunks = [];
  for await (const chunk of ctx.req) chunk && chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

const vatOf = (gross, rate) => Math.round((gross * rate) / (10_000 + rate));

/** Prices a body as the worker does, or answers the worker's error and returns undefined. */
function price(ctx, body, scenario) {
  const { items } = body;
  if (!Array.isArray(items) || items.length === 0)
    return fail(ctx, 400, "ERR_CART_EMPTY", "No items", "items");
  const lines = [];
  for (const [i, { sku, quantity }] of items.entries()) {
    const product = CATALOG[sku];
    if (!product)
      return fail(ctx, 422, "ERR_PRODUCT_UNKNOWN", `Unknown product ${sku}`, `items[${i}].sku`);
    if (product.inactive)
      return fail(ctx, 422, "ERR_PRODUCT_INACTIVE", `Inactive ${sku}`, `items[${i}].sku`);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99 || scenario === "bad-quantity")
      return fail(ctx, 400, "ERR_QUANTITY_INVALID", "Bad quantity", `items[${i}].quantity`);
    if (product.stock !== undefined && quantity > product.stock) {
      return fail(
        ctx,
        409,
        "ERR_OUT_OF_STOCK",
        `Only ${product.stock} of ${product.name} left.`,
        `items[${i}].quantity`,
        { available: product.stock },
      );
    }
    const unitAmount = scenario === "repriced" ? product.unitAmount + 100 : product.unitAmount;
    lines.push({
      sku,
      name: product.name,
      quantity,
      unitAmount,
      amount: unitAmount * quantity,
      vatRate: product.vatRate,
      ships: product.ships,
      ...(product.stock !== undefined && { available: product.stock }),
    });
  }
  const subtotal = lines.reduce((n, l) => n + l.amount, 0);
  const currency = scenario === "jpy" ? "JPY" : "EUR";
  if (scenario === "legacy") {
    // A worker from before the contract: no requirements, no breakdown.
    return {
      currency,
      lines: lines.map(({ vatRate, ships, available, ...l }) => l),
      total: subtotal,
    };
  }
  const ships = lines.some((l) => l.ships);
  const country = body.shipping?.country ?? "FR";
  let methods = [];
  let shipping = null;
  if (ships) {
    const zone = ZONES[country];
    if (!zone)
      return fail(
        ctx,
        422,
        "ERR_SHIPPING_UNAVAILABLE",
        `No delivery to ${country}.`,
        "shipping.country",
      );
    methods = zone.map((m) =>
      m.method === "colissimo" && subtotal >= FREE_FROM ? { ...m, amount: 0 } : m,
    );
    const known = Object.values(ZONES)
      .flat()
      .some((m) => m.method === body.shippingMethod);
    if (body.shippingMethod && !known)
      return fail(ctx, 422, "ERR_SHIPPING_METHOD_UNKNOWN", "Unknown method", "shippingMethod");
    const chosen = body.shippingMethod
      ? methods.find((m) => m.method === body.shippingMethod)
      : [...methods].sort((a, b) => a.amount - b.amount)[0];
    if (!chosen) {
      return fail(
        ctx,
        422,
        "ERR_SHIPPING_UNAVAILABLE",
        `No ${body.shippingMethod} to ${country}.`,
        "shippingMethod",
      );
    }
    shipping = chosen;
  }
  let discount = null;
  if (body.promoCode) {
    const promo = PROMOS[body.promoCode];
    if (!promo) return fail(ctx, 422, "ERR_PROMO_UNKNOWN", "Unknown code.", "promoCode");
    if (promo.refused) return fail(ctx, 422, ...promo.refused, "promoCode");
    if (promo.minimum && subtotal < promo.minimum) {
      return fail(
        ctx,
        422,
        "ERR_PROMO_MINIMUM",
        "This code needs a cart of 50.00 EUR.",
        "promoCode",
        {
          minimum: promo.minimum,
        },
      );
    }
    const amount = promo.percent ? Math.round((subtotal * promo.percent) / 10_000) : promo.amount;
    discount = { code: body.promoCode, amount };
  }
  // VAT included per rate: lines, less the discount spread over them pro rata, and shipping at 20 %.
  const byRate = new Map();
  for (const l of lines) byRate.set(l.vatRate, (byRate.get(l.vatRate) ?? 0) + l.amount);
  for (const [rate, gross] of byRate)
    byRate.set(rate, gross - Math.round(((discount?.amount ?? 0) * gross) / subtotal));
  if (shipping) byRate.set(2000, (byRate.get(2000) ?? 0) + shipping.amount);
  const vat = [...byRate].map(([rate, gross]) => {
    const amount = vatOf(gross, rate);
    return { rate, net: gross - amount, amount };
  });
  const total = subtotal + (shipping?.amount ?? 0) - (discount?.amount ?? 0);
  return {
    currency,
    lines,
    subtotal,
    shipping: shipping && { method: shipping.method, name: shipping.name, amount: shipping.amount },
    shippingMethods: methods.map(({ method, name, amount }) => ({ method, name, amount })),
    discount,
    vat,
    total,
    instalmentOptions: [],
    schedule: null,
    requirements: {
      email: scenario === "email-required" ? "required" : "none",
      billing: scenario !== "v3",
      shippingAddress: ships,
      phone: !!shipping?.phone,
    },
  };
}

function schedule(total, n) {
  const part = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => ({
    date: `2026-${String(11 + i)
      .padStart(2, "0")
      .replace("13", "01")
      .replace("14", "02")}-26`,
    amount: i === 0 ? total - part * (n - 1) : part,
  }));
}

/** What a checkout is missing from the buyer, as the worker answers it. */
function missing(ctx, body, quote) {
  const need = quote.requirements;
  if (!need) {
    // The older worker still needs a billing address on its v4 terminal.
    return body.billing
      ? false
      : !fail(ctx, 400, "ERR_BILLING_REQUIRED", "Billing required", "billing");
  }
  if (need.email === "required" && !body.email)
    return !fail(ctx, 400, "ERR_EMAIL_REQUIRED", "E-mail required", "email");
  if (need.billing && !body.billing?.addressLine1)
    return !fail(ctx, 400, "ERR_BILLING_REQUIRED", "Billing required", "billing");
  if (need.shippingAddress && !body.shipping?.addressLine1)
    return !fail(ctx, 400, "ERR_SHIPPING_REQUIRED", "Shipping required", "shipping");
  if (need.phone && !/^\+\d{1,3}-\d+$/.test(body.shipping?.phone ?? ""))
    return !fail(ctx, 400, "ERR_PHONE_REQUIRED", "Phone required", "shipping.phone");
  return false;
}

/** The order the fake reports for a reference: its status from the reference's prefix. */
function order(reference) {
  // PAID, REFUSED, ANOMALY, CANCELLED, REFUNDED, CAPTURED, ABANDONED, EXPIRED: that status; LATER<n>: pending
  // n times, then paid; SPLIT: paid in 3 instalments, the first collected, the last refused; anything else:
  // pending forever.
  const polls = (orderPolls.get(reference) ?? 0) + 1;
  orderPolls.set(reference, polls);
  const later = /^LATER(\d+)/.exec(reference);
  let status = "pending";
  if (later) status = polls > Number(later[1]) ? "paid" : "pending";
  else if (
    /^(PAID|REFUSED|ANOMALY|CANCELLED|REFUNDED|CAPTURED|ABANDONED|EXPIRED)/.test(reference)
  ) {
    status = reference.replace(/\d+$/, "").toLowerCase();
  } else if (reference.startsWith("SPLIT")) status = "paid";
  const split = reference.startsWith("SPLIT") && {
    schedule: schedule(4990, 3).map((s, i) => ({
      ...s,
      status: ["captured", "scheduled", "refused"][i],
    })),
  };
  return {
    reference,
    status,
    currency: "EUR",
    createdAt: "2026-11-26T11:00:00.000Z",
    ...(status === "paid" && { paidAt: "2026-11-26T11:02:00.000Z" }),
    lines: [
      {
        sku: "TSHIRT",
        name: "T-shirt « Sceau »",
        quantity: 2,
        unitAmount: 2500,
        amount: 5000,
        vatRate: 2000,
        ships: true,
      },
    ],
    subtotal: 5000,
    shipping: { method: "colissimo", name: "Colissimo", amount: 490 },
    discount: { code: "BIENVENUE10", amount: 500 },
    vat: [{ rate: 2000, amount: 832 }],
    total: 4990,
    ...split,
  };
}

/** The middleware. */
export function fakeWorker() {
  return async (ctx, next) => {
    if (ctx.path === "/__axe.js") {
      const require = createRequire(import.meta.url);
      ctx.type = "application/javascript";
      ctx.body = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
      return;
    }
    if (ctx.path.startsWith("/drop-in/") && ctx.path.endsWith(".html")) {
      // Pages that load the built drop-in under a strict CSP, as a shop would.
      const page = ctx.path.slice("/drop-in/".length, -".html".length);
      const body = {
        product: `<sceau-add-to-cart sku="MUG"></sceau-add-to-cart> <sceau-cart-count></sceau-cart-count>`,
        cart: `<sceau-add-to-cart sku="EBOOK"></sceau-add-to-cart> <sceau-cart-count></sceau-cart-count>
<sceau-checkout endpoint="/mock/v3"></sceau-checkout>`,
      }[page];
      if (!body) return next();
      ctx.type = "text/html";
      ctx.set("Content-Security-Policy", "script-src 'self'; style-src 'self'");
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${page}</title>
<script type="module" src="/test/csp-probe.js"></script>
<script type="module" src="/dist/sceau-checkout.js"></script></head><body>${body}</body></html>`;
      return;
    }
    if (ctx.path === "/mock/bank/paiement.cgi" && ctx.method === "POST") {
      const fields = Object.fromEntries(new URLSearchParams(await readBody(ctx)));
      ctx.type = "text/html";
      ctx.set("Content-Security-Policy", "script-src 'none'");
      ctx.body = `<!doctype html><title>bank</title><pre id="fields">${JSON.stringify(fields)
        .replaceAll("&", "&amp;")
        .replaceAll("<", "&lt;")}</pre>`;
      return;
    }
    const last = /^\/mock\/([\w-]+)\/last-checkout$/.exec(ctx.path);
    if (last) return json(ctx, 200, lastCheckout.get(last[1]) ?? null);
    const match = /^(?:\/mock\/([\w-]+))?\/api\/(quote|checkout|products|orders\/([^/]+))$/.exec(
      ctx.path,
    );
    if (!match) return next();
    const scenario = match[1] ?? "ok";
    const route = match[3] ? "order" : match[2];
    if (scenario === "slow") await new Promise((r) => setTimeout(r, 300));
    if (scenario === "server-error" || scenario === `${route}-500`) {
      if (route === "checkout")
        return fail(ctx, 500, "ERR_INTERNAL", "Something went wrong on our side.");
      ctx.status = 502;
      ctx.type = "text/html";
      ctx.body = "<h1>Bad gateway</h1>";
      return;
    }
    if (scenario === "origin")
      return fail(ctx, 403, "ERR_ORIGIN_NOT_ALLOWED", "This origin may not call the API.");
    if (route === "products" && ctx.method === "GET") {
      const products = Object.entries(CATALOG)
        .filter(([, p]) => !p.inactive)
        .map(([sku, p]) => ({
          sku,
          name: p.name,
          unitAmount: p.unitAmount,
          currency: "EUR",
          ...(p.stock !== undefined && { available: p.stock }),
        }));
      return json(ctx, 200, { products });
    }
    if (route === "quote" && ctx.method === "POST") {
      const body = JSON.parse(await readBody(ctx));
      const quote = price(ctx, body, scenario);
      if (!quote) return;
      if (scenario === "split-limited") {
        // A worker whose terminal or catalog allows only 2 instalments for this cart.
        if (body.instalments > 2)
          return fail(ctx, 422, "ERR_INSTALMENTS_UNAVAILABLE", "At most 2", "instalments");
        quote.instalmentOptions = [2];
      }
      if (scenario === "split") quote.instalmentOptions = [2, 3, 4];
      if (scenario === "split-only") {
        // A split-payment terminal: every payment is split, in 3 when the buyer does not choose.
        quote.instalmentOptions = [2, 3, 4];
        quote.schedule = schedule(quote.total, body.instalments ?? 3);
      }
      if (scenario === "subscription") {
        // Monthly for one line, quarterly for more (to show both wordings).
        const periodMonths = body.items.length === 1 ? 1 : 3;
        quote.subscription = { amount: quote.total, periodMonths, maxRenewals: 0 };
      }
      if (body.instalments) quote.schedule = schedule(quote.total, body.instalments);
      return json(ctx, 200, quote);
    }
    if (route === "checkout" && ctx.method === "POST") {
      const body = JSON.parse(await readBody(ctx));
      lastCheckout.set(scenario, body);
      const quote = price(ctx, body, scenario);
      if (!quote || missing(ctx, body, quote)) return;
      if (scenario === "price-changed")
        return fail(ctx, 409, "ERR_PRICE_CHANGED", "Prices changed");
      if (scenario === "rate-limited") {
        return fail(
          ctx,
          429,
          "ERR_RATE_LIMITED",
          "Too many orders.",
          undefined,
          {},
          {
            "Retry-After": "120",
          },
        );
      }
      const total = scenario === "total-differs" ? quote.total + 1 : quote.total;
      const reference = "REF000000001";
      return json(ctx, 201, {
        order: { reference, token: "tok", status: "pending", total, currency: quote.currency },
        form: {
          action: `${ctx.origin}/mock/bank/paiement.cgi`,
          method: "POST",
          fields: sealedFields(reference, total, body.lang),
        },
      });
    }
    if (route === "order" && ctx.method === "GET") {
      const reference = decodeURIComponent(match[3]);
      if (ctx.query.token !== "tok") return fail(ctx, 404, "ERR_ORDER_NOT_FOUND", "No such order");
      return json(ctx, 200, { order: order(reference) });
    }
    return next();
  };
}
