import { describe, expect, it } from "vitest";
import { referenceMac } from "../../../packages/protocol/test/reference-seal.mjs";
import {
  accepted,
  BILLING,
  call,
  checkout,
  env,
  KEY,
  postJson,
  postRetour,
  SPLIT,
  terminal,
} from "../../test/helpers.ts";
import type { Env } from "../env.ts";

type ErrorBody = { error: { code: string; message: string; field?: string } };

async function expectError(response: Response, status: number, code: string, field?: string) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  if (field !== undefined) expect(body.error.field).toBe(field);
  return body;
}

describe("GET /api/products", () => {
  async function products(overrides = {}) {
    const response = await call("/api/products", {}, overrides);
    expect(response.status).toBe(200);
    return (
      (await response.json()) as {
        products: {
          sku: string;
          unitAmount: number;
          currency: string;
          maxInstalments: number;
          subscription: boolean;
        }[];
      }
    ).products;
  }

  it("lists the active catalog, with a split-payment product on a split terminal", async () => {
    const split = await products(SPLIT);
    const skus = split.map((p) => p.sku);
    expect(skus).toContain("CD-KIND-OF-BLUE");
    expect(skus).not.toContain("CD-EPUISE");
    expect(split.find((p) => p.sku === "CD-BREL-INTEGRALE")?.maxInstalments).toBe(4);
    expect((await products()).find((p) => p.sku === "CLUB-CD-DU-MOIS")).toMatchObject({
      unitAmount: 990,
      subscription: true,
    });
  });

  it("says 1 instalment for every product where the terminal cannot split, so shop pages show no such badge", async () => {
    for (const mode of ["immediate", "deferred"]) {
      const list = await products({ PAYMENT_MODE: mode });
      expect(new Set(list.map((p) => p.maxInstalments)), mode).toEqual(new Set([1]));
    }
  });
});

