/**
 * Merchant operations (capture, cancel, recredit, stop recurrence): the worker's own ledger decides first,
 * then the bank's web service is called with a sealed request, and its answer is recorded word for word.
 *
 * One operation at a time per order: a lock column is taken with a conditional UPDATE before the ledger
 * is read, and released in the same batch that records the bank's answer (a lock older than 60 s is stale,
 * for a worker that died mid-call; the bank call times out after 20 s). What the bank accepted is always
 * applied to the ledger, relative to its current values.
 * @module
 */
import {
  type BankRequest,
  bankDay,
  type CaptureResponse,
  ProtocolError,
  parseCaptureResponse,
  parseRecreditResponse,
  type RecreditResponse,
} from "@sceau/protocol";
import { isoDay } from "./catalog.ts";
import type { TerminalSettings } from "./config.ts";
import { getOrder, type OrderRow } from "./db/orders.ts";
import type { BankFetch } from "./env.ts";
import { ApiError, badRequest } from "./errors.ts";

export type OperationKind = "capture" | "cancel" | "recredit" | "stop-recurrence";

const LOCK_STALE_MS = 60_000;
const BANK_TIMEOUT_MS = 20_000;

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

export interface OperationInput {
  amount?: unknown;
}

function conflict(code: string, message: string): ApiError {
  return new ApiError(409, code, message);
}

function requestedAmount(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw badRequest(
      "ERR_AMOUNT_INVALID",
      "amount must be a positive integer in minor units.",
      "amount",
    );
  }
  return value;
}

/** The ledger's verdict, before anything is sent to the bank. */
export function planOperation(
  kind: OperationKind,
  order: OrderRow,
  input: OperationInput,
): { amount: number } {
  if (kind === "recredit") {
    if (!["paid", "captured", "refunded"].includes(order.status)) {
      throw conflict(
        "ERR_ORDER_NOT_PAID",
        `Order ${order.reference} is ${order.status}, not paid.`,
      );
    }
    const refundable = order.captured_amount - order.refunded_amount;
    if (order.captured_amount === 0) {
      throw conflict("ERR_ORDER_NOT_CAPTURED", "Nothing has been captured on this order yet.");
    }
    if (refundable === 0)
      throw conflict("ERR_NOTHING_TO_REFUND", "Everything captured was refunded.");
    const amount = requestedAmount(input.amount, refundable);
    if (amount > refundable) {
      throw conflict(
        "ERR_AMOUNT_EXCEEDS_REFUNDABLE",
        `At most ${refundable} can still be refunded (captured ${order.captured_amount}, refunded ${order.refunded_amount}).`,
      );
    }
    if (!order.authorisation_number || !order.capture_date) {
      throw conflict(
        "ERR_AUTHORISATION_UNKNOWN",
        "The bank's authorisation number or capture date is unknown for this order.",
      );
    }
    return { amount };
  }
  // Capture, cancel and stop-recurrence need a live authorisation: paid, or partly captured.
  if (order.status !== "paid" && order.status !== "captured") {
    throw conflict("ERR_ORDER_NOT_PAID", `Order ${order.reference} is ${order.status}, not paid.`);
  }
  if (kind === "capture") {
    if (order.authorised_remaining === 0) {
      throw conflict("ERR_AMOUNT_EXCEEDS_AUTHORISED", "Nothing is left authorised to capture.");
    }
    const amount = requestedAmount(input.amount, order.authorised_remaining);
    if (amount > order.authorised_remaining) {
      throw conflict(
        "ERR_AMOUNT_EXCEEDS_AUTHORISED",
        `At most ${order.authorised_remaining} is still authorised (total ${order.total}, captured ${order.captured_amount}).`,
      );
    }
    return { amount };
  }
  if (kind === "cancel") {
    if (order.authorised_remaining === 0) {
      throw conflict("ERR_NOTHING_TO_CANCEL", "Nothing is left authorised to cancel.");
    }
    return { amount: order.authorised_remaining };
  }
  if (order.recurrence_stopped === 1) {
    throw conflict("ERR_RECURRENCE_ALREADY_STOPPED", "The recurrence is already stopped.");
  }
  return { amount: 0 };
}

