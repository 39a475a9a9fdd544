import { beforeEach, describe, expect, it } from "vitest";
import {
  ADMIN,
  accepted,
  bank,
  call,
  checkout,
  env,
  postRetour,
  refused,
} from "../../test/helpers.ts";
import { summarise } from "./admin-stats.ts";

const DEFERRED = { PAYMENT_MODE: "deferred" };
const DAY = 86_400_000;

interface Stats {
  timeZone: string;
  today: string;
  periods: {
    days: number;
    from: string;
    sales: { currency: string; amount: number }[];
    paidOrders: number;
    acceptedPayments: number;
    refusedPayments: number;
    refusalRate: number | null;
  }[];
  daily: {
    date: string;
    sales: { currency: string; amount: number }[];
    paidOrders: number;
    acceptedPayments: number;
    refusedPayments: number;
  }[];
  attention: {
    awaitingCapture: {
      count: number;
      orders: { reference: string; authorisedRemaining: number; deadline: null }[];
    };
    anomalies: { count: number; orders: { reference: string; anomaly: string }[] };
    orphanNotifications: { count: number; latest: string | null };
    invalidNotifications: { count: number; latest: string | null };
    failedOperations: {
      count: number;
      operations: { reference: string; kind: string; lib: string | null; currency: string }[];
    };
  };
}

async function stats(tz = "UTC", overrides = {}): Promise<Stats> {
  const response = await call(
    `/api/admin/stats?tz=${encodeURIComponent(tz)}`,
    { headers: ADMIN },
    overrides,
  );
  expect(response.status).toBe(200);
  return response.json();
}

let serial = 0;
/** Stores an order row directly, with the payment instant the test needs (in the past, in any currency). */
async function storeOrder(row: {
  prefix: string;
  total: number;
  currency: string;
  status: string;
  paidAt?: string;
  createdAt?: string;
}): Promise<string> {
  serial += 1;
  const reference = `${row.prefix}${String(serial).padStart(12 - row.prefix.length, "0")}`;
  const at = row.createdAt ?? row.paidAt ?? new Date().toISOString();
  await env.DB.prepare(
    `INSERT INTO orders (reference, token_hash, status, total, currency, lang, cart, mac_format, tpe, order_date,
       created_at, updated_at, paid_at, captured_amount)
     VALUES (?, 'x', ?, ?, ?, 'FR', '[]', 'v4', '7654321', ?, ?, ?, ?, ?)`,
  )
    .bind(
      reference,
      row.status,
      row.total,
      row.currency,
      at,
      at,
      at,
      row.paidAt ?? null,
      row.paidAt ? row.total : 0,
    )
    .run();
  return reference;
}