describe("POST /api/quote", () => {
  it("prices lines from the catalog and merges repeated skus", async () => {
    const response = await postJson("/api/quote", {
      items: [
        { sku: "CD-KIND-OF-BLUE", quantity: 1 },
        { sku: "CD-BLUE-TRAIN", quantity: 2 },
        { sku: "CD-KIND-OF-BLUE", quantity: 1, unitAmount: 1 },
      ],
    });
    expect(response.status).toBe(200);
    // 4 CDs of 120 g to France: Colissimo is free from 25 €, the tracked letter takes up to 500 g for 4.50 €.
    // VAT at 20 %, per line: 29.98 € includes 5.00 € (4.996…), 25.98 € includes 4.33 €.
    expect(await response.json()).toEqual({
      currency: "EUR",
      lines: [
        {
          sku: "CD-KIND-OF-BLUE",
          name: "Miles Davis — Kind of Blue",
          quantity: 2,
          unitAmount: 1499,
          amount: 2998,
          vatRate: 2000,
          ships: true,
        },
        {
          sku: "CD-BLUE-TRAIN",
          name: "John Coltrane — Blue Train",
          quantity: 2,
          unitAmount: 1299,
          amount: 2598,
          vatRate: 2000,
          ships: true,
        },
      ],
      subtotal: 5596,
      shipping: { method: "colissimo", name: "Colissimo", amount: 0 },
      shippingMethods: [
        { method: "colissimo", name: "Colissimo", amount: 0 },
        { method: "lettre-suivie", name: "Lettre suivie", amount: 450 },
      ],
      discount: null,
      vat: [{ rate: 2000, net: 5596 - 933, amount: 933 }],
      total: 5596,
      instalmentOptions: [],
      requirements: { email: "optional", billing: true, shippingAddress: true, phone: false },
    });
  });

  it("computes a split schedule that adds up to the total on a split-payment terminal", async () => {
    const response = await postJson(
      "/api/quote",
      { items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }], instalments: 3 },
      {},
      SPLIT,
    );
    const body = (await response.json()) as {
      total: number;
      instalmentOptions: number[];
      schedule: { date: string; amount: number }[];
    };
    expect(body.instalmentOptions).toEqual([2, 3, 4]);
    expect(body.schedule).toHaveLength(3);
    expect(body.schedule.reduce((s, i) => s + i.amount, 0)).toBe(body.total);
    for (const entry of body.schedule) expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("offers instalments only on a split-payment terminal and for articles sold that way", async () => {
    const brel = { items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }] };
    const single = await postJson("/api/quote", brel);
    expect(((await single.json()) as { instalmentOptions: number[] }).instalmentOptions).toEqual(
      [],
    );
    await expectError(
      await postJson("/api/quote", { ...brel, instalments: 3 }),
      422,
      "ERR_INSTALMENTS_UNAVAILABLE",
      "instalments",
    );
    // A split terminal splits every payment: a cart with an article sold once cannot be paid there.
    const mixed = { items: [...brel.items, { sku: "CD-GOLDBERG", quantity: 1 }] };
    await expectError(
      await postJson("/api/quote", mixed, {}, SPLIT),
      422,
      "ERR_INSTALMENTS_UNAVAILABLE",
      "instalments",
    );
    await expectError(
      await postJson("/api/checkout", { ...mixed, instalments: 2, billing: BILLING }, {}, SPLIT),
      422,
      "ERR_INSTALMENTS_UNAVAILABLE",
      "instalments",
    );
  });

  it("splits in the terminal's count when the buyer does not choose, on its day rule and percentages", async () => {
    const brel = { items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }] };
    const quote = async (vars: Partial<Env>, body: Record<string, unknown> = brel) =>
      (await (await postJson("/api/quote", body, {}, vars)).json()) as {
        instalmentOptions: number[];
        schedule: { date: string; amount: number }[];
      };
    expect((await quote(SPLIT)).schedule).toHaveLength(3);
    expect((await quote(terminal("splitCarryOver"))).schedule).toHaveLength(4);
    const fixed = await quote(terminal("splitFixedDay"));
    expect(fixed.instalmentOptions).toEqual([2]);
    expect(fixed.schedule.map((s) => s.amount)).toEqual([5397, 12593]);
    // The fixed day: the 2nd of the next month for an order of the 1st–20th, the 15th after.
    const day = Number(
      new Date().toLocaleDateString("en-GB", { timeZone: "Europe/Paris", day: "numeric" }),
    );
    expect(fixed.schedule[1]?.date.slice(8)).toBe(day <= 20 ? "02" : "15");
  });

  it("sells subscriptions on a recurring terminal only, and only subscriptions there", async () => {
    const club = { items: [{ sku: "CLUB-CD-DU-MOIS", quantity: 1 }] };
    await expectError(
      await postJson("/api/quote", club),
      422,
      "ERR_SUBSCRIPTION_UNAVAILABLE",
      "items[0].sku",
    );
    const recurring = terminal("recurring");
    const quote = await postJson("/api/quote", club, {}, recurring);
    // The club's CD ships every month: the cheapest method for 120 g in France (2.90 €) is part of what renews.
    expect(await quote.json()).toMatchObject({
      subtotal: 990,
      shipping: { method: "lettre-suivie", amount: 290 },
      total: 1280,
      instalmentOptions: [],
      subscription: { amount: 1280, periodMonths: 1, maxRenewals: 0 },
    });
    const quarterly = await postJson("/api/quote", club, {}, terminal("recurringPeriodEnd"));
    expect(await quarterly.json()).toMatchObject({
      subscription: { amount: 1280, periodMonths: 3, maxRenewals: 2 },
    });
    const mixed = { items: [...club.items, { sku: "CD-GOLDBERG", quantity: 1 }] };
    await expectError(
      await postJson("/api/checkout", { ...mixed, billing: BILLING }, {}, recurring),
      422,
      "ERR_SUBSCRIPTION_ONLY",
      "items[1].sku",
    );
  });

  it.each([
    [{ items: [] }, 400, "ERR_CART_EMPTY", "items"],
    [{}, 400, "ERR_CART_EMPTY", "items"],
    [{ items: "CD" }, 400, "ERR_CART_EMPTY", "items"],
    [{ items: [{ sku: "", quantity: 1 }] }, 400, "ERR_SKU_INVALID", "items[0].sku"],
    [{ items: [{ sku: "a b", quantity: 1 }] }, 400, "ERR_SKU_INVALID", "items[0].sku"],
    [{ items: [null] }, 400, "ERR_SKU_INVALID", "items[0].sku"],
    [
      { items: [{ sku: "CD-BLUE-TRAIN", quantity: 0 }] },
      400,
      "ERR_QUANTITY_INVALID",
      "items[0].quantity",
    ],
    [
      { items: [{ sku: "CD-BLUE-TRAIN", quantity: -1 }] },
      400,
      "ERR_QUANTITY_INVALID",
      "items[0].quantity",
    ],
    [
      { items: [{ sku: "CD-BLUE-TRAIN", quantity: 1.5 }] },
      400,
      "ERR_QUANTITY_INVALID",
      "items[0].quantity",
    ],
    [
      { items: [{ sku: "CD-BLUE-TRAIN", quantity: "2" }] },
      400,
      "ERR_QUANTITY_INVALID",
      "items[0].quantity",
    ],
    [
      { items: [{ sku: "CD-BLUE-TRAIN", quantity: 1e9 }] },
      400,
      "ERR_QUANTITY_INVALID",
      "items[0].quantity",
    ],
    [
      {
        items: [
          { sku: "CD-BLUE-TRAIN", quantity: 60 },
          { sku: "CD-BLUE-TRAIN", quantity: 60 },
        ],
      },
      400,
      "ERR_QUANTITY_INVALID",
      "items[1].quantity",
    ],
    [
      { items: Array.from({ length: 51 }, (_, i) => ({ sku: `SKU${i}`, quantity: 1 })) },
      400,
      "ERR_CART_TOO_LARGE",
      "items",
    ],
    [{ items: [{ sku: "NOPE", quantity: 1 }] }, 422, "ERR_PRODUCT_UNKNOWN", "items[0].sku"],
    [{ items: [{ sku: "CD-EPUISE", quantity: 1 }] }, 422, "ERR_PRODUCT_INACTIVE", "items[0].sku"],
    [
      { items: [{ sku: "CD-BLUE-TRAIN", quantity: 1 }], instalments: 5 },
      400,
      "ERR_INSTALMENTS_INVALID",
      "instalments",
    ],
    [
      { items: [{ sku: "CD-BLUE-TRAIN", quantity: 1 }], instalments: "2" },
      400,
      "ERR_INSTALMENTS_INVALID",
      "instalments",
    ],
  ])("refuses %j with %i %s", async (body, status, code, field) => {
    await expectError(await postJson("/api/quote", body), status, code, field);
  });

  it("refuses mixed currencies and absurd totals", async () => {
    const admin = { Authorization: "Bearer dev-admin-token" };
    const put = (sku: string, body: unknown) =>
      call(`/api/admin/products/${sku}`, {
        method: "PUT",
        headers: { ...admin, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    expect(
      (await put("CD-IMPORT-USD", { name: "Import", unitAmount: 2500, currency: "USD" })).status,
    ).toBe(200);
    expect(
      (await put("CD-OR-MASSIF", { name: "Disque d'or", unitAmount: 9_000_000, currency: "EUR" }))
        .status,
    ).toBe(200);
    await expectError(
      await postJson("/api/quote", {
        items: [
          { sku: "CD-BLUE-TRAIN", quantity: 1 },
          { sku: "CD-IMPORT-USD", quantity: 1 },
        ],
      }),
      422,
      "ERR_CURRENCY_MIXED",
      "items[1].sku",
    );
    await expectError(
      await postJson("/api/quote", { items: [{ sku: "CD-OR-MASSIF", quantity: 2 }] }),
      422,
      "ERR_AMOUNT_EXCEEDS_LIMIT",
    );
  });

  it("refuses non-JSON (415), malformed JSON (400), a JSON array (400) and oversized bodies (413)", async () => {
    /** A quote request with this exact body and content type (none when undefined). */
    const postQuote = (body: string, type?: string) =>
      call("/api/quote", {
        method: "POST",
        body,
        ...(type && { headers: { "Content-Type": type } }),
      });
    await expectError(await postQuote("{}", "text/plain"), 415, "ERR_UNSUPPORTED_MEDIA_TYPE");
    await expectError(await postQuote("{}"), 415, "ERR_UNSUPPORTED_MEDIA_TYPE");
    await expectError(await postQuote("{items:", "application/json"), 400, "ERR_JSON_INVALID");
    await expectError(await postQuote("[]", "application/json"), 400, "ERR_JSON_INVALID");
    await expectError(
      await postJson("/api/quote", { items: [], padding: "x".repeat(20_000) }),
      413,
      "ERR_BODY_TOO_LARGE",
    );
  });
});

describe("POST /api/checkout", () => {
  it("creates the order before answering and returns a sealed v4 form", async () => {
    const result = await checkout({ email: "client@example.com", lang: "en" });
    expect(result.order).toMatchObject({ status: "pending", total: 2998, currency: "EUR" });
    expect(result.order.reference).toMatch(/^[A-Z0-9]{12}$/);
    expect(result.order.token).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes, base64url
    expect(result.form.method).toBe("POST");
    expect(result.form.action).toBe("http://127.0.0.1:8788/test/paiement.cgi");
    const f = result.form.fields;
    expect(f).toMatchObject({
      TPE: "7654321",
      societe: "boutiqueducd",
      montant: "29.98EUR",
      reference: result.order.reference,
      lgue: "EN",
      mail: "client@example.com",
    });
    expect(f.MAC).toBe(referenceMac(KEY, "payment", "v4", f));
    // Two CDs (29.98 €) ship free by Colissimo in France, to the billing address (no shipping address given).
    expect(JSON.parse(atob(f.contexte_commande ?? ""))).toEqual({
      billing: BILLING,
      shipping: {
        ...BILLING,
        shipIndicator: "billing_address",
        deliveryTimeframe: "two_day",
        matchBillingAddress: true,
      },
    });
    const ok = new URL(f.url_retour_ok ?? "");
    expect(ok.origin + ok.pathname).toBe("http://localhost:5173/merci.html");
    expect(ok.searchParams.get("reference")).toBe(result.order.reference);
    expect(ok.searchParams.get("token")).toBe(result.order.token);
    expect(ok.searchParams.get("return")).toBeNull();
    const err = new URL(f.url_retour_err ?? "");
    expect(err.origin + err.pathname).toBe("http://localhost:5173/erreur.html");
    expect(Object.fromEntries(err.searchParams)).toEqual({
      reference: result.order.reference,
      token: result.order.token,
      return: "error",
    });
    // Persisted: the status route finds it with the token.
    const status = await call(
      `/api/orders/${result.order.reference}?token=${encodeURIComponent(result.order.token)}`,
    );
    expect(status.status).toBe(200);
  });

  it("stores a snapshot of the cart with the prices charged, the buyer's details and a hashed token", async () => {
    const result = await checkout(
      {
        items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }],
        instalments: 2,
        email: "client@example.com",
        lang: "de",
        shipping: { addressLine1: "2 rue Y", city: "Lyon", postalCode: "69001", country: "FR" },
      },
      SPLIT,
    );
    const row = await env.DB.prepare("SELECT * FROM orders WHERE reference = ?")
      .bind(result.order.reference)
      .first<Record<string, string | number>>();
    expect(row).toMatchObject({
      status: "pending",
      total: 17990,
      currency: "EUR",
      lang: "DE",
      email: "client@example.com",
      instalments: 2,
      mac_format: "v4",
      tpe: "7654323",
      payment_mode: "split",
    });
    expect(JSON.parse(String(row?.cart))).toEqual([
      {
        sku: "CD-BREL-INTEGRALE",
        name: "Jacques Brel — Intégrale 16 CD",
        quantity: 1,
        unitAmount: 17990,
        amount: 17990,
        vatRate: 2000,
        ships: true,
      },
    ]);
    expect(JSON.parse(String(row?.billing))).toEqual(BILLING);
    expect(JSON.parse(String(row?.shipping)).city).toBe("Lyon");
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.token_hash).not.toBe(result.order.token);
    // Its payments, pending until the card is accepted.
    const schedule = await env.DB.prepare(
      "SELECT kind, number, amount, state FROM payments WHERE reference = ? ORDER BY number",
    )
      .bind(result.order.reference)
      .all();
    expect(schedule.results).toEqual([
      { kind: "instalment", number: 1, amount: 8995, state: "pending" },
      { kind: "instalment", number: 2, amount: 8995, state: "pending" },
    ]);
  });

  it("gives every order a different reference and token", async () => {
    const a = await checkout();
    const b = await checkout();
    expect(a.order.reference).not.toBe(b.order.reference);
    expect(a.order.token).not.toBe(b.order.token);
  });

  it("seals the split schedule into the form", async () => {
    const result = await checkout(
      { items: [{ sku: "CD-BREL-INTEGRALE", quantity: 1 }], instalments: 4 },
      SPLIT,
    );
    expect(result.form.fields.nbrech).toBe("4");
    const instalments = [1, 2, 3, 4].map((n) => result.form.fields[`montantech${n}`] ?? "");
    for (const amount of instalments) expect(amount).toMatch(/^\d+\.\d{2}EUR$/);
    expect(instalments.reduce((sum, a) => sum + Math.round(Number.parseFloat(a) * 100), 0)).toBe(
      17990,
    );
  });

  it("builds a v3 form without billing when the terminal is v3 (a parcel still needs an address)", async () => {
    const shipping = { ...BILLING, city: "Lyon" };
    const result = await checkout({ billing: undefined, shipping }, { MAC_FORMAT: "v3" });
    expect(result.form.fields.version).toBe("3.0");
    expect(result.form.fields.contexte_commande).toBeUndefined();
    // RETURN_URL: the v3 "back to the shop" link, which says the buyer cancelled.
    const back = new URL(result.form.fields.url_retour ?? "");
    expect(back.origin + back.pathname).toBe("http://localhost:5173/");
    expect(back.searchParams.get("return")).toBe("cancel");
    expect(back.searchParams.get("reference")).toBe(result.order.reference);
    expect(back.searchParams.get("token")).toBe(result.order.token);
    expect(result.form.fields.MAC).toBe(referenceMac(KEY, "payment", "v3", result.form.fields));
    const v3 = { MAC_FORMAT: "v3" };
    const cd = { items: [{ sku: "CD-BLUE-TRAIN", quantity: 1 }] };
    await expectError(
      await postJson("/api/checkout", cd, {}, v3),
      400,
      "ERR_SHIPPING_REQUIRED",
      "shipping",
    );
    const booklet = { items: [{ sku: "LIVRET-JAZZ-PDF", quantity: 1 }] };
    expect((await postJson("/api/checkout", booklet, {}, v3)).status).toBe(201);
  });

  it.each([
    [{ lang: "XX" }, "ERR_LANGUAGE_INVALID", "lang"],
    [{ lang: 3 }, "ERR_LANGUAGE_INVALID", "lang"],
    [{ email: "not-an-email" }, "ERR_EMAIL_INVALID", "email"],
    [{ billing: undefined }, "ERR_BILLING_REQUIRED", "billing"],
    [{ billing: "Paris" }, "ERR_ADDRESS_INVALID", "billing"],
    [{ billing: { ...BILLING, city: 42 } }, "ERR_ADDRESS_INVALID", "billing.city"],
    [{ billing: { ...BILLING, country: "France" } }, "ERR_ADDRESS_INVALID", "billing.country"],
    [{ billing: { city: "Paris" } }, "ERR_ADDRESS_INVALID", undefined],
  ])("refuses %j", async (extra, code, field) => {
    const response = await postJson("/api/checkout", {
      items: [{ sku: "CD-BLUE-TRAIN", quantity: 1 }],
      billing: BILLING,
      ...extra,
    });
    await expectError(response, 400, code, field);
  });

  it("refuses unknown products before creating anything", async () => {
    await expectError(
      await postJson("/api/checkout", { items: [{ sku: "NOPE", quantity: 1 }], billing: BILLING }),
      422,
      "ERR_PRODUCT_UNKNOWN",
    );
  });

  it.each([
    [{ TPE: "123" }, "TPE"],
    [{ SOCIETE: "boutique du cd" }, "SOCIETE"],
    [{ MAC_FORMAT: "v5" }, "MAC_FORMAT"],
    [{ BANK: "banque-de-france" }, "BANK"],
    [{ BANK_ENV: "staging" }, "BANK_ENV"],
    [{ BANK_ENV: "production" }, "BANK_ENV"],
    [{ BANK_SANDBOX_URL: "ftp://bank" }, "BANK_SANDBOX_URL"],
    [{ BANK_SANDBOX_URL: undefined }, "BANK_SANDBOX_URL"],
    [{ MERCHANT_KEY: undefined }, "MERCHANT_KEY"],
    [{ MERCHANT_KEY: "0123456789ABCDEF0123456789ABCDEF0123456Z" }, "MERCHANT_KEY"],
    [{ BANK: "monetico", BANK_ENV: "production" }, "MERCHANT_KEY"],
    [{ BANK: "cic", BANK_ENV: "test" }, "MERCHANT_KEY"],
    [{ BANK: "cic", BANK_ENV: undefined }, "BANK_ENV"],
    [{ BANK: "cm", BANK_ENV: " " }, "BANK_ENV"],
    [{ RETURN_URL_OK: "merci.html" }, "RETURN_URL_OK"],
    [{ RETURN_URL_ERR: undefined }, "RETURN_URL_ERR"],
    [{ PAYMENT_MODE: "later" }, "PAYMENT_MODE"],
  ])("names the bad variable %j without leaking the key", async (overrides, variable) => {
    const response = await postJson(
      "/api/checkout",
      { items: [{ sku: "CD-BLUE-TRAIN", quantity: 1 }], billing: BILLING },
      {},
      overrides,
    );
    const text = await response.text();
    expect(response.status).toBe(500);
    const body = JSON.parse(text) as ErrorBody;
    expect(body.error.code).toBe("ERR_CONFIG_INVALID");
    expect(body.error.field).toBe(variable);
    expect(body.error.message).toContain(variable);
    expect(text).not.toContain("0123456789ABCDEF");
  });
});

