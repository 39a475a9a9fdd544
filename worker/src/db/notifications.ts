/**
 * The `notifications` table: every Retour call, as received, before it is acknowledged. Validly sealed rows
 * are append-only (SQL triggers); rows whose seal is not valid are bounded and purged (see retour.ts).
 * @module
 */
import { decodeFormBody } from "@sceau/protocol";
import type { D1Reader } from "../env.ts";

export type Classification =
  | "accepted"
  | "refused"
  | "instalment-collected"
  | "instalment-refused"
  | "renewal-collected"
  | "renewal-refused"
  | "anomaly"
  | "orphan"
  | "invalid-seal"
  | "malformed"
  | "unverified";

export interface NotificationRow {
  seq: number;
  id: string;
  received_at: string;
  method: string;
  body: string;
  body_sha256: string | null;
  body_size: number | null;
  seal_valid: number;
  reference: string | null;
  code_retour: string | null;
  montant: string | null;
  tpe: string | null;
  classification: Classification;
  detail: string | null;
}

/** The merchant's view of a notification: the body decoded, `MAC` removed. */
export function notificationJson(row: NotificationRow) {
  let fields: Record<string, string> = {};
  try {
    fields = decodeFormBody(row.body);
  } catch {
    // a body that is not a form (or a bounded prefix of one) shows no fields
  }
  delete fields.MAC;
  return {
    id: row.id,
    receivedAt: row.received_at,
    method: row.method,
    sealValid: row.seal_valid === 1,
    classification: row.classification,
    reference: row.reference,
    codeRetour: row.code_retour,
    montant: row.montant,
    detail: row.detail,
    fields,
  };
}

/**
 * A condition on notification `?` having classification `?` — two parameters — for the statements of a
 * batch that act on what the batch's first statement classified.
 */
export const classifiedAs =
  "EXISTS (SELECT 1 FROM notifications WHERE id = ? AND classification = ?)";

/** A notification as it is stored: its body already bounded (see retour.ts). */
export interface StoredNotification {
  id: string;
  receivedAt: string;
  method: string;
  body: string;
  bodySha256: string;
  bodySize: number;
  sealValid: boolean;
  /** The order it is linked to (only ever for a valid seal). */
  reference: string | null;
  codeRetour: string | null;
  montant: string | null;
  tpe: string | null;
}

const COLUMNS = `INSERT INTO notifications (id, received_at, method, body, body_sha256, body_size, seal_valid,
  reference, code_retour, montant, tpe, classification, detail)`;

function values(n: StoredNotification): unknown[] {
  return [
    n.id,
    n.receivedAt,
    n.method,
    n.body,
    n.bodySha256,
    n.bodySize,
    n.sealValid ? 1 : 0,
    n.reference,
    n.codeRetour,
    n.montant,
    n.tpe,
  ];
}

