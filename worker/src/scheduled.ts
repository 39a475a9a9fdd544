/**
 * The worker's scheduled job (a Cron Trigger in wrangler.jsonc, every 10 minutes): applies what the bank
 * does without telling anyone — renewals created on their day, deferred delays and capture windows that
 * end (captured by the bank, abandoned, closed) — and purges the Retour calls whose seal was not valid once
 * they are older than the retention period. One read (the recurring orders whose next renewal must be
 * planned), then one batch.
 * @module
 */
import { purgeUnverified } from "./db/notifications.ts";
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

/**
 * Reads `RETOUR_LOG_RETENTION_DAYS`: whole days from 1 to 3650 (default 30).
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` naming the variable for any other value.
 */
export function retentionDays(env: Pick<Partial<Env>, "RETOUR_LOG_RETENTION_DAYS">): number {
  const raw = env.RETOUR_LOG_RETENTION_DAYS?.trim();
  if (!raw) return DEFAULT_RETENTION_DAYS;
  const days = Number(raw);
  if (!/^\d{1,4}$/.test(raw) || days < 1 || days > 3650) {
    throw configError(
      "RETOUR_LOG_RETENTION_DAYS",
      "must be a whole number of days from 1 to 3650.",
    );
  }
  return days;
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
  purged: number;
  renewalsPlanned: number;
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
  const [purge] = await env.DB.batch([
    purgeUnverified(env.DB, before),
    ...renewals,
    ...deadlineStatements(env.DB, `run:${crypto.randomUUID()}`, at),
  ]);
  const purged = purge?.meta.changes ?? 0;
  console.log(
    JSON.stringify({
      event: "scheduled",
      purged,
      before: before.toISOString(),
      renewalsPlanned: renewals.length,
    }),
  );
  return { purged, renewalsPlanned: renewals.length };
}
