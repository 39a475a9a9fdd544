/**
 * The `instalments` table: the split schedule of an order, one row per instalment.
 * @module
 */
import type { D1Reader } from "../env.ts";
import { classifiedAs } from "./notifications.ts";

export interface InstalmentRow {
  reference: string;
  number: number;
  due_date: string;
  amount: number;
  status: "scheduled" | "refused" | "collected";
  notification_id: string | null;
  updated_at: string;
}

/** The JSON view of an instalment. */
export function instalmentJson(row: InstalmentRow) {
  return { number: row.number, date: row.due_date, amount: row.amount, status: row.status };
}

/** An order's schedule, in order. */
export function selectInstalments(db: D1Reader, reference: string): D1PreparedStatement {
  return db
    .prepare("SELECT * FROM instalments WHERE reference = ? ORDER BY number")
    .bind(reference);
}

/** Adds one scheduled instalment (in the batch that creates its order). */
export function insertInstalment(
  db: D1Database,
  reference: string,
  instalment: { number: number; dueDate: string; amount: number },
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO instalments (reference, number, due_date, amount, status, updated_at)
       SELECT ?, ?, ?, ?, 'scheduled', ? WHERE EXISTS (SELECT 1 FROM orders WHERE reference = ?)`,
    )
    .bind(reference, instalment.number, instalment.dueDate, instalment.amount, at, reference);
}

/**
 * Marks instalment `number` collected, when notification `id` was classified `classification` (the
 * schedule only moves up: scheduled < refused < collected).
 */
export function collectInstalment(
  db: D1Database,
  reference: string,
  number: number,
  id: string,
  classification: string,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE instalments SET status = 'collected', notification_id = ?, updated_at = ?
       WHERE reference = ? AND number = ? AND status <> 'collected' AND ${classifiedAs}`,
    )
    .bind(id, at, reference, number, id, classification);
}

/** Marks a scheduled instalment refused, when notification `id` was classified `instalment-refused`. */
export function refuseInstalment(
  db: D1Database,
  reference: string,
  number: number,
  id: string,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE instalments SET status = 'refused', notification_id = ?, updated_at = ?
       WHERE reference = ? AND number = ? AND status = 'scheduled' AND ${classifiedAs}`,
    )
    .bind(id, at, reference, number, id, "instalment-refused");
}
