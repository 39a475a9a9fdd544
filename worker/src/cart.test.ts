/**
 * The cart through the API, against the demo shop's seed (migration 0007): shipping by destination and
 * weight, VAT per rate, the promo code, what the buyer must give, and what the order keeps. Every expected
 * figure is worked out by hand in the comments from the seed's prices and rates.
 */
import { decodeOrderContext } from "@sceau/protocol";
import { describe, expect, it } from "vitest";
import {
  adminJson,
  adminOrder,
  BILLING,
  call,
  checkout,
  env,
  expectError,
  postJson,
} from "../test/helpers.ts";

const KIND_OF_BLUE = { sku: "CD-KIND-OF-BLUE", quantity: 1 };
const BOOKLET = { sku: "LIVRET-JAZZ-PDF", quantity: 1 };
const BRUSSELS = {
  addressLine1: "12 rue Haute",
  city: "Bruxelles",
  postalCode: "1000",
  country: "BE",
  phone: "0470 12 34 56",
};

async function quote(body: Record<string, unknown>, overrides = {}) {
  const response = await postJson("/api/quote", body, {}, overrides);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe("a CD shipped to Belgium with BIENVENUE10", () => {
  // 14.99 €; Colissimo International to Belgium, 120 g: 9.90 €; 10 % of 14.99 = 1.499 → 1.50 €.
  // Total 14.99 + 9.90 − 1.50 = 23.39 €. VAT 20 %, per line: 2.50 (of 14.99) + 1.65 (of 9.90) − 0.25
  // (of 1.50) = 3.90 €, on 23.39 €: net 19.49 €.
  const body = {
    items: [KIND_OF_BLUE],
    promoCode: "bienvenue10",
    shipping: { country: "BE" },
  };

  it("is quoted with shipping, discount and VAT, and asks for a phone", async () => {
    expect(await quote(body)).toMatchObject({
      subtotal: 1499,
      shipping: { method: "colissimo-international", name: "Colissimo International", amount: 990 },
      shippingMethods: [
        { method: "colissimo-international", name: "Colissimo International", amount: 990 },
      ],
      discount: { code: "BIENVENUE10", amount: 150 },
      vat: [{ rate: 2000, net: 1949, amount: 390 }],
      total: 2339,
      requirements: { email: "optional", billing: true, shippingAddress: true, phone: true },
    });
  });

  it("pays that total, and the order, its status page and the bank's order context say so", async () => {
    await expectError(
      await postJson("/api/checkout", {
        ...body,
        billing: BILLING,
        shipping: { ...BRUSSELS, phone: undefined },
      }),
      400,
      "ERR_PHONE_REQUIRED",
      "shipping.phone",
    );
    const { order, form } = await checkout({ ...body, shipping: BRUSSELS });
    expect(order).toMatchObject({
      subtotal: 1499,
      shipping: { method: "colissimo-international", amount: 990 },
      discount: { code: "BIENVENUE10", amount: 150 },
      vat: [{ rate: 2000, net: 1949, amount: 390 }],
      total: 2339,
    });
    expect(form.fields.montant).toBe("23.39EUR");
    const context = decodeOrderContext(form.fields.contexte_commande ?? "");
    expect(context.billing).toEqual(BILLING);
    expect(context.shipping).toEqual({
      addressLine1: "12 rue Haute",
      city: "Bruxelles",
      postalCode: "1000",
      country: "BE",
      phone: "+32-470123456",
      shipIndicator: "another_address",
      deliveryTimeframe: "long",
      matchBillingAddress: false,
    });
    const row = await env.DB.prepare(
      `SELECT subtotal, shipping_method, shipping_name, shipping_amount, promo_code, discount_amount, vat, total,
         shipping FROM orders WHERE reference = ?`,
    )
      .bind(order.reference)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({
      subtotal: 1499,
      shipping_method: "colissimo-international",
      shipping_name: "Colissimo International",
      shipping_amount: 990,
      promo_code: "BIENVENUE10",
      discount_amount: 150,
      total: 2339,
    });
    expect(JSON.parse(String(row?.vat))).toEqual([{ rate: 2000, net: 1949, amount: 390 }]);
    expect(JSON.parse(String(row?.shipping))).toMatchObject({
      city: "Bruxelles",
      phone: "+32-470123456",
    });
    const status = await call(
      `/api/orders/${order.reference}?token=${encodeURIComponent(order.token)}`,
    );
    expect(((await status.json()) as { order: unknown }).order).toMatchObject({
      subtotal: 1499,
      shipping: { method: "colissimo-international", name: "Colissimo International", amount: 990 },
      discount: { code: "BIENVENUE10", amount: 150 },
      vat: [{ rate: 2000, net: 1949, amount: 390 }],
      total: 2339,
      lines: [{ sku: "CD-KIND-OF-BLUE", quantity: 1, amount: 1499, vatRate: 2000, ships: true }],
    });
    // The merchant reads both: the priced method under `shipping`, where the parcel goes under `shippingAddress`.
    expect((await adminOrder(order.reference)).order).toMatchObject({
      shipping: { method: "colissimo-international", name: "Colissimo International", amount: 990 },
      shippingAddress: { city: "Bruxelles", phone: "+32-470123456" },
    });
  });
});

describe("shipping", () => {
  it("follows the weight and the free threshold in France, and the method asked for", async () => {
    // One CD (120 g, 14.99 €): the tracked letter 2.90 €, Colissimo 4.95 €; the cheapest is chosen.
    expect(await quote({ items: [KIND_OF_BLUE] })).toMatchObject({
      shipping: { method: "lettre-suivie", amount: 290 },
      shippingMethods: [
        { method: "colissimo", amount: 495 },
        { method: "lettre-suivie", amount: 290 },
      ],
      total: 1789,
    });
    // Two CDs (29.98 €): Colissimo is free from 25 €, unless the buyer asks for the letter (240 g: 2.90 €).
    const two = { items: [{ ...KIND_OF_BLUE, quantity: 2 }] };
    expect(await quote(two)).toMatchObject({
      shipping: { method: "colissimo", amount: 0 },
      total: 2998,
    });
    expect(await quote({ ...two, shippingMethod: "lettre-suivie" })).toMatchObject({
      shipping: { method: "lettre-suivie", amount: 290 },
      total: 3288,
    });
    // The box set (1.4 kg) is too heavy for a letter.
    const box = { items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }] };
    expect(await quote(box)).toMatchObject({
      shippingMethods: [{ method: "colissimo", amount: 0 }],
    });
    await expectError(
      await postJson("/api/quote", { ...box, shippingMethod: "lettre-suivie" }),
      422,
      "ERR_SHIPPING_UNAVAILABLE",
      "shippingMethod",
    );
  });

  it("refuses an unknown method, a destination nobody serves and a country that is not one", async () => {
    const cd = { items: [KIND_OF_BLUE] };
    await expectError(
      await postJson("/api/quote", { ...cd, shippingMethod: "pigeon" }),
      422,
      "ERR_SHIPPING_METHOD_UNKNOWN",
      "shippingMethod",
    );
    await expectError(
      await postJson("/api/quote", { ...cd, shippingMethod: "colissimo-international" }),
      422,
      "ERR_SHIPPING_UNAVAILABLE",
      "shippingMethod",
    );
    await expectError(
      await postJson("/api/quote", { ...cd, shipping: { country: "JP" } }),
      422,
      "ERR_SHIPPING_UNAVAILABLE",
      "shipping.country",
    );
    await expectError(
      await postJson("/api/quote", { ...cd, shipping: { country: "France" } }),
      400,
      "ERR_ADDRESS_INVALID",
      "shipping.country",
    );
    await expectError(
      await postJson("/api/checkout", {
        ...cd,
        billing: BILLING,
        shipping: { ...BILLING, country: "JP" },
      }),
      422,
      "ERR_SHIPPING_UNAVAILABLE",
      "shipping.country",
    );
  });

  it("is not charged, nor an address asked, when nothing ships", async () => {
    // The e-booklet: 4.90 € at 5.5 %, which includes 0.26 € (0.2554…).
    expect(await quote({ items: [BOOKLET], shippingMethod: "colissimo" })).toMatchObject({
      shipping: null,
      shippingMethods: [],
      vat: [{ rate: 550, net: 464, amount: 26 }],
      total: 490,
      requirements: { shippingAddress: false, phone: false },
    });
    const { order, form } = await checkout({ items: [BOOKLET] });
    expect(order.total).toBe(490);
    const context = decodeOrderContext(form.fields.contexte_commande ?? "");
    expect(context.shipping).toEqual({ shipIndicator: "digital_goods" });
    const row = await env.DB.prepare(
      "SELECT shipping, shipping_method FROM orders WHERE reference = ?",
    )
      .bind(order.reference)
      .first();
    expect(row).toEqual({ shipping: null, shipping_method: null });
  });

  it("delivers to the billing address when no shipping address is given", async () => {
    const { order, form } = await checkout({ items: [KIND_OF_BLUE] });
    const context = decodeOrderContext(form.fields.contexte_commande ?? "");
    expect(context.shipping).toEqual({
      ...BILLING,
      shipIndicator: "billing_address",
      deliveryTimeframe: "three_day",
      matchBillingAddress: true,
    });
    const row = await env.DB.prepare("SELECT shipping FROM orders WHERE reference = ?")
      .bind(order.reference)
      .first<{ shipping: string }>();
    expect(JSON.parse(row?.shipping ?? "null")).toEqual(BILLING);
  });
});

