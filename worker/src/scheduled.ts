/**
 * The worker's scheduled job (a Cron Trigger in wrangler.jsonc, every 10 minutes): applies what the bank
 * does without telling anyone — renewals created on their day, deferred delays and capture windows that
 * end (captured by the bank, abandoned, closed) — marks `abandoned` the orders the bank never notified
 * within its session lifetime, and purges the Retour calls whose seal was not valid once they are older
 * than the retention period. One read (the recurring orders whose next renewal must be planned), then one
 * batch.
 *
 * The bank sends no notification when a buyer cancels on its page or walks away, so without this job such an
 * order would stay `pending` for ever. The bank gives the buyer 45 minutes to enter the card and refuses a
 * reference left pending for more than about an hour ("La date de validité de votre commande est dépassée",
 * PROTOCOL.md §9.5, doc §5.2 and §5.3.4): after `ABANDON_AFTER_MINUTES` (60 by default) no payment can start
 * any more. A notification that still arrives later (the bank's second attempt after an outage) moves the
 * order up as usual: `abandoned` sits just above `pending` in the lattice (db/orders.ts).
 * @module
 */
import { purgeUnverified } from "./db/notifications.ts";
import { insertAbandonedEvents } from "./db/order-events.ts";
import { markAbandoned } from "./db/orders.ts";
import {
  deadlineStatements,
  insertPayment,
  type NewPayment,
  type RenewalToPlan,
  selectRenewalsToPlan,
} from "./db/payments.ts";
import type { Env } from "./env.ts";
import { configError } from "./errors.ts";
import { plannedRenewal, renewalAllowed } from "./ledger.ts";
import { type PaymentRules, paymentRules } from "./payment-mode.ts";

/** The default of `RETOUR_LOG_RETENTION_DAYS`. */
export const DEFAULT_RETENTION_DAYS = 30;

/** The default of `ABANDON_AFTER_MINUTES`: the bank's pending-reference lifetime, about 1 h (PROTOCOL.md §9.5). */
export const DEFAULT_ABANDON_MINUTES = 60;

/** Reads a whole-number variable within `[min, max]`, or its default when unset. */
function wholeNumber(
  env: Partial<Env>,
  name: "RETOUR_LOG_RETENTION_DAYS" | "ABANDON_AFTER_MINUTES",
  range: { min: number; max: number; fallback: number; unit: string },
): number {
  const raw = env[name]?.trim();
  if (!raw) return range.fallback;
  const value = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || value < range.min || value > range.max) {
    throw configError(
      name,
      `must be a whole number of ${range.unit} from ${range.min} to ${range.max}.`,
    );
  }
  return value;
}

/**
 * Reads `RETOUR_LOG_RETENTION_DAYS`: whole days from 1 to 3650 (default 30).
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` naming the variable for any other value.
 */
export function retentionDays(env: Pick<Partial<Env>, "RETOUR_LOG_RETENTION_DAYS">): number {
  return wholeNumber(env, "RETOUR_LOG_RETENTION_DAYS", {
    min: 1,
    max: 3650,
    fallback: DEFAULT_RETENTION_DAYS,
    unit: "days",
  });
}

/**
 * The renewals to plan for a recurring order at `now`: every one whose predecessor is due, so that the
 * next renewal always exists before its day (the bank's notification for it then finds its row).
 */
function renewalsToPlan(rules: PaymentRules, order: RenewalToPlan, now: Date): NewPayment[] {
  const planned: NewPayment[] = [];
  const date = new Date(order.order_date);
  for (let n = order.last + 1; renewalAllowed(rules, n); n++) {
    const renewal = plannedRenewal(rules, { date, total: order.total }, n);
    planned.push(renewal);
    if (Date.parse(renewal.dueAt) > now.getTime()) break;
  }
  return planned;
}

/** What one run did. */
export interface ScheduledResult {
  abandoned: number;
  purged: number;
  renewalsPlanned: number;
}

/**
 * Reads `ABANDON_AFTER_MINUTES`: whole minutes from 45 (the bank's time for entering the card: an order
 * younger than that may still be paid) to 1440 (default 60).
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` naming the variable for any other value.
 */
export function abandonAfterMinutes(env: Pick<Partial<Env>, "ABANDON_AFTER_MINUTES">): number {
  return wholeNumber(env, "ABANDON_AFTER_MINUTES", {
    min: 45,
    max: 1440,
    fallback: DEFAULT_ABANDON_MINUTES,
    unit: "minutes",
  });
}

/**
 * The statements that mark `abandoned` every order still `pending` created more than `ABANDON_AFTER_MINUTES`
 * before `now`, each with an `abandoned` order event (the events first: they select the orders still pending).
 */
function abandonStatements(env: Env, now: Date): D1PreparedStatement[] {
  const minutes = abandonAfterMinutes(env);
  const before = new Date(now.getTime() - minutes * 60_000).toISOString();
  const at = now.toISOString();
  const detail = `no notification from the bank within ${minutes} minutes`;
  return [
    insertAbandonedEvents(env.DB, { before, at, detail }),
    markAbandoned(env.DB, { before, at }),
  ];
}

/**
 * Runs the scheduled job at `now`.
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` naming the variable when the configuration is broken.
 * @example
 * export default { fetch: app.fetch, scheduled: (event, env) => runScheduled(env, new Date(event.scheduledTime)) };
 */
export async function runScheduled(env: Env, now: Date): Promise<ScheduledResult> {
  const rules = paymentRules(env);
  const abandoning = abandonStatements(env, now);
  const before = new Date(now.getTime() - retentionDays(env) * 86_400_000);
  const at = now.toISOString();
  const { results: orders } = await selectRenewalsToPlan(
    env.DB,
    at,
    rules.recurringMaxRenewals,
  ).all<RenewalToPlan>();
  const renewals = orders.flatMap((order) =>
    renewalsToPlan(rules, order, now).map((renewal) =>
      insertPayment(env.DB, order.reference, renewal, "scheduled", at),
    ),
  );
  const [purge, , marked] = await env.DB.batch([
    purgeUnverified(env.DB, before),
    ...abandoning,
    ...renewals,
    ...deadlineStatements(env.DB, `run:${crypto.randomUUID()}`, at),
  ]);
  const purged = purge?.meta.changes ?? 0;
  const abandoned = marked?.meta.changes ?? 0;
  console.log(
    JSON.stringify({
      event: "scheduled",
      abandoned,
      purged,
      before: before.toISOString(),
      renewalsPlanned: renewals.length,
    }),
  );
  return { abandoned, purged, renewalsPlanned: renewals.length };
}
