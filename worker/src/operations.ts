/**
 * Merchant operations (capture, cancel, recredit, stop recurrence): the worker's own ledger decides first —
 * only what the order's mode and ledger allow now (ledger.ts), exactly as the bank will accept it — then the
 * bank's web service is called with a sealed request, and its answer is recorded word for word.
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
import { calendarDay, parisDay } from "./calendar.ts";
import type { TerminalSettings } from "./config.ts";
import {
  type AuthorisationRow,
  captureUnderAuthorisation,
  insertCaptureAuthorisation,
  refundUnderAuthorisation,
  selectAuthorisations,
} from "./db/authorisations.ts";
import {
  insertOperation,
  type OperationKind,
  type OperationRecord,
  type OperationRow,
  operationJson,
} from "./db/operations.ts";
import { insertOperationEvent } from "./db/order-events.ts";
import { releaseLock, takeLock } from "./db/order-lock.ts";
import { type OrderColumns, type OrderRow, selectOrder, stopRecurrence } from "./db/orders.ts";
import {
  cancelPayments,
  captureAuthorisedPayment,
  closeCapturedPayment,
  dropPlannedRenewals,
  insertPaymentEvents,
  markCaptured,
  type PaymentRow,
  selectPayments,
  settleOrders,
} from "./db/payments.ts";
import type { BankFetch } from "./env.ts";
import { ApiError } from "./errors.ts";
import { type OperationInput, type OrderLedger, type Plan, planOperation } from "./ledger.ts";

export type { OperationKind } from "./db/operations.ts";

const LOCK_STALE_MS = 60_000;
const BANK_TIMEOUT_MS = 20_000;

/**
 * The sealed request for a plan. `date_commande` names the payment: a renewal's day for a renewal, the
 * order's day for the order and its instalments; `montant` is always the order's amount.
 */
function buildRequest(
  settings: TerminalSettings,
  order: OrderColumns,
  plan: Plan,
  now: Date,
): Promise<BankRequest> {
  const t = settings.terminal;
  const common = {
    reference: order.reference,
    orderDate:
      plan.payment.kind === "renewal"
        ? calendarDay(plan.payment.day)
        : bankDay(new Date(order.order_date)),
    amount: { minor: order.total, currency: order.currency },
    language: order.lang,
    date: now,
  };
  switch (plan.kind) {
    case "capture":
      return t.captureRequest({
        ...common,
        capture: plan.amount,
        alreadyCaptured: plan.alreadyCaptured,
      });
    case "cancel":
      return t.cancelRequest({ ...common, alreadyCaptured: plan.alreadyCaptured });
    case "stop-recurrence":
      return t.stopRecurrenceRequest({ ...common, alreadyCaptured: plan.alreadyCaptured });
    case "recredit": {
      const a = plan.authorisation;
      return t.recreditRequest({
        ...common,
        captureDate: calendarDay(a.captured_day ?? ""),
        authorisationNumber: a.numauto ?? "",
        refund: plan.amount,
        refundable: a.captured - a.refunded,
      });
    }
  }
}

/** The amount an operation is recorded with: captured, released by a cancel, refunded. */
function recordedAmount(plan: Plan): number {
  switch (plan.kind) {
    case "capture":
    case "recredit":
      return plan.amount;
    case "cancel":
      return plan.releases;
    case "stop-recurrence":
      return 0;
  }
}

