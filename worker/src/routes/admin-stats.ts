/**
 * `/api/admin/stats` and `/api/admin/totals`: the figures of the merchant console's home page and of its
 * order list, behind the admin bearer token.
 * @module
 */
import { Hono } from "hono";
import { parseFilter } from "../db/order-list.ts";
import { type DailyAttempts, type DailySales, orderTotals, readDashboard } from "../db/stats.ts";
import { type AppEnv, replica } from "../env.ts";
import { type LocalDay, lastDays, parseTimeZone } from "../local-days.ts";

/** The periods of the home page, in days ending today. */
const PERIODS = [1, 7, 30] as const;
/** How many orders or operations each "needs you" list shows. */
const ATTENTION_LIMIT = 10;

export interface Amount {
  currency: string;
  amount: number;
}

function addAmount(amounts: Amount[], currency: string, amount: number): void {
  const entry = amounts.find((a) => a.currency === currency);
  if (entry) entry.amount += amount;
  else amounts.push({ currency, amount });
}

/**
 * Per-day and per-period figures from the daily rows: sales per currency (largest first), paid orders, payment
 * attempts accepted and refused, and the refusal rate (refused over accepted plus refused; `null` without any
 * attempt).
 */
export function summarise(days: LocalDay[], sales: DailySales[], attempts: DailyAttempts[]) {
  const daily = days.map((day) => {
    const amounts: Amount[] = [];
    let paidOrders = 0;
    for (const row of sales.filter((s) => s.date === day.date)) {
      addAmount(amounts, row.currency, row.amount);
      paidOrders += row.orders;
    }
    const count = (classification: string) =>
      attempts
        .filter((a) => a.date === day.date && a.classification === classification)
        .reduce((n, a) => n + a.count, 0);
    return {
      date: day.date,
      sales: amounts.sort((a, b) => b.amount - a.amount),
      paidOrders,
      acceptedPayments: count("accepted"),
      refusedPayments: count("refused"),
    };
  });
  const periods = PERIODS.map((length) => {
    const span = daily.slice(-length);
    const sales: Amount[] = [];
    for (const day of span) for (const a of day.sales) addAmount(sales, a.currency, a.amount);
    const sum = (pick: (day: (typeof daily)[number]) => number) =>
      span.reduce((n, day) => n + pick(day), 0);
    const accepted = sum((d) => d.acceptedPayments);
    const refused = sum((d) => d.refusedPayments);
    return {
      days: length,
      from: span[0]?.date ?? "",
      sales: sales.sort((a, b) => b.amount - a.amount),
      paidOrders: sum((d) => d.paidOrders),
      acceptedPayments: accepted,
      refusedPayments: refused,
      refusalRate: accepted + refused === 0 ? null : refused / (accepted + refused),
    };
  });
  return { periods, daily };
}

export const adminStats = new Hono<AppEnv>();

adminStats.get("/stats", async (c) => {
  const timeZone = parseTimeZone(c.req.query("tz"));
  const days = lastDays(timeZone, PERIODS[PERIODS.length - 1], new Date());
  const since = days[0]?.start ?? new Date().toISOString();
  // One batch on the primary: the dashboard's reads cost one round trip, like an order's detail.
  const { sales, attempts, ...needs } = await readDashboard(c.env.DB, days, since, ATTENTION_LIMIT);
  return c.json({
    timeZone,
    today: days[days.length - 1]?.date,
    ...summarise(days, sales, attempts),
    attention: {
      since,
      awaitingCapture: {
        count: needs.awaitingCapture.count,
        orders: needs.awaitingCapture.rows.map((o) => ({
          reference: o.reference,
          total: o.total,
          currency: o.currency,
          authorisedRemaining: o.authorised_remaining,
          paidAt: o.paid_at,
          // The capture deadline follows from the terminal's delay, which the worker does not know yet.
          deadline: null,
        })),
      },
      anomalies: {
        count: needs.anomalies.count,
        orders: needs.anomalies.rows.map((o) => ({
          reference: o.reference,
          total: o.total,
          currency: o.currency,
          anomaly: o.anomaly_reason,
          updatedAt: o.updated_at,
        })),
      },
      orphanNotifications: needs.orphans,
      invalidNotifications: needs.invalid,
      failedOperations: {
        count: needs.failedOperations.count,
        operations: needs.failedOperations.rows.map((o) => ({
          id: o.id,
          reference: o.reference,
          kind: o.kind,
          amount: o.amount,
          currency: o.currency,
          requestedAt: o.requested_at,
          cdr: o.cdr,
          lib: o.lib,
          error: o.error,
        })),
      },
    },
  });
});

adminStats.get("/totals", async (c) => {
  const totals = await orderTotals(replica(c.env.DB), parseFilter(c.req.query()));
  return c.json({
    count: totals.reduce((n, t) => n + t.count, 0),
    byCurrency: totals,
  });
});
