/**
 * What each route costs in D1 round trips, counted on the real binding: the targets of the worker's data
 * layer (one replica read for a quote, one read and one write batch for a checkout — stock holds and promo
 * code included —, one batch for a notification, the stock taken by trigger), and SQL only in `src/db/`.
 */
import { createScheduledController } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  accepted,
  BILLING,
  call,
  checkout,
  env,
  merchantOrder,
  openLink,
  paidOrder,
  postJson,
  postRetour,
  terminal,
} from "../test/helpers.ts";
import { countRoundTrips } from "./db/round-trips.ts";
import worker from "./index.ts";

const CART = { items: [{ sku: "CD-KIND-OF-BLUE", quantity: 2 }] };

/** Runs a request with a counting D1 binding; resolves with the answer's status and the round trips. */
async function trips(run: (DB: D1Database) => Promise<Response>) {
  const counted = countRoundTrips(env.DB);
  const response = await run(counted.db);
  return { status: response.status, trips: counted.count() };
}

describe("D1 round trips per route", () => {
  it("quote and catalog: one read each, with a promo code, a shipping method and a counted stock", async () => {
    expect(await trips((DB) => postJson("/api/quote", CART, {}, { DB }))).toEqual({
      status: 200,
      trips: 1,
    });
    const full = {
      items: [...CART.items, { sku: "CD-LOVE-SUPREME-LTD", quantity: 1 }],
      promoCode: "BIENVENUE10",
      shippingMethod: "colissimo",
      shipping: { country: "FR" },
    };
    expect(await trips((DB) => postJson("/api/quote", full, {}, { DB }))).toEqual({
      status: 200,
      trips: 1,
    });
    expect(await trips((DB) => call("/api/products", {}, { DB }))).toEqual({
      status: 200,
      trips: 1,
    });
  });

  it("checkout: one read of the catalog and one write batch, the rate-limit count included", async () => {
    const body = {
      ...CART,
      billing: { addressLine1: "1 rue X", city: "Paris", postalCode: "75001", country: "FR" },
    };
    expect(await trips((DB) => postJson("/api/checkout", body, {}, { DB }))).toEqual({
      status: 201,
      trips: 2,
    });
    const counted = await trips((DB) =>
      postJson("/api/checkout", body, { "CF-Connecting-IP": "198.51.100.77" }, { DB }),
    );
    expect(counted).toEqual({ status: 201, trips: 2 });
    // A held stock and a promo code's use are written in the same batch.
    const held = {
      ...body,
      items: [...body.items, { sku: "CD-LOVE-SUPREME-LTD", quantity: 1 }],
      promoCode: "BIENVENUE10",
    };
    expect(await trips((DB) => postJson("/api/checkout", held, {}, { DB }))).toEqual({
      status: 201,
      trips: 2,
    });
  });

  it("merchant's order: one batch for a free amount, a read of the catalog more for items; its link's page: one batch", async () => {
    const free = {
      channel: "link",
      amount: 4500,
      currency: "EUR",
      description: "Acompte",
      billing: BILLING,
    };
    expect(await trips((DB) => postJson("/api/admin/orders", free, ADMIN, { DB }))).toEqual({
      status: 201,
      trips: 1,
    });
    const items = { channel: "phone", items: CART.items, billing: BILLING };
    expect(await trips((DB) => postJson("/api/admin/orders", items, ADMIN, { DB }))).toEqual({
      status: 201,
      trips: 2,
    });
    const { payUrl } = await merchantOrder();
    expect(await trips((DB) => openLink(payUrl, {}, { DB }))).toEqual({ status: 200, trips: 1 });
  });

  it("retour: one batch for a notification, whatever it says (stock taken by trigger); one write for a bad seal", async () => {
    const { order } = await checkout({
      items: [{ sku: "CD-LOVE-SUPREME-LTD", quantity: 1 }],
      promoCode: "BIENVENUE10",
    });
    const body = await accepted(order.reference, order.total);
    expect(await trips((DB) => postRetour(body, { DB }))).toEqual({ status: 200, trips: 1 });
    expect(await trips((DB) => postRetour(body, { DB }))).toEqual({ status: 200, trips: 1 });
    const orphan = await accepted("NOSUCHORDER9", 100);
    expect(await trips((DB) => postRetour(orphan, { DB }))).toEqual({ status: 200, trips: 1 });
    const forged = body.replace(/MAC=\w+/, "MAC=00");
    const invalid = await trips((DB) =>
      call(
        "/api/retour",
        {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            "CF-Connecting-IP": "198.51.100.78",
          },
          body: forged,
        },
        { DB },
      ),
    );
    expect(invalid).toEqual({ status: 200, trips: 1 });
  });

  it("order status and the merchant's order detail: one batch each", async () => {
    const { order } = await checkout();
    const status = `/api/orders/${order.reference}?token=${encodeURIComponent(order.token)}`;
    expect(await trips((DB) => call(status, {}, { DB }))).toEqual({ status: 200, trips: 1 });
    const detail = `/api/admin/orders/${order.reference}`;
    expect(await trips((DB) => call(detail, { headers: ADMIN }, { DB }))).toEqual({
      status: 200,
      trips: 1,
    });
  });

  it("operations: the lock taken with the ledger read, then one batch after the bank's answer", async () => {
    const deferred = terminal("deferred");
    const order = await paidOrder(deferred);
    const capture = await trips((DB) =>
      call(
        `/api/admin/orders/${order.reference}/capture`,
        {
          method: "POST",
          headers: { ...ADMIN, "Content-Type": "application/json" },
          body: '{"amount":100}',
        },
        { ...deferred, DB },
      ),
    );
    expect(capture).toEqual({ status: 200, trips: 2 });
  });

  it("the scheduled job: one read (the renewals to plan), then one batch", async () => {
    const counted = countRoundTrips(env.DB);
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now() }), {
      ...env,
      ...terminal("recurring"),
      DB: counted.db,
    });
    expect(counted.count()).toBe(2);
  });

  it("the console's figures: one batch for the home page, one read for a list's totals", async () => {
    const stats = await trips((DB) =>
      call("/api/admin/stats?tz=Europe/Paris", { headers: ADMIN }, { DB }),
    );
    expect(stats).toEqual({ status: 200, trips: 1 });
    const totals = await trips((DB) =>
      call("/api/admin/totals?status=paid", { headers: ADMIN }, { DB }),
    );
    expect(totals).toEqual({ status: 200, trips: 1 });
  });

  it("says how many in X-D1-Round-Trips when D1_ROUND_TRIPS=header", async () => {
    const response = await postJson("/api/quote", CART, {}, { D1_ROUND_TRIPS: "header" });
    expect(response.headers.get("X-D1-Round-Trips")).toBe("1");
    const off = await postJson("/api/quote", CART);
    expect(off.headers.get("X-D1-Round-Trips")).toBeNull();
  });
});

describe("the data layer", () => {
  it("holds every SQL statement: prepare() appears only in src/db/", () => {
    const sources = Object.entries(env.TEST_WORKER_SOURCES);
    expect(sources.length).toBeGreaterThan(20);
    const outside = sources
      .filter(([path, text]) => !path.startsWith("db/") && /\.prepare\(/.test(text))
      .map(([path]) => path);
    expect(outside).toEqual([]);
    expect(
      sources.some(([path, text]) => path.startsWith("db/") && text.includes(".prepare(")),
    ).toBe(true);
  });
});