/** What the bank's acceptance changes in the ledger (`by` the operation). */
function ledgerStatements(
  db: D1Database,
  plan: Plan,
  t: { reference: string; by: string; at: string; aut: string | null },
): D1PreparedStatement[] {
  const payment = { reference: t.reference, kind: plan.payment.kind, number: plan.payment.number };
  const day = parisDay(new Date(t.at));
  switch (plan.kind) {
    case "capture":
      return [
        ...(plan.payment.state === "authorised"
          ? [
              captureUnderAuthorisation(db, payment, plan.amount, day),
              captureAuthorisedPayment(db, { ...payment, by: t.by, at: t.at }, plan.amount),
            ]
          : [
              insertCaptureAuthorisation(db, payment, {
                numauto: t.aut,
                amount: plan.amount,
                day,
                at: t.at,
              }),
              closeCapturedPayment(db, { ...payment, by: t.by, at: t.at }),
            ]),
        markCaptured(db, t.at, { reference: t.reference }),
      ];
    case "cancel":
      return [
        cancelPayments(db, t, plan.payment),
        insertPaymentEvents(db, {
          by: t.by,
          at: t.at,
          states: ["cancelled"],
          word: "cancelled",
          operationId: t.by,
        }),
        ...settleOrders(db, t.at, { reference: t.reference }),
      ];
    case "recredit":
      return [
        refundUnderAuthorisation(db, plan.authorisation.id, plan.amount),
        ...settleOrders(db, t.at, { reference: t.reference }),
      ];
    case "stop-recurrence":
      return [
        stopRecurrence(db, t.reference, t.at),
        dropPlannedRenewals(db, t.reference, t.at),
        ...settleOrders(db, t.at, { reference: t.reference }),
      ];
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

/** The order's ledger after the batch that takes or releases the lock. */
function ledgerOf(results: D1Result<unknown>[], at: number): OrderLedger | undefined {
  const order = results[at]?.results[0] as OrderRow | undefined;
  if (!order) return undefined;
  return {
    order,
    payments: (results[at + 1]?.results ?? []) as PaymentRow[],
    authorisations: (results[at + 2]?.results ?? []) as AuthorisationRow[],
  };
}

/**
 * Takes the order's operation lock and reads its ledger, in one round trip.
 *
 * @throws {ApiError} `ERR_ORDER_NOT_FOUND`, or `ERR_OPERATION_IN_PROGRESS` while another holds it.
 */
async function lockOrder(
  db: D1Database,
  reference: string,
  lock: string,
  now: Date,
): Promise<OrderLedger> {
  const staleBefore = new Date(now.getTime() - LOCK_STALE_MS).toISOString();
  const results = await db.batch<unknown>([
    takeLock(db, reference, lock, now.toISOString(), staleBefore),
    selectPayments(db, reference),
    selectAuthorisations(db, reference),
  ]);
  const ledger = ledgerOf(results, 0);
  if (ledger) return ledger;
  if (!(await selectOrder(db, reference).first())) {
    throw new ApiError("ERR_ORDER_NOT_FOUND", `No order ${reference}.`);
  }
  throw new ApiError(
    "ERR_OPERATION_IN_PROGRESS",
    "Another operation on this order is in progress.",
  );
}

/**
 * Runs one operation end to end: the lock is taken with the ledger read (one round trip), the ledger
 * decides, the bank is called, and its answer, the event and the ledger change (or the lock's release) are
 * recorded in one batch. Resolves with the recorded operation and the order's ledger after it.
 *
 * @throws {ApiError} a ledger refusal (`ERR_AMOUNT_EXCEEDS_AUTHORISED`, `ERR_OPERATION_UNAVAILABLE`…),
 *   `ERR_BANK_REFUSED` (409), `ERR_BANK_BUSY` (503), `ERR_BANK_UNAVAILABLE` (502) — the operation is
 *   recorded in every bank case.
 */
export async function runOperation(
  db: D1Database,
  settings: TerminalSettings,
  bankFetch: BankFetch,
  kind: OperationKind,
  reference: string,
  input: OperationInput,
  now = new Date(),
): Promise<{ operation: OperationRow; ledger: OrderLedger }> {
  const lock = crypto.randomUUID();
  const at = now.toISOString();
  const ledger = await lockOrder(db, reference, lock, now);
  let recorded = false;
  try {
    const plan = planOperation(kind, ledger, settings.rules, input, now);
    const request = await buildRequest(settings, ledger.order, plan, now);
    const bank = await callBank(bankFetch, kind, request);
    const ok = bank.answer?.ok === true;
    const record: OperationRecord = {
      id: crypto.randomUUID(),
      reference,
      kind,
      amount: recordedAmount(plan),
      at,
      request: request.fields,
      httpStatus: bank.httpStatus,
      response: bank.text,
      cdr: bank.answer?.cdr ?? null,
      lib: bank.answer?.lib ?? null,
      ok,
      error: bank.failure,
    };
    const aut =
      bank.answer && "authorisationNumber" in bank.answer
        ? (bank.answer.authorisationNumber ?? null)
        : null;
    const statements = [
      insertOperation(db, record),
      insertOperationEvent(db, {
        reference,
        at,
        kind: `${kind}-${ok ? "done" : "failed"}`,
        operationId: record.id,
        detail: bank.answer ? `cdr=${bank.answer.cdr} lib=${bank.answer.lib}` : bank.failure,
      }),
      ...(ok ? ledgerStatements(db, plan, { reference, by: record.id, at, aut }) : []),
      releaseLock(db, reference, lock),
      selectPayments(db, reference),
      selectAuthorisations(db, reference),
    ];
    const results = await db.batch<unknown>(statements);
    recorded = true;
    const operation = results[0]?.results[0] as OperationRow;
    if (!ok) throw bankError(bank, operation);
    return { operation, ledger: ledgerOf(results, statements.length - 3) ?? ledger };
  } finally {
    if (!recorded) await releaseLock(db, reference, lock).run();
  }
}
