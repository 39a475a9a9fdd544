/**
 * The per-order lock of merchant operations (`orders.op_lock`): taken with a conditional `UPDATE` before the
 * ledger is read, released in the batch that records the bank's answer.
 * @module
 */

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