async function buildRequest(
  settings: TerminalSettings,
  kind: OperationKind,
  order: OrderRow,
  plan: { amount: number },
): Promise<BankRequest> {
  const t = settings.terminal;
  const common = {
    reference: order.reference,
    orderDate: new Date(order.order_date),
    amount: { minor: order.total, currency: order.currency },
    alreadyCaptured: order.captured_amount,
    language: order.lang,
  };
  switch (kind) {
    case "capture":
      return t.captureRequest({
        ...common,
        capture: plan.amount,
        remaining: order.authorised_remaining - plan.amount,
      });
    case "cancel":
      return t.cancelRequest(common);
    case "stop-recurrence":
      return t.stopRecurrenceRequest(common);
    case "recredit": {
      const [y, m, d] = (order.capture_date ?? "").split("-").map(Number);
      return t.recreditRequest({
        reference: order.reference,
        orderDate: common.orderDate,
        captureDate: { year: y ?? 0, month: m ?? 0, day: d ?? 0 },
        authorisationNumber: order.authorisation_number ?? "",
        amount: common.amount,
        refund: plan.amount,
        refundable: order.captured_amount - order.refunded_amount,
        language: order.lang,
      });
    }
  }
}

function ledgerUpdate(
  db: D1Database,
  kind: OperationKind,
  order: OrderRow,
  plan: { amount: number },
  answer: CaptureResponse | RecreditResponse,
  lock: string,
  now: Date,
): D1PreparedStatement {
  const at = now.toISOString();
  const ref = order.reference;
  switch (kind) {
    case "capture":
      return db
        .prepare(
          `UPDATE orders SET captured_amount = captured_amount + ?, authorised_remaining = MAX(authorised_remaining - ?, 0),
            status = 'captured',
            capture_date = COALESCE(capture_date, ?), authorisation_number = COALESCE(authorisation_number, ?),
            op_lock = CASE WHEN op_lock = ? THEN NULL ELSE op_lock END, updated_at = ?
           WHERE reference = ?`,
        )
        .bind(
          plan.amount,
          plan.amount,
          isoDay(bankDay(now)),
          "authorisationNumber" in answer ? (answer.authorisationNumber ?? null) : null,
          lock,
          at,
          ref,
        );
    case "cancel":
      return db
        .prepare(
          `UPDATE orders SET authorised_remaining = 0,
            status = CASE WHEN captured_amount > 0 THEN status ELSE 'cancelled' END,
            op_lock = CASE WHEN op_lock = ? THEN NULL ELSE op_lock END, updated_at = ?
           WHERE reference = ?`,
        )
        .bind(lock, at, ref);
    case "recredit":
      return db
        .prepare(
          `UPDATE orders SET refunded_amount = refunded_amount + ?,
            status = CASE WHEN refunded_amount + ? >= captured_amount AND authorised_remaining = 0
              THEN 'refunded' ELSE status END,
            op_lock = CASE WHEN op_lock = ? THEN NULL ELSE op_lock END, updated_at = ?
           WHERE reference = ?`,
        )
        .bind(plan.amount, plan.amount, lock, at, ref);
    case "stop-recurrence":
      return db
        .prepare(
          `UPDATE orders SET recurrence_stopped = 1,
            op_lock = CASE WHEN op_lock = ? THEN NULL ELSE op_lock END, updated_at = ?
           WHERE reference = ?`,
        )
        .bind(lock, at, ref);
  }
}

