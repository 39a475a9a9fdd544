/**
 * `/api/quote` and `/api/checkout` under random JSON (property-based, in workerd against the real D1).
 *
 * Invariants: never a 5xx; every error is `{ error: { code: "ERR_…", message } }`; a priced answer uses the
 * catalog's prices only, whatever prices the client sends; the total is subtotal + shipping − discount, the
 * demo's 10 % code takes 10 % (half up), shipping is the cheapest offered unless one was asked for, and the VAT
 * parts add up to the total; a created order is stored with that total; the sealed form passes
 * `diagnosePaymentFields` (the bank's rules, which the bank sandbox applies too) and carries a valid seal; and
 * its order context says how the goods travel.
 */
import {
  decodeOrderContext,
  diagnosePaymentFields,
  formatAmount,
  importKey,
  type MacFormat,
  paymentMacData,
  verifySeal,
} from "@sceau/protocol";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, env, KEY } from "../../test/helpers.ts";

const RUNS = 100;
const prices: Record<string, number> = {};
const ships = new Set<string>();

beforeAll(async () => {
  const { results } = await env.DB.prepare(
    "SELECT sku, unit_amount, active, ships FROM products",
  ).all<{ sku: string; unit_amount: number; active: number; ships: number }>();
  for (const row of results) {
    if (row.active === 1) prices[row.sku] = row.unit_amount;
    if (row.ships === 1) ships.add(row.sku);
  }
});

/** Something a client might put anywhere: numbers, strings, nested junk. */
const junk = fc.oneof(
  { depthSize: "small" },
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(0, -1, 1.5, 1e308, -0, 99, 100, "1", "", null, true),
  fc.string({ maxLength: 300, unit: "binary" }),
);

const sku = fc.oneof(
  fc.constantFrom(
    "CD-KIND-OF-BLUE",
    "CD-BLUE-TRAIN",
    "CD-GOLDBERG",
    "CD-BREL-INTEGRALE",
    "CD-EPUISE",
  ),
  fc.string({ maxLength: 70 }),
  junk,
);
const quantity = fc.oneof(fc.integer({ min: -2, max: 120 }), junk);
const validItem = fc.record({
  sku: fc.constantFrom(
    "CD-KIND-OF-BLUE",
    "CD-BLUE-TRAIN",
    "CD-GOLDBERG",
    "CD-BREL-INTEGRALE",
    "LIVRET-JAZZ-PDF",
  ),
  quantity: fc.integer({ min: 1, max: 3 }),
  unitAmount: fc.integer({ min: 0, max: 10 ** 6 }),
  price: junk,
});
const item = fc.oneof(
  { arbitrary: validItem, weight: 6 },
  fc.record(
    {
      sku,
      quantity,
      // Prices a client has no say in.
      unitAmount: fc.integer({ min: 0, max: 10 ** 6 }),
      unit_amount: fc.integer({ min: 0, max: 10 ** 6 }),
      amount: fc.integer(),
      price: junk,
      currency: fc.constantFrom("EUR", "USD", "JPY", "XXX"),
    },
    { requiredKeys: ["sku", "quantity"] },
  ),
  junk,
);
const addressValue = fc.oneof(
  fc.constantFrom(
    "1 rue de la Paix",
    "Paris",
    "75002",
    "FR",
    "fr",
    "FRA",
    "Île-de-France",
    "a@b.fr",
  ),
  fc.string({ maxLength: 60 }),
  fc.string({ maxLength: 30, unit: "binary" }),
  junk,
);
const address = fc.oneof(
  fc.record(
    {
      addressLine1: addressValue,
      addressLine2: addressValue,
      city: addressValue,
      postalCode: addressValue,
      country: addressValue,
      email: addressValue,
      phone: fc.oneof(fc.constantFrom("+33-612345678", "0612345678"), addressValue),
      civility: addressValue,
      firstName: addressValue,
    },
    { requiredKeys: [] },
  ),
  {
    arbitrary: fc.record({
      addressLine1: fc.oneof(
        { arbitrary: fc.constant("1 rue de la Paix"), weight: 3 },
        fc.string({ minLength: 1, maxLength: 60 }),
      ),
      city: fc.oneof(
        fc.constant("Paris"),
        fc.string({ minLength: 1, maxLength: 60, unit: "grapheme" }),
      ),
      postalCode: fc.constantFrom("75002", "1000", "AB1 2CD"),
      country: fc.constantFrom("FR", "BE", "DE", "fr"),
    }),
    weight: 4,
  },
  junk,
);
/** The demo's promo code as buyers type it. */
const bienvenue = fc.constantFrom("BIENVENUE10", "bienvenue10", " BienVenue10 ");
/** Other codes, typos and junk. */
const otherCode = fc.oneof(
  fc.constantFrom("", "  ", "NOPE", "BIENVENUE1", "bienvenue10*", "=1+1"),
  fc.string({ maxLength: 80 }),
);
/** The demo's shipping methods (the international one needs a phone, and serves no French address). */
const demoMethod = fc.constantFrom("colissimo", "lettre-suivie", "colissimo-international");
const otherMethod = fc.oneof(
  fc.constantFrom("", "relay", "COLISSIMO"),
  fc.string({ maxLength: 80 }),
);
/** Phone numbers as buyers type them, in France and Belgium. */
const phone = fc.constantFrom(
  "06 12 34 56 78",
  "+32 470 12 34 56",
  "0032470123456",
  "+33-612345678",
);