describe("VAT", () => {
  it("is broken down per rate, the shipping on the goods that ship", async () => {
    // A CD (14.99 €, 20 %) and the e-booklet (4.90 €, 5.5 %) to France: the letter (2.90 €) carries the CD only.
    // 20 %: 2.50 (of 14.99) + 0.48 (of 2.90) = 2.98 on 17.89; 5.5 %: 0.26 on 4.90.
    expect(await quote({ items: [KIND_OF_BLUE, BOOKLET] })).toMatchObject({
      subtotal: 1989,
      shipping: { amount: 290 },
      vat: [
        { rate: 2000, net: 1789 - 298, amount: 298 },
        { rate: 550, net: 490 - 26, amount: 26 },
      ],
      total: 2279,
    });
  });
});

describe("promo codes", () => {
  it("answers each refusal with its reason", async () => {
    const cd = { items: [KIND_OF_BLUE] };
    const put = (code: string, body: Record<string, unknown>) =>
      adminJson("PUT", `/promo-codes/${code}`, body);
    expect(
      (await put("ETE2025", { kind: "percent", rate: 2000, endsAt: "2025-09-01T00:00:00+02:00" }))
        .status,
    ).toBe(200);
    expect(
      (await put("NOEL", { kind: "percent", rate: 1500, startsAt: "2099-12-01T00:00:00Z" })).status,
    ).toBe(200);
    expect(
      (await put("DIXEUROS", { kind: "amount", amount: 1000, currency: "EUR", minimum: 5000 }))
        .status,
    ).toBe(200);
    expect((await put("OFFERT", { kind: "percent", rate: 10_000 })).status).toBe(200);
    for (const [code, error] of [
      ["NOPE", "ERR_PROMO_UNKNOWN"],
      ["ete2025", "ERR_PROMO_EXPIRED"],
      ["NOEL", "ERR_PROMO_NOT_STARTED"],
      ["DIXEUROS", "ERR_PROMO_MINIMUM"],
    ] as const) {
      await expectError(
        await postJson("/api/quote", { ...cd, promoCode: code }),
        422,
        error,
        "promoCode",
      );
    }
    const minimum = await expectError(
      await postJson("/api/checkout", { ...cd, billing: BILLING, promoCode: "DIXEUROS" }),
      422,
      "ERR_PROMO_MINIMUM",
    );
    expect(minimum.error.message).toBe("DIXEUROS needs a subtotal of at least 50.00 EUR.");
    expect(minimum.minimum).toEqual({ amount: 5000, currency: "EUR" });
    // 100 % off a CD still leaves the shipping to pay; 100 % off the e-booklet leaves nothing to pay by card.
    expect(await quote({ ...cd, promoCode: "OFFERT" })).toMatchObject({ total: 290 });
    await expectError(
      await postJson("/api/quote", { items: [BOOKLET], promoCode: "OFFERT" }),
      422,
      "ERR_PROMO_NOT_APPLICABLE",
      "promoCode",
    );
  });

  it("is ignored when empty", async () => {
    expect(await quote({ items: [BOOKLET], promoCode: "  " })).toMatchObject({
      discount: null,
      total: 490,
    });
  });
});

