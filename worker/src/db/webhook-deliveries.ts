/**
 * The `webhook_deliveries` and `webhook_attempts` tables: one delivery per event and endpoint, and the log of
 * its attempts. A delivery is pending until it succeeds or is dead-lettered; it is sent at most once at a
 * time (a lease), and after the earlier pending deliveries of the same order to the same endpoint (order).
 * @module
 */
import type { D1Reader } from "../env.ts";
import type { Channel } from "./webhook-endpoints.ts";
import type { WebhookEventRow } from "./webhook-events.ts";

export type DeliveryStatus = "pending" | "succeeded" | "failed" | "skipped" | "cancelled";

export interface DeliveryRow {
  id: number;
  event_seq: number;
  endpoint_id: string;
  reference: string | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  queued_until: string | null;
  lease_token: string | null;
  lease_until: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  created_at: string;
  completed_at: string | null;
}

/** A delivery of the merchant's list, with its event's id, type and time. */
export interface DeliveryListRow extends DeliveryRow {
  event_id: string;
  type: string;
  occurred_at: string;
}

export interface AttemptRow {
  seq: number;
  delivery_id: number;
  attempt: number;
  at: string;
  status_code: number | null;
  latency_ms: number;
  ok: number;
  error: string | null;
  response: string | null;
}

/** A claimed delivery: its event, where it goes and how. */
export interface ClaimedRow extends WebhookEventRow {
  delivery_id: number;
  attempt: number;
  target_id: string;
  channel: Channel;
  url: string | null;
  secret: string | null;
}

/** The merchant's view of a delivery. */
export function deliveryJson(row: DeliveryListRow) {
  return {
    eventId: row.event_id,
    type: row.type,
    reference: row.reference,
    occurredAt: row.occurred_at,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === "pending" ? row.next_attempt_at : null,
    completedAt: row.completed_at,
    lastAttempt: row.last_attempt_at
      ? {
          at: row.last_attempt_at,
          statusCode: row.last_status_code,
          latencyMs: row.last_latency_ms,
          error: row.last_error,
        }
      : null,
  };
}

/** The merchant's view of one attempt. */
export function attemptJson(row: AttemptRow) {
  return {
    attempt: row.attempt,
    at: row.at,
    ok: row.ok === 1,
    statusCode: row.status_code,
    latencyMs: row.latency_ms,
    error: row.error,
    response: row.response,
  };
}

/** A pending delivery that may be sent now: due, not held, its endpoint enabled, no earlier one of its order. */
const SENDABLE = `d.status = 'pending' AND d.next_attempt_at <= ?1
  AND (d.lease_until IS NULL OR d.lease_until < ?1)
  AND EXISTS (SELECT 1 FROM webhook_endpoints AS e
    WHERE e.id = d.endpoint_id AND e.enabled = 1 AND e.deleted_at IS NULL)
  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries AS b
    WHERE b.endpoint_id = d.endpoint_id AND b.reference = d.reference AND b.event_seq < d.event_seq
      AND b.status = 'pending')`;

/**
 * Marks up to `limit` sendable deliveries that have no queue message on its way as queued until
 * `queuedUntil`, oldest due first; returns their ids (the caller sends one message each).
 */
export function markDueQueued(
  db: D1Database,
  now: string,
  queuedUntil: string,
  limit: number,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE webhook_deliveries SET queued_until = ?2
       WHERE id IN (SELECT d.id FROM webhook_deliveries AS d
         WHERE ${SENDABLE} AND (d.queued_until IS NULL OR d.queued_until < ?1)
         ORDER BY d.next_attempt_at, d.id LIMIT ?3)
       RETURNING id`,
    )
    .bind(now, queuedUntil, limit);
}

/** Says that no queue message is on its way for these deliveries (the queue refused them, or they arrived). */
export function unmarkQueued(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE webhook_deliveries SET queued_until = NULL WHERE id IN (SELECT value FROM json_each(?))",
    )
    .bind(JSON.stringify(ids));
}

/**
 * Takes the deliveries of `ids` that may be sent now (due by `dueBy`) for this consumer (`token`) until
 * `leaseUntil`, counting the attempt. Read them with {@link selectClaimed}.
 */
export function claimDeliveries(
  db: D1Database,
  claim: { ids: readonly number[]; token: string; dueBy: string; leaseUntil: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE webhook_deliveries SET lease_token = ?2, lease_until = ?3, attempts = attempts + 1
       WHERE id IN (SELECT d.id FROM webhook_deliveries AS d
         WHERE d.id IN (SELECT value FROM json_each(?4)) AND ${SENDABLE})`,
    )
    .bind(claim.dueBy, claim.token, claim.leaseUntil, JSON.stringify(claim.ids));
}