/** Mostly absent or valid, sometimes anything: so that many bodies get through to the pricing and sealing. */
function mostly<T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) {
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 4 },
    { arbitrary: valid, weight: 4 },
    { arbitrary: other, weight: 1 },
  );
}
const hostile = fc.record(
  {
    items: fc.oneof(
      { arbitrary: fc.array(item, { minLength: 1, maxLength: 6 }), weight: 6 },
      fc.array(item, { minLength: 49, maxLength: 52 }),
      junk,
    ),
    instalments: mostly(
      fc.constant(1),
      fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constantFrom(2, 3, 4), junk),
    ),
    lang: mostly(
      fc.constantFrom("FR", "en", "JA", "de"),
      fc.oneof(fc.constantFrom("XX", ""), junk),
    ),
    email: mostly(
      fc.constantFrom("a@b.fr", "jean.dupont+cd@exemple.fr"),
      fc.oneof(fc.constantFrom("x@y", "é@ü.de"), fc.string({ maxLength: 300 }), junk),
    ),
    billing: fc.oneof({ arbitrary: address, weight: 6 }, fc.constant(undefined)),
    shipping: mostly(address, junk),
    promoCode: mostly(bienvenue, fc.oneof(otherCode, junk)),
    shippingMethod: mostly(demoMethod, fc.oneof(otherMethod, junk)),
    total: fc.integer(),
    amount: fc.integer(),
    currency: junk,
    reference: junk,
  },
  { requiredKeys: ["items"] },
);

/** A body a shop page could send, with random (Unicode, long) address text and prices the client made up. */
const plausible = fc.record(
  {
    items: fc.array(validItem, { minLength: 1, maxLength: 6 }),
    lang: fc.constantFrom("FR", "en", "de", "it", "es", "nl", "pt", "sv"),
    email: fc.constantFrom("a@b.fr", "jean.dupont+cd@exemple.fr"),
    billing: fc.record({
      addressLine1: fc.string({ minLength: 1, maxLength: 50, unit: "grapheme" }),
      city: fc.string({ minLength: 1, maxLength: 50, unit: "grapheme" }),
      postalCode: fc.string({ minLength: 1, maxLength: 10 }),
      country: fc.constantFrom("FR", "BE", "DE", "CH"),
      firstName: fc.string({ maxLength: 45 }),
    }),
    shipping: fc.record(
      {
        addressLine1: fc.string({ minLength: 1, maxLength: 50 }),
        city: fc.string({ minLength: 1, maxLength: 50, unit: "grapheme" }),
        postalCode: fc.string({ minLength: 1, maxLength: 10 }),
        country: fc.constantFrom("FR", "FR", "BE", "DE", "MC"),
        phone,
      },
      { requiredKeys: ["addressLine1", "city", "postalCode", "country", "phone"] },
    ),
    promoCode: bienvenue,
    total: fc.integer(),
    unitAmount: fc.integer(),
  },
  { requiredKeys: ["items", "billing"] },
);

const body = fc.oneof(plausible, hostile);

/** The total the catalog gives for these items (they are known to be valid when this is called). */
function catalogTotal(items: unknown): number | undefined {
  if (!Array.isArray(items)) return undefined;
  let total = 0;
  for (const i of items) {
    const entry = i as { sku?: unknown; quantity?: unknown };
    if (typeof entry?.sku !== "string") return undefined;
    const price = prices[entry.sku];
    if (price === undefined || typeof entry.quantity !== "number") return undefined;
    total += price * entry.quantity;
  }
  return total;
}

async function post(path: string, payload: unknown, format: MacFormat): Promise<Response> {
  return call(
    path,
    {
      method: "POST",
      headers: { "Content-Type": "application/json", "CF-Connecting-IP": "192.0.2.77" },
      body: typeof payload === "string" ? payload : JSON.stringify(payload),
    },
    { MAC_FORMAT: format, CHECKOUT_RATE_LIMIT: "off" },
  );
}

/** What a quote or a checkout answers about the price. */
interface Priced {
  subtotal: number;
  shipping: { method: string; name: string; amount: number } | null;
  shippingMethods?: { method: string; name: string; amount: number }[];
  discount: { code: string; amount: number } | null;
  vat: { rate: number; net: number; amount: number }[];
  total: number;
}