function insertOperation(
  db: D1Database,
  op: {
    id: string;
    reference: string;
    kind: OperationKind;
    amount: number;
    at: string;
    request: Record<string, string>;
    httpStatus: number | null;
    response: string | null;
    cdr: number | null;
    lib: string | null;
    ok: boolean;
    error: string | null;
  },
): D1PreparedStatement {
  const { MAC: _, ...fields } = op.request;
  return db
    .prepare(
      `INSERT INTO operations (id, reference, kind, amount, requested_at, request, http_status, response, cdr, lib,
        ok, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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

/** Runs one operation end to end; resolves with the recorded operation and the updated order. */
export async function runOperation(
  db: D1Database,
  settings: TerminalSettings,
  bankFetch: BankFetch,
  kind: OperationKind,
  reference: string,
  input: OperationInput,
  now = new Date(),
): Promise<{ operation: OperationRow; order: OrderRow }> {
  const lock = crypto.randomUUID();
  const at = now.toISOString();
  const taken = await db
    .prepare(
      `UPDATE orders SET op_lock = ?, op_lock_at = ?
       WHERE reference = ? AND (op_lock IS NULL OR op_lock_at < ?)`,
    )
    .bind(lock, at, reference, new Date(now.getTime() - LOCK_STALE_MS).toISOString())
    .run();
  if (taken.meta.changes === 0) {
    if (!(await getOrder(db, reference))) {
      throw new ApiError(404, "ERR_ORDER_NOT_FOUND", `No order ${reference}.`);
    }
    throw conflict("ERR_OPERATION_IN_PROGRESS", "Another operation on this order is in progress.");
  }
  const release = () =>
    db
      .prepare(
        "UPDATE orders SET op_lock = NULL, op_lock_at = NULL WHERE reference = ? AND op_lock = ?",
      )
      .bind(reference, lock);
  let recorded = false;
  try {
    const order = (await getOrder(db, reference)) as OrderRow;
    const plan = planOperation(kind, order, input);
    const request = await buildRequest(settings, kind, order, plan);
    const id = crypto.randomUUID();
    const base = { id, reference, kind, amount: plan.amount, at, request: { ...request.fields } };

    let httpStatus: number | null = null;
    let text: string | null = null;
    let failure: string | null = null;
    try {
      const response = await bankFetch(
        new Request(request.url, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: request.body,
          signal: AbortSignal.timeout(BANK_TIMEOUT_MS),
        }),
      );
      httpStatus = response.status;
      text = (await response.text()).slice(0, 4000);
      if (!response.ok) failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = `bank unreachable: ${error instanceof Error ? error.name : "error"}`;
    }
    let answer: CaptureResponse | RecreditResponse | undefined;
    if (!failure && text !== null) {
      try {
        answer = kind === "recredit" ? parseRecreditResponse(text) : parseCaptureResponse(text);
      } catch (error) {
        failure = error instanceof ProtocolError ? error.code : "unreadable answer";
      }
    }
    const ok = answer?.ok === true;
    const record = insertOperation(db, {
      ...base,
      httpStatus,
      response: text,
      cdr: answer?.cdr ?? null,
      lib: answer?.lib ?? null,
      ok,
      error: failure,
    });
    const event = db
      .prepare(
        "INSERT INTO order_events (reference, at, kind, operation_id, detail) VALUES (?, ?, ?, ?, ?)",
      )
      .bind(
        reference,
        at,
        `${kind}-${ok ? "done" : "failed"}`,
        id,
        answer ? `cdr=${answer.cdr} lib=${answer.lib}` : failure,
      );
    const statements =
      ok && answer
        ? [record, event, ledgerUpdate(db, kind, order, plan, answer, lock, now)]
        : [record, event, release()];
    await db.batch(statements);
    recorded = true;
    const operation = (await db
      .prepare("SELECT * FROM operations WHERE id = ?")
      .bind(id)
      .first<OperationRow>()) as OperationRow;
    const updated = (await getOrder(db, reference)) as OrderRow;
    if (!answer) {
      throw new ApiError(
        502,
        "ERR_BANK_UNAVAILABLE",
        `The bank's service failed: ${failure}.`,
        undefined,
        {
          operation: operationJson(operation),
        },
      );
    }
    if (!ok) {
      throw new ApiError(
        answer.retryable ? 503 : 409,
        answer.retryable ? "ERR_BANK_BUSY" : "ERR_BANK_REFUSED",
        `The bank answered cdr=${answer.cdr}: ${answer.lib}`,
        undefined,
        { operation: operationJson(operation) },
      );
    }
    return { operation, order: updated };
  } finally {
    if (!recorded) await release().run();
  }
}