/** Stores a notification row as the Retour would, received at a given instant. */
async function storeNotification(classification: string, receivedAt: string): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO notifications (id, received_at, method, body, seal_valid, classification)
     VALUES (?, ?, 'POST', '', 1, ?)`,
  )
    .bind(crypto.randomUUID(), receivedAt, classification)
    .run();
}

/** Midnight UTC `days` days before today, plus `hours`. */
function daysAgo(days: number, hours = 12): Date {
  const midnight = new Date(new Date().toISOString().slice(0, 10)).getTime();
  return new Date(midnight - days * DAY + hours * 3_600_000);
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10);

beforeEach(() => bank.reset());

describe("summarise", () => {
  const days = ["2026-11-28", "2026-11-29", "2026-11-30"].map((date) => ({
    date,
    start: `${date}T00:00:00.000Z`,
    end: `${date}T23:59:59.999Z`,
  }));

  it("adds days up into today, 7 days and 30 days, per currency, largest first", () => {
    const result = summarise(
      days,
      [
        { date: "2026-11-28", currency: "EUR", orders: 2, amount: 3000 },
        { date: "2026-11-30", currency: "EUR", orders: 1, amount: 1499 },
        { date: "2026-11-30", currency: "JPY", orders: 1, amount: 5000 },
      ],
      [
        { date: "2026-11-29", classification: "accepted", count: 3 },
        { date: "2026-11-29", classification: "refused", count: 1 },
        { date: "2026-11-30", classification: "accepted", count: 2 },
      ],
    );
    expect(result.periods).toEqual([
      {
        days: 1,
        from: "2026-11-30",
        sales: [
          { currency: "JPY", amount: 5000 },
          { currency: "EUR", amount: 1499 },
        ],
        paidOrders: 2,
        acceptedPayments: 2,
        refusedPayments: 0,
        refusalRate: 0,
      },
      {
        days: 7,
        from: "2026-11-28",
        sales: [
          { currency: "JPY", amount: 5000 },
          { currency: "EUR", amount: 4499 },
        ],
        paidOrders: 4,
        acceptedPayments: 5,
        refusedPayments: 1,
        refusalRate: 1 / 6,
      },
      expect.objectContaining({ days: 30, from: "2026-11-28", paidOrders: 4, refusalRate: 1 / 6 }),
    ]);
    expect(result.daily[1]).toEqual({
      date: "2026-11-29",
      sales: [],
      paidOrders: 0,
      acceptedPayments: 3,
      refusedPayments: 1,
    });
  });

  it("has no refusal rate for a period without any payment attempt", () => {
    expect(summarise(days, [], []).periods.map((p) => p.refusalRate)).toEqual([null, null, null]);
  });
});

describe("GET /api/admin/stats", () => {
  it("counts sales on the day they were paid, in the merchant's time zone, without cancelled ones", async () => {
    const fourDaysAgo = daysAgo(4);
    await storeOrder({
      prefix: "ST",
      total: 1500,
      currency: "JPY",
      status: "paid",
      paidAt: fourDaysAgo.toISOString(),
    });
    await storeOrder({
      prefix: "ST",
      total: 2500,
      currency: "JPY",
      status: "refunded",
      paidAt: fourDaysAgo.toISOString(),
    });
    await storeOrder({
      prefix: "ST",
      total: 9999,
      currency: "JPY",
      status: "cancelled",
      paidAt: fourDaysAgo.toISOString(),
    });
    // 23:30 UTC three days ago is already the next day in Paris (UTC+1 or +2).
    const lateEvening = daysAgo(3, 23.5);
    await storeOrder({
      prefix: "ST",
      total: 700,
      currency: "JPY",
      status: "captured",
      paidAt: lateEvening.toISOString(),
    });

    const utc = await stats("UTC");
    expect(utc.timeZone).toBe("UTC");
    expect(utc.today).toBe(dateOf(new Date()));
    expect(utc.daily).toHaveLength(30);
    const utcDay = (d: Date) => utc.daily.find((day) => day.date === dateOf(d));
    expect(utcDay(fourDaysAgo)).toMatchObject({
      sales: [{ currency: "JPY", amount: 4000 }],
      paidOrders: 2,
    });
    expect(utcDay(lateEvening)).toMatchObject({
      sales: [{ currency: "JPY", amount: 700 }],
      paidOrders: 1,
    });

    const paris = await stats("Europe/Paris");
    const parisDay = (d: Date) => paris.daily.find((day) => day.date === dateOf(d));
    expect(parisDay(lateEvening)?.sales).toEqual([]);
    expect(parisDay(new Date(lateEvening.getTime() + 3_600_000))?.sales).toEqual([
      { currency: "JPY", amount: 700 },
    ]);
    const jpy = (period: Stats["periods"][number]) =>
      period.sales.find((s) => s.currency === "JPY")?.amount;
    expect(paris.periods.map(jpy)).toEqual([undefined, 4700, 4700]);
  });

  it("counts payment attempts per day: accepted and refused notifications only", async () => {
    const fiveDaysAgo = daysAgo(5).toISOString();
    for (const classification of [
      "accepted",
      "accepted",
      "accepted",
      "refused",
      "orphan",
      "invalid-seal",
    ]) {
      await storeNotification(classification, fiveDaysAgo);
    }
    const { daily } = await stats();
    expect(daily.find((d) => d.date === fiveDaysAgo.slice(0, 10))).toMatchObject({
      acceptedPayments: 3,
      refusedPayments: 1,
    });
  });

  it("counts today's checkouts paid and refused through the Retour", async () => {
    const before = await stats();
    const first = await checkout();
    const second = await checkout();
    await postRetour(await refused(first.order.reference, first.order.total));
    await postRetour(await accepted(first.order.reference, first.order.total));
    await postRetour(await accepted(second.order.reference, second.order.total));
    const after = await stats();
    const today = (s: Stats) => s.periods[0] as Stats["periods"][number];
    const eur = (s: Stats) => today(s).sales.find((a) => a.currency === "EUR")?.amount ?? 0;
    expect(eur(after) - eur(before)).toBe(first.order.total + second.order.total);
    expect(today(after).paidOrders - today(before).paidOrders).toBe(2);
    expect(today(after).acceptedPayments - today(before).acceptedPayments).toBe(2);
    expect(today(after).refusedPayments - today(before).refusedPayments).toBe(1);
  });

  it("lists what needs the merchant: authorisations to capture, anomalies, orphans, invalid calls, failed operations", async () => {
    const before = (await stats("UTC", DEFERRED)).attention;
    const toCapture = await checkout({}, DEFERRED);
    await postRetour(await accepted(toCapture.order.reference, toCapture.order.total), DEFERRED);
    const wrongAmount = await checkout({}, DEFERRED);
    await postRetour(await accepted(wrongAmount.order.reference, 1), DEFERRED);
    await postRetour(await accepted("NOSUCHORDER1", 1234), DEFERRED);
    await postRetour(
      `${await accepted(toCapture.order.reference, toCapture.order.total)}0`,
      DEFERRED,
    );
    bank.answer = () => new Response("version=1.0\ncdr=0\nlib=commande non authentifiee\n");
    const refusedCapture = await call(
      `/api/admin/orders/${toCapture.order.reference}/capture`,
      { method: "POST", headers: ADMIN },
      DEFERRED,
    );
    expect(refusedCapture.status).toBe(409);

    const { attention } = await stats("UTC", DEFERRED);
    expect(attention.awaitingCapture.orders).toContainEqual(
      expect.objectContaining({
        reference: toCapture.order.reference,
        authorisedRemaining: toCapture.order.total,
        deadline: null,
      }),
    );
    expect(attention.awaitingCapture.count - before.awaitingCapture.count).toBe(1);
    expect(attention.anomalies.orders[0]).toMatchObject({ reference: wrongAmount.order.reference });
    expect(attention.anomalies.orders[0]?.anomaly).toMatch(/amount/);
    expect(attention.orphanNotifications.count - before.orphanNotifications.count).toBe(1);
    expect(attention.invalidNotifications.count - before.invalidNotifications.count).toBe(1);
    expect(attention.failedOperations.operations[0]).toMatchObject({
      reference: toCapture.order.reference,
      kind: "capture",
      lib: "commande non authentifiee",
      currency: "EUR",
    });

    bank.reset();
    await call(
      `/api/admin/orders/${toCapture.order.reference}/capture`,
      { method: "POST", headers: ADMIN },
      DEFERRED,
    );
    const captured = (await stats("UTC", DEFERRED)).attention.awaitingCapture;
    expect(captured.orders.map((o) => o.reference)).not.toContain(toCapture.order.reference);
    expect(captured.count).toBe(before.awaitingCapture.count);
  });

  it("refuses an unknown time zone with ERR_FILTER_INVALID on tz, and callers without the token", async () => {
    const bad = await call("/api/admin/stats?tz=Mars%2FOlympus", { headers: ADMIN });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "ERR_FILTER_INVALID", field: "tz" } });
    expect((await call("/api/admin/stats")).status).toBe(401);
  });
});

describe("GET /api/admin/totals", () => {
  it("counts and adds up the orders a filter selects, per currency", async () => {
    const createdAt = daysAgo(40).toISOString();
    await storeOrder({
      prefix: "TOTA",
      total: 1000,
      currency: "CHF",
      status: "paid",
      paidAt: createdAt,
    });
    await storeOrder({ prefix: "TOTA", total: 250, currency: "CHF", status: "pending", createdAt });
    await storeOrder({
      prefix: "TOTA",
      total: 300,
      currency: "JPY",
      status: "paid",
      paidAt: createdAt,
    });
    await storeOrder({
      prefix: "TOTB",
      total: 5000,
      currency: "CHF",
      status: "paid",
      paidAt: createdAt,
    });

    const all = await call("/api/admin/totals?reference=TOTA", { headers: ADMIN });
    expect(await all.json()).toEqual({
      count: 3,
      byCurrency: [
        { currency: "CHF", count: 2, total: 1250, captured: 1000, refunded: 0 },
        { currency: "JPY", count: 1, total: 300, captured: 300, refunded: 0 },
      ],
    });
    const paid = await call("/api/admin/totals?reference=TOTA&status=paid", { headers: ADMIN });
    expect(((await paid.json()) as { count: number }).count).toBe(2);
    const none = await call(`/api/admin/totals?reference=TOTA&from=${dateOf(daysAgo(10))}`, {
      headers: ADMIN,
    });
    expect(await none.json()).toEqual({ count: 0, byCurrency: [] });
  });

  it("refuses the filters the order list refuses", async () => {
    const response = await call("/api/admin/totals?status=lost", { headers: ADMIN });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "ERR_FILTER_INVALID", field: "status" },
    });
  });
});
