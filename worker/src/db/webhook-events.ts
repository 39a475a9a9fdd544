/**
 * The `webhook_events` table: the outbox. Its rows are written by triggers (migrations/0006) in the statement
 * that records each state change; the worker itself only writes test events.
 * @module
 */
import type { D1Reader } from "../env.ts";
import type { NotificationRow } from "./notifications.ts";
import type { OperationRow } from "./operations.ts";

export interface WebhookEventRow {
  seq: number;
  id: string;
  type: string;
  occurred_at: string;
  reference: string | null;
  source_kind: string | null;
  notification_id: string | null;
  operation_id: string | null;
  detail: string | null;
  order_json: string | null;
  endpoint_id: string | null;
}

/** An event with the notification and the operation it comes from (both append-only rows). */
export interface EventSources {
  event: WebhookEventRow;
  notification?: NotificationRow | undefined;
  operation?: OperationRow | undefined;
}

/** The type of the event the worker sends to one endpoint when the merchant asks for a test. */
export const TEST_EVENT_TYPE = "webhook.test";

/** One page of events, newest first, before sequence number `before` (one more row than `limit`). */
export function selectEvents(
  db: D1Reader,
  filter: {
    type?: string | undefined;
    reference?: string | undefined;
    before?: number | undefined;
  },
  limit: number,
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT * FROM webhook_events
       WHERE (?1 IS NULL OR type = ?1) AND (?2 IS NULL OR reference = ?2) AND (?3 IS NULL OR seq < ?3)
       ORDER BY seq DESC LIMIT ?4`,
    )
    .bind(filter.type ?? null, filter.reference ?? null, filter.before ?? null, limit + 1);
}

/**
 * A test event for one enabled webhook endpoint (its delivery is created by the fan-out trigger); nothing when
 * there is no such endpoint. Returns the event.
 */
export function insertTestEvent(
  db: D1Database,
  event: { id: string; endpointId: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO webhook_events (id, type, occurred_at, endpoint_id) SELECT ?1, ?2, ?3, ?4
       WHERE EXISTS (SELECT 1 FROM webhook_endpoints
         WHERE id = ?4 AND channel = 'webhook' AND enabled = 1 AND deleted_at IS NULL)
       RETURNING *`,
    )
    .bind(event.id, TEST_EVENT_TYPE, event.at, event.endpointId);
}
