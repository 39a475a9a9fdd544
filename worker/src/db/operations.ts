/**
 * The `operations` table (append-only): every capture, cancel, recredit and stop-recurrence call, with the
 * bank's own words.
 * @module
 */
import type { D1Reader } from "../env.ts";

export type OperationKind = "capture" | "cancel" | "recredit" | "stop-recurrence";

export interface OperationRow {
  seq: number;
  id: string;
  reference: string;
  kind: OperationKind;
  amount: number;
  requested_at: string;
  request: string;
  http_status: number | null;
  response: string | null;
  cdr: number | null;
  lib: string | null;
  ok: number;
  error: string | null;
}

/** The merchant's view of an operation. */
export function operationJson(row: OperationRow) {
  return {
    id: row.id,
    kind: row.kind,
    amount: row.amount,
    requestedAt: row.requested_at,
    ok: row.ok === 1,
    cdr: row.cdr,
    lib: row.lib,
    httpStatus: row.http_status,
    error: row.error,
    response: row.response,
  };
}

/** What one call to the bank was and what the bank answered. */
export interface OperationRecord {
  id: string;
  reference: string;
  kind: OperationKind;
  amount: number;
  at: string;
  /** The fields sent; the MAC is left out. */
  request: Readonly<Record<string, string>>;
  httpStatus: number | null;
  response: string | null;
  cdr: number | null;
  lib: string | null;
  ok: boolean;
  error: string | null;
}

/** Appends an operation, returning the stored row. */
export function insertOperation(db: D1Database, op: OperationRecord): D1PreparedStatement {
  const { MAC: _, ...fields } = op.request;
  return db
    .prepare(
      `INSERT INTO operations (id, reference, kind, amount, requested_at, request, http_status, response, cdr, lib,
        ok, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .bind(
      op.id,
      op.reference,
      op.kind,
      op.amount,
      op.at,
      JSON.stringify(fields),
      op.httpStatus,
      op.response,
      op.cdr,
      op.lib,
      op.ok ? 1 : 0,
      op.error,
    );
}

/** An order's operations, in order. */
export function selectOrderOperations(db: D1Reader, reference: string): D1PreparedStatement {
  return db.prepare("SELECT * FROM operations WHERE reference = ? ORDER BY seq").bind(reference);
}
