/**
 * The `authorisations` table: each authorisation the bank granted under a payment — at order (immediate,
 * deferred, a split's first instalment), per merchant capture (partial, recurring), per instalment or renewal
 * the bank collected — with what it captured, on which day, and what was refunded under it. A refund names
 * one authorisation: its number (`num_autorisation`), its capture day (`date_remise`), and what it can still
 * refund (`montant_possible`).
 * @module
 */
import type { D1Reader } from "../env.ts";
import type { PaymentKind } from "./payments.ts";

export interface AuthorisationRow {
  id: number;
  reference: string;
  kind: PaymentKind;
  payment_number: number;
  numauto: string | null;
  at: string;
  authorised: number;
  captured: number;
  captured_day: string | null;
  refunded: number;
}

/** An order's authorisations, oldest first. */
export function selectAuthorisations(db: D1Reader, reference: string): D1PreparedStatement {
  return db.prepare("SELECT * FROM authorisations WHERE reference = ? ORDER BY id").bind(reference);
}

/**
 * The authorisation the bank granted with the card's acceptance, under the payment the same batch just
 * opened (`by` the notification): the whole payment authorised, and captured when `capturedDay` is given
 * (immediate payments).
 */
export function insertAcceptedAuthorisation(
  db: D1Database,
  t: { reference: string; by: string; at: string },
  numauto: string | null,
  capturedDay: string | null,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO authorisations (reference, kind, payment_number, numauto, at, authorised, captured, captured_day)
       SELECT reference, kind, number, ?1, ?2, amount, CASE WHEN ?3 IS NULL THEN 0 ELSE amount END, ?3
       FROM payments WHERE reference = ?4 AND changed_by = ?5 AND state IN ('authorised', 'captured')`,
    )
    .bind(numauto, t.at, capturedDay, t.reference, t.by);
}

/**
 * The authorisation under which the bank collected an instalment or a renewal (the payment `by` the
 * notification just captured): what the payment had left, authorised and captured on `day`.
 */
export function insertCollectedAuthorisation(
  db: D1Database,
  t: { reference: string; by: string; at: string },
  numauto: string | null,
  day: string,
): D1PreparedStatement {
  const captured = `(SELECT COALESCE(SUM(a.captured), 0) FROM authorisations AS a WHERE a.reference = p.reference
    AND a.kind = p.kind AND a.payment_number = p.number)`;
  return db
    .prepare(
      `INSERT INTO authorisations (reference, kind, payment_number, numauto, at, authorised, captured, captured_day)
       SELECT reference, kind, number, ?1, ?2, amount - ${captured}, amount - ${captured}, ?3
       FROM payments AS p WHERE reference = ?4 AND changed_by = ?5 AND state = 'captured'
         AND amount > ${captured}`,
    )
    .bind(numauto, t.at, day, t.reference, t.by);
}

/** A merchant's capture under the payment's existing authorisation (deferred, a split's first instalment). */
export function captureUnderAuthorisation(
  db: D1Database,
  payment: { reference: string; kind: PaymentKind; number: number },
  amount: number,
  day: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE authorisations SET captured = captured + ?, captured_day = ?
       WHERE reference = ? AND kind = ? AND payment_number = ?`,
    )
    .bind(amount, day, payment.reference, payment.kind, payment.number);
}

/** A merchant's capture under a new authorisation (partial, recurring): `aut` of the bank's answer. */
export function insertCaptureAuthorisation(
  db: D1Database,
  payment: { reference: string; kind: PaymentKind; number: number },
  capture: { numauto: string | null; amount: number; day: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO authorisations (reference, kind, payment_number, numauto, at, authorised, captured, captured_day)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      payment.reference,
      payment.kind,
      payment.number,
      capture.numauto,
      capture.at,
      capture.amount,
      capture.amount,
      capture.day,
    );
}

/** A refund the bank made under one authorisation. */
export function refundUnderAuthorisation(
  db: D1Database,
  id: number,
  amount: number,
): D1PreparedStatement {
  return db
    .prepare("UPDATE authorisations SET refunded = refunded + ? WHERE id = ?")
    .bind(amount, id);
}

/**
 * What an order's list line and CSV export show: captured and refunded, all authorisations together (the
 * `orders` row in scope).
 */
export const ORDER_TOTALS = `(SELECT COALESCE(SUM(a.captured), 0) FROM authorisations AS a
    WHERE a.reference = orders.reference) AS captured_total,
  (SELECT COALESCE(SUM(a.refunded), 0) FROM authorisations AS a
    WHERE a.reference = orders.reference) AS refunded_total`;