describe("GET /api/orders/:reference", () => {
  it("shows the status to the holder of the token, and follows the payment", async () => {
    const { order } = await checkout();
    const url = `/api/orders/${order.reference}?token=${encodeURIComponent(order.token)}`;
    const before = (await (await call(url)).json()) as { order: { status: string; total: number } };
    expect(before.order).toMatchObject({ status: "pending", total: 2998, currency: "EUR" });
    const paying = Date.now();
    await postRetour(await accepted(order.reference, order.total));
    const after = (await (await call(url)).json()) as { order: { status: string; paidAt: string } };
    expect(after.order.status).toBe("paid");
    expect(after.order.paidAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(after.order.paidAt)).toBeGreaterThanOrEqual(paying);
    expect(Date.parse(after.order.paidAt)).toBeLessThanOrEqual(Date.now());
  });

  it("answers 404 for a wrong or missing token, and for unknown references", async () => {
    const { order } = await checkout();
    const other = await checkout();
    for (const path of [
      `/api/orders/${order.reference}?token=wrong`,
      `/api/orders/${order.reference}`,
      `/api/orders/${order.reference}?token=${other.order.token}`,
      `/api/orders/NOSUCHORDER1?token=${order.token}`,
      `/api/orders/bad-ref!?token=${order.token}`,
    ]) {
      await expectError(await call(path), 404, "ERR_ORDER_NOT_FOUND");
    }
  });
});

