// A fake of the worker's HTTP API (DESIGN.md shapes) for the browser tests, as Koa-style middleware of
// the test runner's dev server. `/mock/<scenario>/api/...` selects a behaviour; `/api/...` is "ok".
// It serves what the real worker cannot be made to do on demand (slow answers, 5xx pages, a price changing
// between quote and checkout, a total that differs, another currency, a split terminal's limits, odd
// characters in the sealed fields); what the real worker does answer is tested against it in
// src/components/checkout/real-worker.test.ts.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const CATALOG = {
  TSHIRT: { name: "T-shirt « Sceau »", unitAmount: 2500 },
  MUG: { name: "Mug", unitAmount: 1200 },
  POSTER: { name: "Poster", unitAmount: 990 },
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

function json(ctx, status, body) {
  ctx.status = status;
  ctx.type = "application/json";
  ctx.body = JSON.stringify(body);
}

function fail(ctx, status, code, message, field) {
  json(ctx, status, { error: { code, message, ...(field ? { field } : {}) } });
}

async function readBody(ctx) {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

function price(ctx, items, scenario) {
  if (!Array.isArray(items) || items.length === 0) {
    fail(ctx, 400, "ERR_CART_EMPTY", "No items");
    return undefined;
  }
  const lines = [];
  for (const [i, { sku, quantity }] of items.entries()) {
    const product = CATALOG[sku];
    if (!product)
      return fail(ctx, 422, "ERR_PRODUCT_UNKNOWN", `Unknown product ${sku}`, `items[${i}].sku`);
    if (
      !Number.isInteger(quantity) ||
      quantity < 1 ||
      quantity > 99 ||
      scenario === "bad-quantity"
    ) {
      return fail(ctx, 400, "ERR_QUANTITY_INVALID", "Bad quantity", `items[${i}].quantity`);
    }
    const unitAmount = scenario === "repriced" ? product.unitAmount + 100 : product.unitAmount;
    lines.push({ sku, name: product.name, quantity, unitAmount, amount: unitAmount * quantity });
  }
  return {
    currency: scenario === "jpy" ? "JPY" : "EUR",
    lines,
    total: lines.reduce((n, l) => n + l.amount, 0),
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

/** The middleware. */
export function fakeWorker() {
  return async (ctx, next) => {
    if (ctx.path === "/__axe.js") {
      const require = createRequire(import.meta.url);
      ctx.type = "application/javascript";
      ctx.body = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
      return;
    }
    if (ctx.path === "/csp/page.html") {
      ctx.type = "text/html";
      ctx.set("Content-Security-Policy", "script-src 'self'; style-src 'self'");
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP</title>
<script type="module" src="/test/csp-probe.js"></script>
<script type="module" src="/dist/sceau-checkout.js"></script></head>
<body><sceau-add-to-cart sku="MUG"></sceau-add-to-cart> <sceau-cart-count></sceau-cart-count>
<sceau-checkout endpoint="/mock/ok"></sceau-checkout></body></html>`;
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
    const match = /^(?:\/mock\/([\w-]+))?\/api\/(quote|checkout|orders\/([^/]+))$/.exec(ctx.path);
    if (!match) return next();
    const scenario = match[1] ?? "ok";
    if (scenario === "slow") await new Promise((r) => setTimeout(r, 300));
    if (scenario === "server-error") {
      ctx.status = 502;
      ctx.type = "text/html";
      ctx.body = "<h1>Bad gateway</h1>";
      return;
    }
    if (match[2] === "quote" && ctx.method === "POST") {
      const body = JSON.parse(await readBody(ctx));
      const quote = price(ctx, body.items, scenario);
      if (!quote) return;
      if (scenario === "split-limited") {
        // A worker whose terminal or catalog allows only 2 instalments for this cart.
        if (body.instalments > 2)
          return fail(ctx, 422, "ERR_INSTALMENTS_UNAVAILABLE", "At most 2", "instalments");
        quote.instalmentOptions = [2];
      }
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
    if (match[2] === "checkout" && ctx.method === "POST") {
      const body = JSON.parse(await readBody(ctx));
      const quote = price(ctx, body.items, scenario);
      if (!quote) return;
      if (scenario === "price-changed")
        return fail(ctx, 409, "ERR_PRICE_CHANGED", "Prices changed");
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
    if (match[3] && ctx.method === "GET") {
      const reference = decodeURIComponent(match[3]);
      if (ctx.query.token !== "tok") return fail(ctx, 404, "ERR_ORDER_NOT_FOUND", "No such order");
      // PAID, REFUSED, ANOMALY, CANCELLED, REFUNDED, EXPIRED: that status; LATER<n>: pending n times, then
      // paid; SPLIT: paid in 3 instalments, the first collected, the last refused; anything else: pending
      // forever.
      const polls = (orderPolls.get(reference) ?? 0) + 1;
      orderPolls.set(reference, polls);
      const later = /^LATER(\d+)/.exec(reference);
      let status = "pending";
      if (later) status = polls > Number(later[1]) ? "paid" : "pending";
      else if (/^(PAID|REFUSED|ANOMALY|CANCELLED|REFUNDED|CAPTURED|EXPIRED)/.test(reference)) {
        status = reference.replace(/\d+$/, "").toLowerCase();
      }
      const split = reference.startsWith("SPLIT") && {
        status: "paid",
        schedule: schedule(2500, 3).map((s, i) => ({
          ...s,
          status: ["captured", "scheduled", "refused"][i],
        })),
      };
      return json(ctx, 200, {
        order: { reference, status, total: 2500, currency: "EUR", ...split },
      });
    }
    return next();
  };
}