/** The deliveries this consumer holds, with their events and where they go. */
export function selectClaimed(db: D1Database, token: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ev.*, d.id AS delivery_id, d.attempts AS attempt, e.id AS target_id, e.channel, e.url, e.secret
       FROM webhook_deliveries AS d
       JOIN webhook_events AS ev ON ev.seq = d.event_seq
       JOIN webhook_endpoints AS e ON e.id = d.endpoint_id
       WHERE d.lease_token = ? ORDER BY ev.seq`,
    )
    .bind(token);
}

/** The notifications and operations the events this consumer holds come from (append-only rows). */
export function selectClaimedSources(
  db: D1Database,
  token: string,
): { notifications: D1PreparedStatement; operations: D1PreparedStatement } {
  const held = (column: string) => `SELECT ev.${column} FROM webhook_events AS ev
    JOIN webhook_deliveries AS d ON d.event_seq = ev.seq WHERE d.lease_token = ?`;
  return {
    notifications: db
      .prepare(`SELECT * FROM notifications WHERE id IN (${held("notification_id")})`)
      .bind(token),
    operations: db
      .prepare(`SELECT * FROM operations WHERE id IN (${held("operation_id")})`)
      .bind(token),
  };
}

/** What one attempt gave and what follows. */
export interface AttemptOutcome {
  deliveryId: number;
  token: string;
  attempt: number;
  at: string;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  response: string | null;
  /** The delivery's status after this attempt. */
  status: DeliveryStatus;
  /** When to try again, for a pending delivery. */
  nextAttemptAt: string | null;
  /** Until when the queue message for the next attempt is expected, when one was sent. */
  queuedUntil: string | null;
}

/** Logs an attempt and applies its outcome to the delivery, releasing the lease. */
export function recordAttempt(db: D1Database, o: AttemptOutcome): D1PreparedStatement[] {
  const done = o.status === "pending" ? null : o.at;
  return [
    db
      .prepare(
        `INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, latency_ms, ok, error, response)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        o.deliveryId,
        o.attempt,
        o.at,
        o.statusCode,
        o.latencyMs,
        o.ok ? 1 : 0,
        o.error,
        o.response,
      ),
    db
      .prepare(
        `UPDATE webhook_deliveries SET status = ?1, next_attempt_at = coalesce(?2, next_attempt_at),
           queued_until = ?3, lease_token = NULL, lease_until = NULL, last_attempt_at = ?4,
           last_status_code = ?5, last_latency_ms = ?6, last_error = ?7, completed_at = ?8
         WHERE id = ?9 AND lease_token = ?10`,
      )
      .bind(
        o.status,
        o.nextAttemptAt,
        o.queuedUntil,
        o.at,
        o.statusCode,
        o.latencyMs,
        o.error,
        done,
        o.deliveryId,
        o.token,
      ),
  ];
}