describe("CORS and headers", () => {
  it("allows the shop's origins and, with the sandbox bank, any loopback origin", async () => {
    for (const origin of [
      "http://localhost:5173",
      "http://127.0.0.1:4321",
      "http://localhost:3000",
    ]) {
      const preflight = await call("/api/checkout", {
        method: "OPTIONS",
        headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
      const get = await call("/api/products", { headers: { Origin: origin } });
      expect(get.headers.get("access-control-allow-origin")).toBe(origin);
    }
  });

  it("refuses other origins, and loopback ones in production", async () => {
    const preflight = await call("/api/checkout", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example" },
    });
    await expectError(preflight, 403, "ERR_ORIGIN_NOT_ALLOWED");
    const post = await postJson(
      "/api/quote",
      { items: [{ sku: "CD-BLUE-TRAIN", quantity: 1 }] },
      { Origin: "https://evil.example" },
    );
    await expectError(post, 403, "ERR_ORIGIN_NOT_ALLOWED");
    const get = await call("/api/products", { headers: { Origin: "https://evil.example" } });
    expect(get.status).toBe(200);
    expect(get.headers.get("access-control-allow-origin")).toBeNull();
    const deployed = { BANK: "monetico", SHOP_ORIGINS: "https://boutiqueducd.fr" };
    const loopback = await call(
      "/api/products",
      { headers: { Origin: "http://localhost:3000" } },
      deployed,
    );
    expect(loopback.headers.get("access-control-allow-origin")).toBeNull();
    const shop = await call(
      "/api/products",
      { headers: { Origin: "https://boutiqueducd.fr" } },
      deployed,
    );
    expect(shop.headers.get("access-control-allow-origin")).toBe("https://boutiqueducd.fr");
  });

  it("names a malformed SHOP_ORIGINS", async () => {
    const response = await call(
      "/api/products",
      { headers: { Origin: "https://x.example" } },
      { SHOP_ORIGINS: "https://x.example/shop" },
    );
    await expectError(response, 500, "ERR_CONFIG_INVALID", "SHOP_ORIGINS");
  });

  it("gives no CORS headers on the bank's route", async () => {
    const response = await call("/api/retour", {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:5173" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sets security headers on every answer, errors included", async () => {
    for (const response of [
      await call("/api/products"),
      await call("/api/nope"),
      await postJson("/api/quote", {}),
    ]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("answers JSON 404 for unknown routes", async () => {
    await expectError(await call("/api/nope"), 404, "ERR_NOT_FOUND");
    const health = await call("/api/health");
    expect(await health.json()).toEqual({ ok: true });
  });
});
