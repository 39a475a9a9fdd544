/**
 * The worker's scheduled job (a Cron Trigger in wrangler.jsonc): purges the Retour calls whose seal was not
 * valid once they are older than the retention period.
 * @module
 */
import { configError } from "./config.ts";
import { purgeUnverified } from "./db/notifications.ts";
import type { Env } from "./env.ts";

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
 * Runs the scheduled maintenance at `now`; resolves with the number of log rows purged.
 *
 * @example
 * export default { fetch: app.fetch, scheduled: (event, env) => runScheduled(env, new Date(event.scheduledTime)) };
 */
export async function runScheduled(env: Env, now: Date): Promise<{ purged: number }> {
  const before = new Date(now.getTime() - retentionDays(env) * 86_400_000);
  const result = await purgeUnverified(env.DB, before).run();
  const purged = result.meta.changes ?? 0;
  console.log(JSON.stringify({ event: "retour-log-purged", purged, before: before.toISOString() }));
  return { purged };
}
