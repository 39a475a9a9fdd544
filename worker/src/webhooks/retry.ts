/**
 * When a failed delivery is tried again: the example schedule of the Standard Webhooks specification
 * ("Deliverability and reliability"), ten attempts over about 3 days 3 hours, with up to 10 % random jitter
 * on the delays of 5 minutes and more so that a receiver that fell over is not hit by every retry at once.
 * After the tenth failure the delivery is dead-lettered (`failed`) and its endpoint shows as failing.
 * @module
 */

/** The delay before attempt n + 1 after attempt n failed, for n = 1…9 (ms). */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
];

/** Attempts before a delivery is dead-lettered. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The longest a receiver may ask us to wait (`Retry-After`). */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * The delay before the next attempt after failed attempt `attempt` (1-based), or `null` when it was the
 * last; a `Retry-After` (ms) asked by the receiver lengthens it, up to a day.
 *
 * @example
 * retryDelay(1, { random: () => 0 }); // 5_000
 * retryDelay(10); // null: dead-lettered
 */
export function retryDelay(
  attempt: number,
  options: { retryAfterMs?: number | null; random?: () => number } = {},
): number | null {
  const base = RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined) return null;
  const jitter =
    base >= 5 * 60_000 ? Math.floor(base * 0.1 * (options.random ?? Math.random)()) : 0;
  const asked = Math.min(options.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
  return Math.max(base + jitter, asked);
}

/** `Retry-After` in ms: delay-seconds or an HTTP date; `null` when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  if (/^\d{1,9}$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}