/** Cancels the pending deliveries of a deleted endpoint. */
export function cancelDeliveries(
  db: D1Database,
  endpointId: string,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE webhook_deliveries SET status = 'cancelled', completed_at = ?
       WHERE endpoint_id = ? AND status = 'pending'`,
    )
    .bind(at, endpointId);
}

/** One page of an endpoint's deliveries, newest event first (one more row than `limit`). */
export function selectDeliveries(
  db: D1Reader,
  endpointId: string,
  filter: { status?: string | undefined; before?: number | undefined },
  limit: number,
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT d.*, ev.id AS event_id, ev.type, ev.occurred_at
       FROM webhook_deliveries AS d JOIN webhook_events AS ev ON ev.seq = d.event_seq
       WHERE d.endpoint_id = ?1 AND (?2 IS NULL OR d.status = ?2) AND (?3 IS NULL OR d.event_seq < ?3)
       ORDER BY d.event_seq DESC LIMIT ?4`,
    )
    .bind(endpointId, filter.status ?? null, filter.before ?? null, limit + 1);
}

/** One delivery of an endpoint, by its event's id. */
export function selectDelivery(db: D1Reader, endpointId: string, eventId: string) {
  return db
    .prepare(
      `SELECT d.*, ev.id AS event_id, ev.type, ev.occurred_at
       FROM webhook_deliveries AS d JOIN webhook_events AS ev ON ev.seq = d.event_seq
       WHERE d.endpoint_id = ? AND ev.id = ?`,
    )
    .bind(endpointId, eventId);
}

/** The attempts of one delivery of an endpoint, by its event's id, oldest first. */
export function selectAttempts(
  db: D1Reader,
  endpointId: string,
  eventId: string,
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT a.* FROM webhook_attempts AS a
       JOIN webhook_deliveries AS d ON d.id = a.delivery_id
       JOIN webhook_events AS ev ON ev.seq = d.event_seq
       WHERE d.endpoint_id = ? AND ev.id = ? ORDER BY a.seq`,
    )
    .bind(endpointId, eventId);
}

/** What to deliver again to an endpoint: one event, or the events of a time range. */
export type ReplaySelection =
  | { eventId: string }
  | { from: string; to: string; include: "failed" | "all"; limit: number };

/**
 * Delivers events again to an endpoint, from now, with a fresh retry schedule: one event, or those of a time
 * range that the endpoint subscribes to (by default only those it did not receive: dead-lettered, cancelled,
 * or sent before the endpoint existed). A delivery being sent at this moment is left alone. Returns the ids.
 */
export function replayDeliveries(
  db: D1Database,
  endpointId: string,
  selection: ReplaySelection,
  now: string,
): D1PreparedStatement {
  const subscribed = `(ev.endpoint_id = ?1 OR (ev.endpoint_id IS NULL AND EXISTS (
      SELECT 1 FROM webhook_endpoints AS e, json_each(e.events) AS t
      WHERE e.id = ?1 AND e.deleted_at IS NULL AND t.value IN (ev.type, '*'))))`;
  const upsert = `ON CONFLICT (endpoint_id, event_seq) DO UPDATE SET status = 'pending',
      next_attempt_at = excluded.next_attempt_at, queued_until = NULL, completed_at = NULL,
      attempts = CASE WHEN webhook_deliveries.status = 'pending' THEN webhook_deliveries.attempts ELSE 0 END
    WHERE webhook_deliveries.lease_token IS NULL
    RETURNING id`;
  const insert = `INSERT INTO webhook_deliveries (event_seq, endpoint_id, reference, next_attempt_at, created_at)
    SELECT ev.seq, ?1, ev.reference, ?2, ?2 FROM webhook_events AS ev`;
  if ("eventId" in selection) {
    return db
      .prepare(`${insert} WHERE ev.id = ?3 AND ${subscribed} ${upsert}`)
      .bind(endpointId, now, selection.eventId);
  }
  return db
    .prepare(
      `${insert} WHERE ev.occurred_at >= ?3 AND ev.occurred_at < ?4 AND ${subscribed}
         AND (?5 = 'all' OR NOT EXISTS (SELECT 1 FROM webhook_deliveries AS d
           WHERE d.endpoint_id = ?1 AND d.event_seq = ev.seq AND d.status IN ('pending', 'succeeded')))
       ORDER BY ev.seq LIMIT ?6 ${upsert}`,
    )
    .bind(endpointId, now, selection.from, selection.to, selection.include, selection.limit);
}