describe("requirements", () => {
  it("follow the shop's e-mail setting and the terminal's format", async () => {
    const required = { BUYER_EMAIL: "required" };
    expect(await quote({ items: [BOOKLET] }, required)).toMatchObject({
      requirements: { email: "required", billing: true },
    });
    await expectError(
      await postJson("/api/checkout", { items: [BOOKLET], billing: BILLING }, {}, required),
      400,
      "ERR_EMAIL_REQUIRED",
      "email",
    );
    expect(await quote({ items: [BOOKLET] }, { MAC_FORMAT: "v3" })).toMatchObject({
      requirements: { email: "optional", billing: false },
    });
    await expectError(
      await postJson("/api/quote", { items: [BOOKLET] }, {}, { BUYER_EMAIL: "sometimes" }),
      500,
      "ERR_CONFIG_INVALID",
      "BUYER_EMAIL",
    );
  });

  it("name the member a delivery lacks, and phone numbers the bank cannot read", async () => {
    const cd = { items: [KIND_OF_BLUE], billing: BILLING };
    await expectError(
      await postJson("/api/checkout", { ...cd, shipping: { city: "Lyon", country: "FR" } }),
      400,
      "ERR_ADDRESS_INVALID",
      "shipping.addressLine1",
    );
    await expectError(
      await postJson("/api/checkout", { ...cd, shipping: { ...BILLING, phone: "call me" } }),
      400,
      "ERR_ADDRESS_INVALID",
      "shipping.phone",
    );
  });
});

describe("GET /api/products", () => {
  it("says what each product costs in VAT, whether it ships, and what is left of a counted stock", async () => {
    const { products } = (await (await call("/api/products")).json()) as {
      products: Record<string, unknown>[];
    };
    const bySku = new Map(products.map((p) => [p.sku, p]));
    expect(bySku.get("LIVRET-JAZZ-PDF")).toMatchObject({ vatRate: 550, ships: false });
    expect(bySku.get("CD-KIND-OF-BLUE")).toMatchObject({ vatRate: 2000, ships: true });
    expect(bySku.get("CD-KIND-OF-BLUE")).not.toHaveProperty("available");
    expect(bySku.get("CD-LOVE-SUPREME-LTD")).toMatchObject({ available: 3 });
    for (const product of products) {
      expect(product).not.toHaveProperty("stock");
      expect(product).not.toHaveProperty("weight");
    }
  });
});
