/**
 * The merchant console's figures: sales and payment attempts per local day, what needs the merchant, and the
 * totals of a filtered order list. Read-only; every query is served by an index (migrations 0005 and 0006).
 * @module
 */
import type { D1Reader } from "../env.ts";
import type { LocalDay } from "../local-days.ts";
import type { OperationKind } from "./operations.ts";
import { filterConditions, type OrderFilter } from "./order-list.ts";

/** The days as one JSON parameter (D1 binds at most 100 values), read back by `json_each`. */
const DAYS_CTE = `WITH days AS (
  SELECT json_extract(value, '$.date') AS date, json_extract(value, '$.start') AS start,
    json_extract(value, '$.end') AS finish
  FROM json_each(?))`;

export interface DailySales {
  date: string;
  currency: string;
  orders: number;
  amount: number;
}

export interface DailyAttempts {
  date: string;
  classification: "accepted" | "refused";
  count: number;
}

export interface AwaitingCaptureRow {
  reference: string;
  total: number;
  currency: string;
  authorised_remaining: number;
  paid_at: string;
}

export interface AnomalyRow {
  reference: string;
  total: number;
  currency: string;
  anomaly_reason: string | null;
  updated_at: string;
}

export interface FailedOperationRow {
  id: string;
  reference: string;
  kind: OperationKind;
  amount: number;
  currency: string;
  requested_at: string;
  cdr: number | null;
  lib: string | null;
  error: string | null;
}

/** A list of at most `limit` rows, and the size of the whole set. */
export interface Counted<T> {
  count: number;
  rows: T[];
}

/** Everything the console's home page shows. */
export interface Dashboard {
  sales: DailySales[];
  attempts: DailyAttempts[];
  awaitingCapture: Counted<AwaitingCaptureRow>;
  anomalies: Counted<AnomalyRow>;
  orphans: { count: number; latest: string | null };
  invalid: { count: number; latest: string | null };
  failedOperations: Counted<FailedOperationRow>;
}

/**
 * Orders whose payment was accepted during each day (by `paid_at`), per currency; an authorisation the
 * merchant cancelled before capturing anything is not a sale.
 */
function selectSalesByDay(db: D1Database, days: LocalDay[]): D1PreparedStatement {
  return db
    .prepare(
      `${DAYS_CTE}
      SELECT days.date AS date, o.currency AS currency, COUNT(*) AS orders, SUM(o.total) AS amount
      FROM days JOIN orders o ON o.paid_at >= days.start AND o.paid_at < days.finish
      WHERE o.status <> 'cancelled'
      GROUP BY days.date, o.currency`,
    )
    .bind(JSON.stringify(days));
}

/** Payment attempts the bank decided each day: validly sealed acceptances and refusals. */
function selectAttemptsByDay(db: D1Database, days: LocalDay[]): D1PreparedStatement {
  return db
    .prepare(
      `${DAYS_CTE}
      SELECT days.date AS date, n.classification AS classification, COUNT(*) AS count
      FROM days JOIN notifications n
        ON n.seal_valid = 1 AND n.received_at >= days.start AND n.received_at < days.finish
      WHERE n.classification IN ('accepted', 'refused')
      GROUP BY days.date, n.classification`,
    )
    .bind(JSON.stringify(days));
}

/** Authorisations still to capture, oldest first, each row carrying the size of the whole set. */
function selectAwaitingCapture(db: D1Database, limit: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT reference, total, currency, authorised_remaining, paid_at, COUNT(*) OVER () AS full_count
       FROM orders WHERE authorised_remaining > 0 AND status IN ('paid', 'captured')
       ORDER BY paid_at LIMIT ?`,
    )
    .bind(limit);
}

/** Orders in anomaly, latest first. */
function selectAnomalies(db: D1Database, limit: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT reference, total, currency, anomaly_reason, updated_at, COUNT(*) OVER () AS full_count
       FROM orders WHERE status = 'anomaly' ORDER BY updated_at DESC LIMIT ?`,
    )
    .bind(limit);
}

/**
 * How many notifications of some classes arrived since an instant, and the latest. `seal_valid IN (0, 1)`
 * (every row) lets SQLite read notifications_unverified, on (seal_valid, received_at), instead of the whole
 * log; a malformed call may have a valid seal or not.
 */
function selectNotificationCount(
  db: D1Database,
  since: string,
  classifications: "'orphan'" | "'invalid-seal', 'malformed'",
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT COUNT(*) AS count, MAX(received_at) AS latest FROM notifications
       WHERE seal_valid IN (0, 1) AND received_at >= ? AND classification IN (${classifications})`,
    )
    .bind(since);
}

/** Operations the bank refused or never answered since an instant, latest first. */
function selectFailedOperations(db: D1Database, since: string, limit: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT op.id, op.reference, op.kind, op.amount, o.currency, op.requested_at, op.cdr, op.lib, op.error,
         COUNT(*) OVER () AS full_count
       FROM operations op JOIN orders o ON o.reference = op.reference
       WHERE op.ok = 0 AND op.requested_at >= ? ORDER BY op.requested_at DESC LIMIT ?`,
    )
    .bind(since, limit);
}

function counted<T>(rows: (T & { full_count: number })[]): Counted<T> {
  return { count: rows[0]?.full_count ?? 0, rows };
}

/**
 * The home page's figures in one batch: sales and attempts per day; authorisations to capture, orders in
 * anomaly; and since `since` orphan notifications, calls with an invalid seal or malformed, and failed
 * operations. Lists hold at most `limit` rows; counts are for the whole set.
 */
export async function readDashboard(
  db: D1Database,
  days: LocalDay[],
  since: string,
  limit: number,
): Promise<Dashboard> {
  const results = await db.batch<unknown>([
    selectSalesByDay(db, days),
    selectAttemptsByDay(db, days),
    selectAwaitingCapture(db, limit),
    selectAnomalies(db, limit),
    selectNotificationCount(db, since, "'orphan'"),
    selectNotificationCount(db, since, "'invalid-seal', 'malformed'"),
    selectFailedOperations(db, since, limit),
  ]);
  const rows = <T>(i: number) => (results[i]?.results ?? []) as T[];
  const total = (i: number) => {
    const row = rows<{ count: number; latest: string | null }>(i)[0];
    return { count: row?.count ?? 0, latest: row?.latest ?? null };
  };
  return {
    sales: rows<DailySales>(0),
    attempts: rows<DailyAttempts>(1),
    awaitingCapture: counted(rows<AwaitingCaptureRow & { full_count: number }>(2)),
    anomalies: counted(rows<AnomalyRow & { full_count: number }>(3)),
    orphans: total(4),
    invalid: total(5),
    failedOperations: counted(rows<FailedOperationRow & { full_count: number }>(6)),
  };
}

export interface CurrencyTotals {
  currency: string;
  count: number;
  total: number;
  captured: number;
  refunded: number;
}

/** The number of orders a filter selects and their amounts, per currency (most orders first). */
export async function orderTotals(db: D1Reader, filter: OrderFilter): Promise<CurrencyTotals[]> {
  const { where, params } = filterConditions(filter);
  const { results } = await db
    .prepare(
      `SELECT currency, COUNT(*) AS count, SUM(total) AS total, SUM(captured_amount) AS captured,
         SUM(refunded_amount) AS refunded
       FROM orders ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       GROUP BY currency ORDER BY count DESC, currency`,
    )
    .bind(...params)
    .all<CurrencyTotals>();
  return results;
}
