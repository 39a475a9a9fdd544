/**
 * Stock and promo-code limits under concurrent checkouts, in workerd against the real D1: holds are written
 * in each order's batch only while the units (the uses) are there; payment takes them, abandonment releases
 * them, expiry lets them go. The abandonment of issue 17 is played here by setting the order's status, as its
 * scheduled job does.
 */
import { describe, expect, it } from "vitest";
import {
  ADMIN,
  accepted,
  adminJson,
  BILLING,
  call,
  env,
  postJson,
  postRetour,
  refused,
} from "../test/helpers.ts";

let made = 0;

/** A new product with a counted stock (a gift card: nothing ships, so only the stock decides). */
async function stocked(stock: number): Promise<string> {
  made++;
  const sku = `STOCK-${made}-${crypto.randomUUID().slice(0, 8)}`;
  const response = await adminJson("PUT", `/products/${sku}`, {
    name: `Carte cadeau ${made}`,
    unitAmount: 2000,
    currency: "EUR",
    vatRate: 0,
    ships: false,
    stock,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return sku;
}

/** The product as the merchant sees it. */
async function product(sku: string) {
  const response = await call("/api/admin/products", { headers: ADMIN });
  const list = (await response.json()) as {
    products: { sku: string; stock: number | null; available: number | null }[];
  };
  return list.products.find((p) => p.sku === sku);
}

function buy(sku: string, quantity: number, extra: Record<string, unknown> = {}) {
  return postJson("/api/checkout", { items: [{ sku, quantity }], billing: BILLING, ...extra });
}

async function created(response: Response) {
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { order: { reference: string; total: number } }).order;
}

describe("stock under concurrent checkouts", () => {
  it("50 checkouts of one unit at once for 10 in stock: 10 orders, 40 refusals, nothing oversold", async () => {
    const sku = await stocked(10);
    const answers = await Promise.all(Array.from({ length: 50 }, () => buy(sku, 1)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const response of answers.filter((r) => r.status === 409)) {
      const body = (await response.json()) as { error: { code: string; field: string } };
      expect(body.error).toMatchObject({ code: "ERR_OUT_OF_STOCK", field: "items[0].quantity" });
    }
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE cart LIKE ?")
      .bind(`%"${sku}"%`)
      .first<{ n: number }>();
    expect(orders?.n).toBe(10);
    expect(await product(sku)).toMatchObject({ stock: 10, available: 0 });
    const shop = (await (await call("/api/products")).json()) as {
      products: { sku: string; available?: number }[];
    };
    expect(shop.products.find((p) => p.sku === sku)?.available).toBe(0);
  });

  it("50 checkouts of 1 to 3 units at once: what is sold plus what is left is the stock", async () => {
    const sku = await stocked(37);
    const quantities = Array.from({ length: 50 }, (_, i) => (i % 3) + 1);
    const answers = await Promise.all(quantities.map((q) => buy(sku, q)));
    const sold = answers.reduce(
      (sum, r, i) => sum + (r.status === 201 ? (quantities[i] ?? 0) : 0),
      0,
    );
    const after = await product(sku);
    expect(sold + (after?.available ?? -1)).toBe(37);
    // A checkout was refused only when even the final availability could not serve it.
    answers.forEach((r, i) => {
      if (r.status !== 201) expect(quantities[i]).toBeGreaterThan(after?.available ?? 0);
    });
    expect(answers.every((r) => r.status === 201 || r.status === 409)).toBe(true);
  });
});

/**
 * The database binding, with `rival` run just before each write batch: what another checkout does between this
 * one's read of the catalog and its write.
 */
function racing(rival: () => Promise<unknown>): D1Database {
  return new Proxy(env.DB, {
    get(target, name) {
      if (name === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          await rival();
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("the write batch decides, whatever the read saw", () => {
  it("refuses units held by another order between the read and the write, and keeps no partial hold", async () => {
    const first = await stocked(3);
    const second = await stocked(1);
    const DB = racing(() =>
      env.DB.prepare(
        `INSERT INTO stock_holds (reference, sku, quantity, status, expires_at)
         VALUES ('RIVAL', ?, 1, 'held', '2999-01-01T00:00:00.000Z')`,
      )
        .bind(second)
        .run(),
    );
    const response = await postJson(
      "/api/checkout",
      {
        items: [
          { sku: first, quantity: 2 },
          { sku: second, quantity: 1 },
        ],
        billing: BILLING,
      },
      {},
      { DB },
    );
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      code: "ERR_OUT_OF_STOCK",
      field: "items[1].quantity",
    });
    expect(await product(first)).toMatchObject({ stock: 3, available: 3 });
    const orders = await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE cart LIKE ?")
      .bind(`%"${first}"%`)
      .first<{ n: number }>();
    expect(orders?.n).toBe(0);
  });

  it("refuses a code's last use taken between the read and the write", async () => {
    expect(
      (
        await adminJson("PUT", "/promo-codes/UNEFOIS", {
          kind: "amount",
          amount: 100,
          currency: "EUR",
          usageLimit: 1,
        })
      ).status,
    ).toBe(200);
    const DB = racing(() =>
      env.DB.prepare(
        `INSERT INTO promo_redemptions (reference, code, status, expires_at)
         VALUES ('RIVAL', 'UNEFOIS', 'held', '2999-01-01T00:00:00.000Z')`,
      ).run(),
    );
    const body = {
      items: [{ sku: "LIVRET-JAZZ-PDF", quantity: 1 }],
      billing: BILLING,
      promoCode: "UNEFOIS",
    };
    const response = await postJson("/api/checkout", body, {}, { DB });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      code: "ERR_PROMO_EXHAUSTED",
      field: "promoCode",
    });
    const left = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM promo_redemptions WHERE code = 'UNEFOIS' AND reference <> 'RIVAL'",
    ).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

describe("a hold's life", () => {
  it("is kept through a refusal, and taken by the payment", async () => {
    const sku = await stocked(5);
    const order = await created(await buy(sku, 2));
    expect(await product(sku)).toMatchObject({ stock: 5, available: 3 });
    // The bank lets the buyer try again on the same order: the units stay held.
    await postRetour(await refused(order.reference, order.total));
    expect(await product(sku)).toMatchObject({ stock: 5, available: 3 });
    await postRetour(await accepted(order.reference, order.total));
    expect(await product(sku)).toMatchObject({ stock: 3, available: 3 });
    // A replayed acceptance takes nothing more.
    await postRetour(await accepted(order.reference, order.total));
    expect(await product(sku)).toMatchObject({ stock: 3, available: 3 });
  });

  it("is released when the order is abandoned, and lets go at its expiry", async () => {
    const sku = await stocked(2);
    const first = await created(await buy(sku, 2));
    await expectOutOfStock(buy(sku, 1));
    await env.DB.prepare("UPDATE orders SET status = 'abandoned' WHERE reference = ?")
      .bind(first.reference)
      .run();
    expect(await product(sku)).toMatchObject({ stock: 2, available: 2 });
    const second = await created(await buy(sku, 2));
    await env.DB.prepare("UPDATE stock_holds SET expires_at = ? WHERE reference = ?")
      .bind("2020-01-01T00:00:00.000Z", second.reference)
      .run();
    expect(await product(sku)).toMatchObject({ stock: 2, available: 2 });
  });

  it("a payment after the hold expired still takes its units: the merchant sees the stock go below zero", async () => {
    const sku = await stocked(1);
    const late = await created(await buy(sku, 1));
    await env.DB.prepare("UPDATE stock_holds SET expires_at = ? WHERE reference = ?")
      .bind("2020-01-01T00:00:00.000Z", late.reference)
      .run();
    const other = await created(await buy(sku, 1));
    await postRetour(await accepted(late.reference, late.total));
    await postRetour(await accepted(other.reference, other.total));
    expect(await product(sku)).toMatchObject({ stock: -1, available: 0 });
  });
});

async function expectOutOfStock(pending: Promise<Response>) {
  const response = await pending;
  expect(response.status).toBe(409);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
    "ERR_OUT_OF_STOCK",
  );
}

describe("a promo code's usage limit", () => {
  it("50 checkouts at once with a code usable 5 times: 5 orders use it, 45 are told it is used up", async () => {
    expect(
      (
        await adminJson("PUT", "/promo-codes/CINQFOIS", {
          kind: "percent",
          rate: 500,
          usageLimit: 5,
        })
      ).status,
    ).toBe(200);
    const booklet = { items: [{ sku: "LIVRET-JAZZ-PDF", quantity: 1 }], billing: BILLING };
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        postJson("/api/checkout", { ...booklet, promoCode: "cinqfois" }),
      ),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
    const refusals = answers.filter((r) => r.status !== 201);
    expect(refusals).toHaveLength(45);
    for (const response of refusals) {
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: { code: string; field: string } };
      expect(body.error).toMatchObject({ code: "ERR_PROMO_EXHAUSTED", field: "promoCode" });
    }
    const orders = await env.DB.prepare(
      "SELECT reference FROM orders WHERE promo_code = 'CINQFOIS'",
    ).all<{
      reference: string;
    }>();
    expect(orders.results).toHaveLength(5);
    const uses = async () => {
      const response = await call("/api/admin/promo-codes", { headers: ADMIN });
      const { promoCodes } = (await response.json()) as {
        promoCodes: { code: string; uses: number }[];
      };
      return promoCodes.find((c) => c.code === "CINQFOIS")?.uses;
    };
    expect(await uses()).toBe(5);
    // An abandoned order gives its use back; a paid one keeps it.
    const [abandoned, paid] = orders.results;
    await env.DB.prepare("UPDATE orders SET status = 'abandoned' WHERE reference = ?")
      .bind(abandoned?.reference)
      .run();
    expect(await uses()).toBe(4);
    const order = await env.DB.prepare("SELECT total FROM orders WHERE reference = ?")
      .bind(paid?.reference)
      .first<{ total: number }>();
    await postRetour(await accepted(paid?.reference ?? "", order?.total ?? 0));
    expect(await uses()).toBe(4);
    expect((await postJson("/api/checkout", { ...booklet, promoCode: "CINQFOIS" })).status).toBe(
      201,
    );
    expect((await postJson("/api/checkout", { ...booklet, promoCode: "CINQFOIS" })).status).toBe(
      422,
    );
  });
});
