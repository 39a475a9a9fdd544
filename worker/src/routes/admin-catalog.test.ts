/**
 * The merchant's cart settings through the admin API: products (VAT, shipping, stock), shipping methods and
 * promo codes. What goes in comes back as the same JSON (the console and the catalog file build on it), bad
 * settings are refused with the member at fault, and a change applies to the next quote.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, adminJson, call, expectError, postJson } from "../../test/helpers.ts";

const JAPAN_POST = {
  name: "Japan Post EMS",
  currency: "EUR",
  zones: [
    {
      countries: ["JP"],
      basis: "total",
      rates: [
        { upTo: 10_000, amount: 3500 },
        { upTo: null, amount: 5000 },
      ],
      freeFrom: 50_000,
    },
  ],
  phoneRequired: true,
  pickup: false,
  deliveryTimeframe: "long",
  position: 9,
  active: true,
};

describe("/api/admin/shipping-methods", () => {
  it("stores a method as given, lists it, and the next quote uses it", async () => {
    const cd = { items: [{ sku: "CD-GOLDBERG", quantity: 1 }], shipping: { country: "JP" } };
    await expectError(await postJson("/api/quote", cd), 422, "ERR_SHIPPING_UNAVAILABLE");
    const put = await adminJson("PUT", "/shipping-methods/ems", JAPAN_POST);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ shippingMethod: { id: "ems", ...JAPAN_POST } });
    const list = (await (await call("/api/admin/shipping-methods", { headers: ADMIN })).json()) as {
      shippingMethods: { id: string }[];
    };
    expect(list.shippingMethods).toContainEqual({ id: "ems", ...JAPAN_POST });
    expect(list.shippingMethods.map((m) => m.id)).toEqual([
      "colissimo",
      "lettre-suivie",
      "colissimo-international",
      "ems",
    ]);
    const quote = await postJson("/api/quote", cd);
    expect(await quote.json()).toMatchObject({
      shipping: { method: "ems", name: "Japan Post EMS", amount: 3500 },
      requirements: { phone: true },
    });
    await adminJson("PUT", "/shipping-methods/ems", { ...JAPAN_POST, active: false });
    await expectError(await postJson("/api/quote", cd), 422, "ERR_SHIPPING_UNAVAILABLE");
  });

  it("fills the defaults of a minimal method", async () => {
    const minimal = {
      name: "Retrait en boutique",
      currency: "EUR",
      zones: [{ countries: ["FR"], basis: "total", rates: [{ upTo: null, amount: 0 }] }],
      pickup: true,
    };
    const response = await adminJson("PUT", "/shipping-methods/boutique", minimal);
    expect(await response.json()).toEqual({
      shippingMethod: {
        id: "boutique",
        ...minimal,
        zones: [{ ...minimal.zones[0], freeFrom: null }],
        phoneRequired: false,
        deliveryTimeframe: null,
        position: 0,
        active: true,
      },
    });
    // Collected at the shop: no delivery address is asked.
    const quote = await postJson("/api/quote", {
      items: [{ sku: "CD-GOLDBERG", quantity: 1 }],
      shippingMethod: "boutique",
    });
    expect(await quote.json()).toMatchObject({
      shipping: { method: "boutique", amount: 0 },
      requirements: { shippingAddress: false, phone: false },
    });
    await adminJson("PUT", "/shipping-methods/boutique", { ...minimal, active: false });
  });

  it.each([
    [{ ...JAPAN_POST, zones: [] }, "zones"],
    [{ ...JAPAN_POST, name: " " }, "name"],
    [
      { ...JAPAN_POST, zones: [{ ...JAPAN_POST.zones[0], countries: ["jp"] }] },
      "zones[0].countries[0]",
    ],
    [{ ...JAPAN_POST, zones: [{ ...JAPAN_POST.zones[0], basis: "volume" }] }, "zones[0].basis"],
    [
      {
        ...JAPAN_POST,
        zones: [
          {
            ...JAPAN_POST.zones[0],
            rates: [
              { upTo: null, amount: 1 },
              { upTo: 5, amount: 2 },
            ],
          },
        ],
      },
      "zones[0].rates",
    ],
    [
      {
        ...JAPAN_POST,
        zones: [
          {
            ...JAPAN_POST.zones[0],
            rates: [
              { upTo: 5, amount: 1 },
              { upTo: 5, amount: 2 },
            ],
          },
        ],
      },
      "zones[0].rates",
    ],
    [
      { ...JAPAN_POST, zones: [{ ...JAPAN_POST.zones[0], rates: [{ upTo: 5, amount: -1 }] }] },
      "zones[0].rates[0].amount",
    ],
    [{ ...JAPAN_POST, deliveryTimeframe: "tomorrow" }, "deliveryTimeframe"],
    [{ ...JAPAN_POST, phoneRequired: "yes" }, "phoneRequired"],
  ])("refuses %j naming %s", async (body, field) => {
    await expectError(
      await adminJson("PUT", "/shipping-methods/bad", body),
      400,
      "ERR_SHIPPING_METHOD_INVALID",
      field,
    );
  });

  it("refuses a bad id, an unknown currency, and callers without the token", async () => {
    await expectError(
      await adminJson("PUT", "/shipping-methods/Bad%20Id", JAPAN_POST),
      400,
      "ERR_SHIPPING_METHOD_INVALID",
      "id",
    );
    await expectError(
      await adminJson("PUT", "/shipping-methods/ems2", { ...JAPAN_POST, currency: "EURO" }),
      400,
      "ERR_CURRENCY_UNKNOWN",
      "currency",
    );
    const anonymous = await call("/api/admin/shipping-methods");
    expect(anonymous.status).toBe(401);
  });
});

describe("/api/admin/promo-codes", () => {
  it("stores a code under its upper-case name, in UTC, and counts its uses", async () => {
    const body = {
      kind: "amount",
      amount: 500,
      currency: "EUR",
      minimum: 3000,
      startsAt: "2026-07-01T00:00:00+02:00",
      endsAt: "2026-09-01T00:00:00+02:00",
      usageLimit: 100,
      description: "Soldes d'été",
    };
    const response = await adminJson("PUT", "/promo-codes/soldes-ete", body);
    expect(response.status).toBe(200);
    const stored = {
      code: "SOLDES-ETE",
      kind: "amount",
      rate: null,
      amount: 500,
      currency: "EUR",
      minimum: 3000,
      startsAt: "2026-06-30T22:00:00.000Z",
      endsAt: "2026-08-31T22:00:00.000Z",
      usageLimit: 100,
      active: true,
      description: "Soldes d'été",
      uses: 0,
    };
    expect(await response.json()).toEqual({ promoCode: stored });
    const list = (await (await call("/api/admin/promo-codes", { headers: ADMIN })).json()) as {
      promoCodes: unknown[];
    };
    expect(list.promoCodes).toContainEqual(stored);
    expect(list.promoCodes).toContainEqual(
      expect.objectContaining({ code: "BIENVENUE10", kind: "percent", rate: 1000 }),
    );
  });

  it.each([
    [{ kind: "percent" }, "kind"],
    [{ kind: "percent", rate: 1000, amount: 100 }, "kind"],
    [{ kind: "amount", amount: 100 }, "currency"],
    [{ kind: "percent", rate: 1000, minimum: 100 }, "currency"],
    [{ kind: "percent", rate: 0 }, "rate"],
    [{ kind: "percent", rate: 10_001 }, "rate"],
    [{ kind: "percent", rate: 1000, usageLimit: 0 }, "usageLimit"],
    [{ kind: "percent", rate: 1000, startsAt: "2026-07-01" }, "startsAt"],
    [{ kind: "percent", rate: 1000, startsAt: "tomorrow" }, "startsAt"],
    [
      {
        kind: "percent",
        rate: 1000,
        startsAt: "2026-09-01T00:00:00Z",
        endsAt: "2026-07-01T00:00:00Z",
      },
      "endsAt",
    ],
    [{ kind: "free", rate: 1000 }, "kind"],
  ])("refuses %j naming %s", async (body, field) => {
    await expectError(
      await adminJson("PUT", "/promo-codes/TEST", body),
      400,
      "ERR_PROMO_INVALID",
      field,
    );
  });

  it("refuses a code that is not one", async () => {
    await expectError(
      await adminJson("PUT", "/promo-codes/a%20b", { kind: "percent", rate: 1000 }),
      400,
      "ERR_PROMO_INVALID",
      "code",
    );
  });
});

describe("/api/admin/products: VAT, shipping and stock", () => {
  const box = { name: "Coffret", unitAmount: 4990, currency: "EUR" };

  it("stores VAT rate, shipping, weight and stock; a PUT without stock keeps it", async () => {
    const created = await adminJson("PUT", "/products/COFFRET-1", {
      ...box,
      vatRate: 550,
      ships: true,
      weight: 800,
      stock: 12,
    });
    expect(((await created.json()) as { product: unknown }).product).toEqual({
      sku: "COFFRET-1",
      ...box,
      description: "",
      active: true,
      maxInstalments: 1,
      vatRate: 550,
      ships: true,
      weight: 800,
      stock: 12,
      available: 12,
    });
    const renamed = await adminJson("PUT", "/products/COFFRET-1", { ...box, name: "Coffret jazz" });
    expect(((await renamed.json()) as { product: unknown }).product).toMatchObject({
      name: "Coffret jazz",
      vatRate: 2000,
      stock: 12,
    });
    const unlimited = await adminJson("PUT", "/products/COFFRET-1", { ...box, stock: null });
    expect(((await unlimited.json()) as { product: unknown }).product).toMatchObject({
      stock: null,
      available: null,
    });
  });

  it("adds and removes units without overwriting sales made meanwhile", async () => {
    await adminJson("PUT", "/products/COFFRET-2", { ...box, stock: 2 });
    const plus = await adminJson("POST", "/products/COFFRET-2/stock", { delta: 10 });
    expect(((await plus.json()) as { product: unknown }).product).toMatchObject({
      stock: 12,
      available: 12,
    });
    const minus = await adminJson("POST", "/products/COFFRET-2/stock", { delta: -3 });
    expect(((await minus.json()) as { product: unknown }).product).toMatchObject({ stock: 9 });
    await expectError(
      await adminJson("POST", "/products/CD-GOLDBERG/stock", { delta: 1 }),
      409,
      "ERR_STOCK_NOT_COUNTED",
    );
    await expectError(
      await adminJson("POST", "/products/NO-SUCH-CD/stock", { delta: 1 }),
      422,
      "ERR_PRODUCT_UNKNOWN",
    );
    await expectError(
      await adminJson("POST", "/products/COFFRET-2/stock", { delta: 1.5 }),
      400,
      "ERR_PRODUCT_INVALID",
      "delta",
    );
  });

  it.each([
    [{ ...box, vatRate: 10_001 }, "vatRate"],
    [{ ...box, vatRate: 5.5 }, "vatRate"],
    [{ ...box, ships: "no" }, "ships"],
    [{ ...box, weight: -1 }, "weight"],
    [{ ...box, stock: -1 }, "stock"],
  ])("refuses %j naming %s", async (body, field) => {
    await expectError(
      await adminJson("PUT", "/products/COFFRET-3", body),
      400,
      "ERR_PRODUCT_INVALID",
      field,
    );
  });
});
