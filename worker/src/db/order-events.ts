/**
 * The `order_events` table: what changed an order, written in the same batch as the change.
 * @module
 */
import type { D1Reader } from "../env.ts";

export interface OrderEventRow {
  at: string;
  kind: string;
  notification_id: string | null;
  operation_id: string | null;
  detail: string | null;
}

/** An order's events, in order. */
export function selectOrderEvents(db: D1Reader, reference: string): D1PreparedStatement {
  return db
    .prepare(
      "SELECT at, kind, notification_id, operation_id, detail FROM order_events WHERE reference = ? ORDER BY seq",
    )
    .bind(reference);
}

/**
 * Records that the statement just before this one in the batch changed the order (notification
 * `notificationId`, when one did) — only if it changed a row (`changes()`), so a repeated notification, or a
 * link opened again, records nothing.
 */
export function insertEventIfChanged(
  db: D1Database,
  event: {
    reference: string;
    at: string;
    kind: string;
    notificationId?: string;
    detail?: string | null;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO order_events (reference, at, kind, notification_id, detail)
       SELECT ?, ?, ?, ?, ? WHERE changes() > 0`,
    )
    .bind(
      event.reference,
      event.at,
      event.kind,
      event.notificationId ?? null,
      event.detail ?? null,
    );
}

/**
 * Records something the merchant did to an order (created it), if the order exists: in the batch that creates
 * it, an order the stock or a promo code refused leaves no event behind.
 */
export function insertMerchantEvent(
  db: D1Database,
  event: { reference: string; at: string; kind: string; detail: string | null },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO order_events (reference, at, kind, detail)
       SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM orders WHERE reference = ?1)`,
    )
    .bind(event.reference, event.at, event.kind, event.detail);
}

/** Records the anomaly notification `notificationId` found, with its reason, if the statement before changed a row. */
export function insertAnomalyEventIfChanged(
  db: D1Database,
  event: { reference: string; at: string; notificationId: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO order_events (reference, at, kind, notification_id, detail)
       SELECT ?1, ?2, 'anomaly', ?3, (SELECT detail FROM notifications WHERE id = ?3) WHERE changes() > 0`,
    )
    .bind(event.reference, event.at, event.notificationId);
}

/**
 * Records `abandoned` on every order `markAbandoned` (orders.ts) is about to mark (still `pending`, created before
 * `before`); run just before it in the same batch, so both see the same orders.
 */
export function insertAbandonedEvents(
  db: D1Database,
  event: { before: string; at: string; detail: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO order_events (reference, at, kind, detail)
       SELECT reference, ?, 'abandoned', ? FROM orders WHERE status = 'pending' AND created_at < ?`,
    )
    .bind(event.at, event.detail, event.before);
}

/** Records a merchant operation on the order (done or failed). */
export function insertOperationEvent(
  db: D1Database,
  event: {
    reference: string;
    at: string;
    kind: string;
    operationId: string;
    detail: string | null;
  },
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO order_events (reference, at, kind, operation_id, detail) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(event.reference, event.at, event.kind, event.operationId, event.detail);
}
