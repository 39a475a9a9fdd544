/**
 * The ledger columns of the `orders` table, as merchant operations change them: a per-order lock, then one
 * statement per accepted operation that applies it and releases the lock. Amounts are applied relative to
 * the current values, so what the bank accepted is always recorded.
 * @module
 */
import type { OperationKind } from "./operations.ts";

/**
 * Takes the order's operation lock (a new `lock` value) unless another one, younger than `staleBefore`,
 * holds it; returns the order when taken.
 */
export function takeLock(
  db: D1Database,
  reference: string,
  lock: string,
  at: string,
  staleBefore: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE orders SET op_lock = ?, op_lock_at = ?
       WHERE reference = ? AND (op_lock IS NULL OR op_lock_at < ?) RETURNING *`,
    )
    .bind(lock, at, reference, staleBefore);
}

/** Releases the lock if it is still `lock`, returning the order. */
export function releaseLock(db: D1Database, reference: string, lock: string): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE orders SET op_lock = NULL, op_lock_at = NULL WHERE reference = ? AND op_lock = ? RETURNING *",
    )
    .bind(reference, lock);
}

/** What an accepted operation changes, besides releasing its lock. */
export interface LedgerChange {
  reference: string;
  kind: OperationKind;
  amount: number;
  lock: string;
  at: string;
  /** The capture's bank day (`YYYY-MM-DD`), kept as the first capture date. */
  captureDay: string;
  /** The authorisation number the bank gave with a capture. */
  authorisationNumber: string | null;
}

/** Applies an operation the bank accepted to the ledger and releases the lock, returning the order. */
export function applyToLedger(db: D1Database, change: LedgerChange): D1PreparedStatement {
  const release = "op_lock = CASE WHEN op_lock = ? THEN NULL ELSE op_lock END";
  switch (change.kind) {
    case "capture":
      return db
        .prepare(
          `UPDATE orders SET captured_amount = captured_amount + ?,
             authorised_remaining = MAX(authorised_remaining - ?, 0), status = 'captured',
             capture_date = COALESCE(capture_date, ?), authorisation_number = COALESCE(authorisation_number, ?),
             ${release}, updated_at = ?
           WHERE reference = ? RETURNING *`,
        )
        .bind(
          change.amount,
          change.amount,
          change.captureDay,
          change.authorisationNumber,
          change.lock,
          change.at,
          change.reference,
        );
    case "cancel":
      return db
        .prepare(
          `UPDATE orders SET authorised_remaining = 0,
             status = CASE WHEN captured_amount > 0 THEN status ELSE 'cancelled' END, ${release}, updated_at = ?
           WHERE reference = ? RETURNING *`,
        )
        .bind(change.lock, change.at, change.reference);
    case "recredit":
      return db
        .prepare(
          `UPDATE orders SET refunded_amount = refunded_amount + ?,
             status = CASE WHEN refunded_amount + ? >= captured_amount AND authorised_remaining = 0
               THEN 'refunded' ELSE status END,
             ${release}, updated_at = ?
           WHERE reference = ? RETURNING *`,
        )
        .bind(change.amount, change.amount, change.lock, change.at, change.reference);
    case "stop-recurrence":
      return db
        .prepare(
          `UPDATE orders SET recurrence_stopped = 1, ${release}, updated_at = ? WHERE reference = ? RETURNING *`,
        )
        .bind(change.lock, change.at, change.reference);
  }
}
