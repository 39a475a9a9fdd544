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
import {
  insertOperation,
  type OperationKind,
  type OperationRecord,
  type OperationRow,
  operationJson,
} from "./db/operations.ts";
import { insertOperationEvent } from "./db/order-events.ts";
import { applyToLedger, releaseLock, takeLock } from "./db/order-ledger.ts";
import { type OrderRow, selectOrder } from "./db/orders.ts";
import type { BankFetch } from "./env.ts";
import { ApiError } from "./errors.ts";

export type { OperationKind } from "./db/operations.ts";

const LOCK_STALE_MS = 60_000;
const BANK_TIMEOUT_MS = 20_000;

/** What the merchant asked for: an amount in minor units, or nothing for "all of it". */
export interface OperationInput {
  amount?: number | null | undefined;
}

/** The ledger's verdict, before anything is sent to the bank. */
export function planOperation(
  kind: OperationKind,
  order: OrderRow,
  input: OperationInput,
): { amount: number } {
  if (kind === "recredit") {
    if (!["paid", "captured", "refunded"].includes(order.status)) {
      throw new ApiError(
        "ERR_ORDER_NOT_PAID",
        `Order ${order.reference} is ${order.status}, not paid.`,
      );
    }
    const refundable = order.captured_amount - order.refunded_amount;
    if (order.captured_amount === 0) {
      throw new ApiError("ERR_ORDER_NOT_CAPTURED", "Nothing has been captured on this order yet.");
    }
    if (refundable === 0)
      throw new ApiError("ERR_NOTHING_TO_REFUND", "Everything captured was refunded.");
    const amount = input.amount ?? refundable;
    if (amount > refundable) {
      throw new ApiError(
        "ERR_AMOUNT_EXCEEDS_REFUNDABLE",
        `At most ${refundable} can still be refunded (captured ${order.captured_amount}, refunded ${order.refunded_amount}).`,
      );
    }
    if (!order.authorisation_number || !order.capture_date) {
      throw new ApiError(
        "ERR_AUTHORISATION_UNKNOWN",
        "The bank's authorisation number or capture date is unknown for this order.",
      );
    }
    return { amount };
  }
  // Capture, cancel and stop-recurrence need a live authorisation: paid, or partly captured.
  if (order.status !== "paid" && order.status !== "captured") {
    throw new ApiError(
      "ERR_ORDER_NOT_PAID",
      `Order ${order.reference} is ${order.status}, not paid.`,
    );
  }
  if (kind === "capture") {
    if (order.authorised_remaining === 0) {
      throw new ApiError("ERR_AMOUNT_EXCEEDS_AUTHORISED", "Nothing is left authorised to capture.");
    }
    const amount = input.amount ?? order.authorised_remaining;
    if (amount > order.authorised_remaining) {
      throw new ApiError(
        "ERR_AMOUNT_EXCEEDS_AUTHORISED",
        `At most ${order.authorised_remaining} is still authorised (total ${order.total}, captured ${order.captured_amount}).`,
      );
    }
    return { amount };
  }
  if (kind === "cancel") {
    if (order.authorised_remaining === 0) {
      throw new ApiError("ERR_NOTHING_TO_CANCEL", "Nothing is left authorised to cancel.");
    }
    return { amount: order.authorised_remaining };
  }
  if (order.recurrence_stopped === 1) {
    throw new ApiError("ERR_RECURRENCE_ALREADY_STOPPED", "The recurrence is already stopped.");
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

/** What the bank answered, or why it could not be read. */
interface BankAnswer {
  httpStatus: number | null;
  text: string | null;
  answer?: CaptureResponse | RecreditResponse;
  failure: string | null;
}

/** Sends a sealed request to the bank's service and reads its answer; never throws. */
async function callBank(
  bankFetch: BankFetch,
  kind: OperationKind,
  request: BankRequest,
): Promise<BankAnswer> {
  let httpStatus: number | null = null;
  let text: string | null = null;
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
    if (!response.ok) return { httpStatus, text, failure: `HTTP ${response.status}` };
  } catch (error) {
    const name = error instanceof Error ? error.name : "error";
    return { httpStatus, text, failure: `bank unreachable: ${name}` };
  }
  try {
    const answer = kind === "recredit" ? parseRecreditResponse(text) : parseCaptureResponse(text);
    return { httpStatus, text, answer, failure: null };
  } catch (error) {
    return {
      httpStatus,
      text,
      failure: error instanceof ProtocolError ? error.code : "unreadable answer",
    };
  }
}

/** The error for an operation the bank did not do, with the recorded operation in the body. */
function bankError(bank: BankAnswer, operation: OperationRow): ApiError {
  const extra = { operation: operationJson(operation) };
  if (!bank.answer) {
    return new ApiError("ERR_BANK_UNAVAILABLE", `The bank's service failed: ${bank.failure}.`, {
      extra,
    });
  }
  const { cdr, lib, retryable } = bank.answer;
  return new ApiError(
    retryable ? "ERR_BANK_BUSY" : "ERR_BANK_REFUSED",
    `The bank answered cdr=${cdr}: ${lib}`,
    { extra },
  );
}

/**
 * Takes the order's operation lock.
 *
 * @throws {ApiError} `ERR_ORDER_NOT_FOUND`, or `ERR_OPERATION_IN_PROGRESS` while another holds it.
 */
async function lockOrder(
  db: D1Database,
  reference: string,
  lock: string,
  now: Date,
): Promise<OrderRow> {
  const staleBefore = new Date(now.getTime() - LOCK_STALE_MS).toISOString();
  const order = await takeLock(
    db,
    reference,
    lock,
    now.toISOString(),
    staleBefore,
  ).first<OrderRow>();
  if (order) return order;
  if (!(await selectOrder(db, reference).first())) {
    throw new ApiError("ERR_ORDER_NOT_FOUND", `No order ${reference}.`);
  }
  throw new ApiError(
    "ERR_OPERATION_IN_PROGRESS",
    "Another operation on this order is in progress.",
  );
}

/**
 * Runs one operation end to end: the ledger decides, the lock is taken (one round trip), the bank is called,
 * and its answer, the event and the ledger change (or the lock's release) are recorded in one batch.
 * Resolves with the recorded operation and the updated order.
 *
 * @throws {ApiError} a ledger refusal (`ERR_AMOUNT_EXCEEDS_AUTHORISED`…), `ERR_BANK_REFUSED` (409),
 *   `ERR_BANK_BUSY` (503), `ERR_BANK_UNAVAILABLE` (502) — the operation is recorded in every bank case.
 */
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
  const order = await lockOrder(db, reference, lock, now);
  let recorded = false;
  try {
    const plan = planOperation(kind, order, input);
    const request = await buildRequest(settings, kind, order, plan);
    const bank = await callBank(bankFetch, kind, request);
    const ok = bank.answer?.ok === true;
    const record: OperationRecord = {
      id: crypto.randomUUID(),
      reference,
      kind,
      amount: plan.amount,
      at,
      request: request.fields,
      httpStatus: bank.httpStatus,
      response: bank.text,
      cdr: bank.answer?.cdr ?? null,
      lib: bank.answer?.lib ?? null,
      ok,
      error: bank.failure,
    };
    const [stored, , updated] = await db.batch<OperationRow | OrderRow>([
      insertOperation(db, record),
      insertOperationEvent(db, {
        reference,
        at,
        kind: `${kind}-${ok ? "done" : "failed"}`,
        operationId: record.id,
        detail: bank.answer ? `cdr=${bank.answer.cdr} lib=${bank.answer.lib}` : bank.failure,
      }),
      ok
        ? applyToLedger(db, {
            reference,
            kind,
            amount: plan.amount,
            lock,
            at,
            captureDay: isoDay(bankDay(now)),
            authorisationNumber:
              bank.answer && "authorisationNumber" in bank.answer
                ? (bank.answer.authorisationNumber ?? null)
                : null,
          })
        : releaseLock(db, reference, lock),
    ]);
    recorded = true;
    const operation = stored?.results[0] as OperationRow;
    if (!ok) throw bankError(bank, operation);
    return { operation, order: updated?.results[0] as OrderRow };
  } finally {
    if (!recorded) await releaseLock(db, reference, lock).run();
  }
}