/** The price invariants every answer keeps, against the catalog and the body's own choices. */
function expectPrice(
  priced: Priced,
  payload: { items?: unknown; promoCode?: unknown; shippingMethod?: unknown },
) {
  const items = payload.items as { sku: string }[];
  expect(priced.subtotal).toBe(catalogTotal(items));
  const code = typeof payload.promoCode === "string" ? payload.promoCode.trim() : "";
  // The demo's only code: 10 % of the subtotal, half up.
  const discount =
    code === "" ? null : { code: "BIENVENUE10", amount: Math.floor((priced.subtotal + 5) / 10) };
  expect(priced.discount).toEqual(discount);
  expect(priced.shipping === null).toBe(!items.some((item) => ships.has(item.sku)));
  const method = typeof payload.shippingMethod === "string" ? payload.shippingMethod.trim() : "";
  if (priced.shipping && method !== "") expect(priced.shipping.method).toBe(method);
  if (priced.shipping && priced.shippingMethods) {
    expect(priced.shippingMethods).toContainEqual(priced.shipping);
    const amounts = priced.shippingMethods.map((m) => m.amount);
    if (method === "") expect(priced.shipping.amount).toBe(Math.min(...amounts));
  }
  expect(priced.total).toBe(
    priced.subtotal + (priced.shipping?.amount ?? 0) - (priced.discount?.amount ?? 0),
  );
  expect(priced.vat.reduce((sum, part) => sum + part.net + part.amount, 0)).toBe(priced.total);
  for (const part of priced.vat) {
    expect([2000, 550]).toContain(part.rate);
    expect(part.amount).toBeGreaterThanOrEqual(0);
    expect(part.net).toBeGreaterThanOrEqual(0);
  }
}

async function expectWellFormedError(response: Response) {
  expect(response.status, await response.clone().text()).toBeLessThan(500);
  const json = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
  expect(json.error?.code).toMatch(/^ERR_[A-Z0-9_]+$/);
  expect(typeof json.error?.message).toBe("string");
}

describe("/api/quote and /api/checkout fuzzing (property-based)", () => {
  it("quote: never a 5xx, prices from the catalog only", async () => {
    let priced = 0;
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await post("/api/quote", payload, "v4");
        if (response.status !== 200) return expectWellFormedError(response);
        priced++;
        const quote = (await response.json()) as Priced & {
          lines: { sku: string; quantity: number; unitAmount: number; amount: number }[];
        };
        expectPrice(quote, payload);
        for (const line of quote.lines) {
          expect(line.unitAmount).toBe(prices[line.sku]);
          expect(line.amount).toBe(line.unitAmount * line.quantity);
        }
      }),
      { numRuns: RUNS },
    );
    // The generator must reach the pricing path often enough to mean something.
    expect(priced).toBeGreaterThan(RUNS / 5);
  }, 60_000);

  it("checkout: never a 5xx, catalog prices, and a form the bank's rules accept", async () => {
    const key = await importKey(KEY);
    let created = 0;
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom<MacFormat>("v4", "v3"), async (payload, format) => {
        const response = await post("/api/checkout", payload, format);
        if (response.status !== 201) return expectWellFormedError(response);
        created++;
        const answer = (await response.json()) as {
          order: Priced & { reference: string };
          form: { fields: Record<string, string> };
        };
        expectPrice(answer.order, payload);
        const total = answer.order.total;
        const row = await env.DB.prepare("SELECT total, status FROM orders WHERE reference = ?")
          .bind(answer.order.reference)
          .first<{ total: number; status: string }>();
        expect(row).toEqual({ total, status: "pending" });
        const fields = answer.form.fields;
        expect(fields.montant).toBe(formatAmount(total, "EUR"));
        const problems = diagnosePaymentFields(fields, format);
        expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([]);
        const { MAC, ...sealed } = fields;
        expect(await verifySeal(key, paymentMacData(sealed, format), MAC ?? "")).toBe(true);
        if (format === "v4") {
          // Digital goods, or the delivery address: 3-D Secure v2 always hears how the goods travel.
          const context = decodeOrderContext(fields.contexte_commande ?? "");
          const indicator = (context.shipping as { shipIndicator?: string } | undefined)
            ?.shipIndicator;
          if (answer.order.shipping === null) expect(indicator).toBe("digital_goods");
          else if (!payload.shipping) expect(indicator).toBe("billing_address");
          else expect(["billing_address", "another_address"]).toContain(indicator);
        }
      }),
      { numRuns: RUNS },
    );
    expect(created).toBeGreaterThan(RUNS / 5);
  }, 60_000);

  it("non-JSON and mistyped bodies: 4xx with a stable code", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 100, unit: "binary" }),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ""),
        ),
        fc.constantFrom("/api/quote", "/api/checkout"),
        async (text, path) => {
          const response = await post(path, text, "v4");
          if (response.status === 200 || response.status === 201) return;
          await expectWellFormedError(response);
        },
      ),
      { numRuns: 40 },
    );
  });
});
