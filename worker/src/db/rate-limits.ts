/**
 * The `rate_limits` table: fixed-window request counters per client (a keyed hash, see rate-limit.ts).
 * @module
 */

/**
 * The statements that count one request of `client` in the window starting at `windowStart`, dropping past
 * windows first; the second returns the new count. Put them first in the batch of the work they limit.
 */
export function countRequest(
  db: D1Database,
  client: string,
  windowStart: number,
  windowSeconds: number,
): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM rate_limits WHERE window_start < ?").bind(windowStart - windowSeconds),
    db
      .prepare(
        `INSERT INTO rate_limits (client, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (client, window_start) DO UPDATE SET count = count + 1 RETURNING count`,
      )
      .bind(client, windowStart),
  ];
}

/** The condition, inside the INSERT of the work a limit guards, that the client's count is within the limit. */
export function withinLimit(
  client: string,
  windowStart: number,
  limit: number,
): { sql: string; values: unknown[] } {
  return {
    sql: "(SELECT count FROM rate_limits WHERE client = ? AND window_start = ?) <= ?",
    values: [client, windowStart, limit],
  };
}