/** Appends a notification with a known classification. */
export function insertNotification(
  db: D1Database,
  n: StoredNotification,
  classification: Classification,
  detail: string | null,
): D1PreparedStatement {
  return db
    .prepare(`${COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .bind(...values(n), classification, detail);
}

/**
 * Appends a notification only while its client's count in the rate-limit window is within the limit (the
 * count is written by the statement before this one in the same batch).
 */
export function insertNotificationWithinLimit(
  db: D1Database,
  n: StoredNotification,
  classification: Classification,
  detail: string | null,
  window: { client: string; start: number; limit: number },
): D1PreparedStatement {
  return db
    .prepare(
      `${COLUMNS} SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
       WHERE (SELECT count FROM rate_limits WHERE client = ? AND window_start = ?) <= ?`,
    )
    .bind(...values(n), classification, detail, window.client, window.start, window.limit);
}

/** What a validly sealed notification says, for matching it against its order inside the database. */
export interface NotificationClaim {
  reference: string;
  currency: string;
  amount: number;
  /** The instalment it is about and the amount it carries (`montantech`), for split payments. */
  instalment?: { number: number; amount: number | null };
  /** A mismatch known without the order (another TPE), checked first. */
  before?: string;
  /** A mismatch known without the order (a test payment in production), checked after the amounts. */
  after?: string;
  /**
   * On a recurring terminal: what the notification is when it comes after the first period (the Retour's
   * date on or after the first renewal's day: the bank captured, or failed to capture, a renewal), with the
   * Retour's instant and Paris day.
   */
  renewal?: { classification: "renewal-collected" | "renewal-refused"; at: string; day: string };
  /** The classification when everything matches. */
  matching: Classification;
}

/**
 * Appends a validly sealed notification, classified against its order in the same statement: `orphan` when
 * there is no such order, `anomaly` (with the first reason in `detail`) when the currency, the amount, the
 * instalment's amount or a known mismatch says so, or when it is about a renewal the worker has not planned;
 * a renewal's classification when it comes after the first period of a recurring order; else
 * `claim.matching`. Returns the classification.
 */
export function insertClassifiedNotification(
  db: D1Database,
  n: StoredNotification,
  claim: NotificationClaim,
): D1PreparedStatement {
  const mismatch = `?12 IS NOT NULL OR o.currency <> ?14 OR o.total <> ?15 OR ?13 IS NOT NULL
    OR (?17 IS NOT NULL AND i.amount IS NOT NULL AND i.amount <> ?17)`;
  return db
    .prepare(
      `${COLUMNS}
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
         CASE
           WHEN o.reference IS NULL THEN 'orphan'
           WHEN ${mismatch} THEN 'anomaly'
           WHEN rn.later AND NOT rn.known THEN 'anomaly'
           WHEN rn.later THEN ?20
           ELSE ?18
         END,
         CASE
           WHEN o.reference IS NULL THEN 'no order with this reference'
           WHEN ?12 IS NOT NULL THEN ?12
           WHEN o.currency <> ?14 THEN 'currency-mismatch: ' || ?14 || ' instead of ' || o.currency
           WHEN o.total <> ?15 THEN 'amount-mismatch: ' || CAST(?15 AS INTEGER) || ' instead of ' || o.total
           WHEN ?13 IS NOT NULL THEN ?13
           WHEN ?17 IS NOT NULL AND i.amount IS NOT NULL AND i.amount <> ?17
             THEN 'instalment-amount-mismatch: ' || CAST(?17 AS INTEGER) || ' instead of ' || i.amount
           WHEN rn.later AND NOT rn.known
             THEN 'renewal-unplanned: no renewal of this order is open on ' || ?22
         END
       FROM (SELECT 1) AS one
       LEFT JOIN orders AS o ON o.reference = ?19
       LEFT JOIN payments AS i ON i.reference = o.reference AND i.kind = 'instalment' AND i.number = ?16
       LEFT JOIN (SELECT
           EXISTS (SELECT 1 FROM payments AS f WHERE f.reference = ?19 AND f.kind = 'order'
             AND f.state <> 'pending' AND f.deadline <= ?21) AS later,
           EXISTS (SELECT 1 FROM payments AS r WHERE r.reference = ?19 AND r.kind = 'renewal'
             AND r.day <= ?22 AND (r.deadline IS NULL OR r.deadline > ?21)) AS known
         ) AS rn ON ?20 IS NOT NULL
       RETURNING classification`,
    )
    .bind(
      ...values(n),
      claim.before ?? null,
      claim.after ?? null,
      claim.currency,
      claim.amount,
      claim.instalment?.number ?? null,
      claim.instalment?.amount ?? null,
      claim.matching,
      claim.reference,
      claim.renewal?.classification ?? null,
      claim.renewal?.at ?? null,
      claim.renewal?.day ?? null,
    );
}

/** How many refusals the bank notified for a reference, and when the first arrived. */
export interface RefusalsRow {
  refusals: number;
  first_refusal_at: string | null;
}

/** The refusals notified for a reference: the bank's attempts spent on it (PROTOCOL.md §9.5). */
export function selectRefusals(db: D1Reader, reference: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT count(*) AS refusals, min(received_at) AS first_refusal_at FROM notifications
       WHERE reference = ? AND classification = 'refused'`,
    )
    .bind(reference);
}

/** One page of an order's notifications, oldest first, after sequence number `after` (one more row than `limit`). */
export function selectOrderNotifications(
  db: D1Reader,
  reference: string,
  after: number,
  limit: number,
): D1PreparedStatement {
  return db
    .prepare("SELECT * FROM notifications WHERE reference = ? AND seq > ? ORDER BY seq LIMIT ?")
    .bind(reference, after, limit + 1);
}

/** One page of the whole log, newest first, before sequence number `before` (one more row than `limit`). */
export function selectNotifications(
  db: D1Reader,
  filter: { classification?: string; before?: number },
  limit: number,
): D1PreparedStatement {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.classification) {
    where.push("classification = ?");
    params.push(filter.classification);
  }
  if (filter.before !== undefined) {
    where.push("seq < ?");
    params.push(filter.before);
  }
  return db
    .prepare(
      `SELECT * FROM notifications ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`,
    )
    .bind(...params, limit + 1);
}

/** Deletes the calls whose seal was not valid, received before `before`. */
export function purgeUnverified(db: D1Database, before: Date): D1PreparedStatement {
  return db
    .prepare("DELETE FROM notifications WHERE seal_valid = 0 AND received_at < ?")
    .bind(before.toISOString());
}
