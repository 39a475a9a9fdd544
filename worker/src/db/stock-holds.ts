/**
 * The `stock_holds` table: the units a pending order keeps aside for `STOCK_HOLD_MINUTES`. A hold is written in
 * the order's own batch only if the units are there, so concurrent checkouts never sell more than the stock;
 * the triggers of migration 0006 take it on payment and release it on abandonment.
 * @module
 */

/** The SQL expression of the units held for a sku at an instant (both SQL expressions). */
export function heldUnits(sku: string, now: string): string {
  return `(SELECT COALESCE(SUM(h.quantity), 0) FROM stock_holds h
           WHERE h.sku = ${sku} AND h.status = 'held' AND h.expires_at > ${now})`;
}

/** A hold to place: `quantity` units of `sku` for order `reference` until `expiresAt`. */
export interface NewHold {
  reference: string;
  sku: string;
  quantity: number;
  expiresAt: string;
}

/**
 * Holds the units if the product still has them at `now` (its stock less the unexpired holds); changes no
 * row otherwise. A product whose stock stopped being counted is always held.
 */
export function insertHoldIfAvailable(
  db: D1Database,
  hold: NewHold,
  now: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO stock_holds (reference, sku, quantity, status, expires_at)
       SELECT ?1, ?2, ?3, 'held', ?4
       WHERE COALESCE((SELECT stock FROM products WHERE sku = ?2) - ${heldUnits("?2", "?5")}, ?3) >= ?3`,
    )
    .bind(hold.reference, hold.sku, hold.quantity, hold.expiresAt, now);
}

/** The condition, inside the order's INSERT, that all `count` holds of `reference` were placed. */
export function allHeld(reference: string, count: number): { sql: string; values: unknown[] } {
  return {
    sql: "(SELECT COUNT(*) FROM stock_holds WHERE reference = ?) = ?",
    values: [reference, count],
  };
}

/** Removes the holds of an order the batch did not create (another line was out of stock, the limit hit…). */
export function deleteHoldsWithoutOrder(db: D1Database, reference: string): D1PreparedStatement {
  return db
    .prepare(
      "DELETE FROM stock_holds WHERE reference = ?1 AND NOT EXISTS (SELECT 1 FROM orders WHERE reference = ?1)",
    )
    .bind(reference);
}
