/**
 * An order's ledger, per payment mode (issue 12, "The rules"; the bank sandbox's README, "What each mode's
 * capture service does"): the payments a checkout plans, what the card's acceptance opens, and the
 * operations the ledger allows now — the only ones the merchant is offered, each built so the bank accepts it.
 *
 * - immediate: the order is authorised and captured at payment; refunds only.
 * - deferred: authorised at payment; one capture (total or less; the rest is released) or a cancel before the
 *   deadline (`DEFERRED_DAYS` working days after acceptance), then captured by the bank or abandoned.
 * - partial: the card is checked, nothing authorised; captures (each authorised, several) or a cancel before
 *   the window (`PARTIAL_DAYS` after acceptance) closes.
 * - recurring: the first payment like a partial one, within its period; each renewal (created by the bank on
 *   its day) likewise, unless the bank captures it; the merchant may stop the recurrence.
 * - split: the first instalment like a deferred payment; the others collected by the bank; a cancel stops
 *   every instalment not collected.
 * @module
 */
import {
  bankDay,
  deferredDeadline,
  type Instalment,
  partialDeadline,
  periodEnd,
  renewalDay,
} from "@sceau/protocol";
import { dueAt, isoDay, parisDay } from "./calendar.ts";
import type { AuthorisationRow } from "./db/authorisations.ts";
import type { OrderColumns } from "./db/orders.ts";
import {
  type AtDeadline,
  LIVE_STATES,
  type NewPayment,
  type Opening,
  type PaymentKind,
  type PaymentRow,
} from "./db/payments.ts";
import { ApiError } from "./errors.ts";
import type { PaymentMode, PaymentRules } from "./payment-mode.ts";

/** An order with its payments and authorisations, as read in one batch (or kept in an event's snapshot). */
export interface OrderLedger {
  order: OrderColumns;
  payments: PaymentRow[];
  authorisations: AuthorisationRow[];
}

/** The order statuses in which the card was accepted (the ledger exists). */
const ACCEPTED = ["paid", "captured", "cancelled", "expired", "refunded"];

/** `order`, `instalment-2`, `renewal-3`: how actions and events name a payment. */
export function paymentLabel(p: { kind: PaymentKind; number: number }): string {
  return p.kind === "order" ? "order" : `${p.kind}-${p.number}`;
}

/** Renewal `n` of a recurring order, as the bank will create it: its day, due instant, period end. */
export function plannedRenewal(
  rules: PaymentRules,
  order: { date: Date; total: number },
  n: number,
): NewPayment {
  const orderDay = bankDay(order.date);
  const day = renewalDay(orderDay, n, rules.recurrence);
  return {
    kind: "renewal",
    number: n,
    day: isoDay(day),
    dueAt: dueAt(day, order.date).toISOString(),
    amount: order.total,
    deadline: periodEnd(orderDay, n, rules.recurrence).toISOString(),
    atDeadline: "close",
  };
}

/** True while renewal `n` is within the terminal's maximum (0: until stopped). */
export function renewalAllowed(rules: PaymentRules, n: number): boolean {
  return rules.recurringMaxRenewals === 0 || n <= rules.recurringMaxRenewals;
}

/**
 * The payments a checkout plans (pending until the card is accepted): the order itself, or a split's
 * instalments; a recurring order's first period ends when its first renewal is due.
 */
export function checkoutPayments(
  rules: PaymentRules,
  order: { date: Date; total: number; schedule?: readonly Instalment[] | undefined },
): NewPayment[] {
  if (order.schedule) {
    return order.schedule.map((s, i) => ({
      kind: "instalment",
      number: i + 1,
      day: isoDay(s.date),
      dueAt: dueAt(s.date, order.date).toISOString(),
      amount: s.amount,
    }));
  }
  const payment: NewPayment = {
    kind: "order",
    number: 0,
    day: parisDay(order.date),
    dueAt: order.date.toISOString(),
    amount: order.total,
  };
  if (rules.mode !== "recurring") return [payment];
  const first = {
    ...payment,
    deadline: periodEnd(bankDay(order.date), 0, rules.recurrence).toISOString(),
    atDeadline: "close" as const,
  };
  return renewalAllowed(rules, 1) ? [first, plannedRenewal(rules, order, 1)] : [first];
}

function delay(end: Date, then: AtDeadline): NonNullable<Opening["deadline"]> {
  return { at: end.toISOString(), day: parisDay(end), then };
}

/**
 * What the card's acceptance opens, per mode: the deferred delay, the partial window and a split's first
 * instalment count from the day the card was accepted (the Retour's `date`: the sandbox's choice, agreed).
 */
export function openingOf(rules: PaymentRules, acceptedAt: Date): Opening {
  const deferred = () =>
    delay(deferredDeadline(acceptedAt, rules.deferredDays), rules.deferredExpiry);
  switch (rules.mode) {
    case "immediate":
      return { kind: "order", number: 0, state: "captured" };
    case "deferred":
      return { kind: "order", number: 0, state: "authorised", deadline: deferred() };
    case "partial":
      return {
        kind: "order",
        number: 0,
        state: "open",
        deadline: delay(partialDeadline(acceptedAt, rules.partialDays), "close"),
      };
    case "recurring":
      return { kind: "order", number: 0, state: "open" };
    case "split":
      return { kind: "instalment", number: 1, state: "authorised", deadline: deferred() };
  }
}

/** What is captured under a payment. */
function capturedOn(ledger: OrderLedger, p: PaymentRow): number {
  return ledger.authorisations
    .filter((a) => a.kind === p.kind && a.payment_number === p.number)
    .reduce((sum, a) => sum + a.captured, 0);
}

/**
 * True while the bank still holds a payment open at `now`: its deadline has not passed (the scheduled job
 * records the change a little later; the worker never offers what the bank would refuse meanwhile), and a
 * renewal has been created (its day has come).
 */
function liveAt(p: PaymentRow, now: Date): boolean {
  if (!LIVE_STATES.includes(p.state)) return false;
  if (p.deadline && Date.parse(p.deadline) <= now.getTime()) return false;
  return p.kind !== "renewal" || Date.parse(p.due_at) <= now.getTime();
}

/** What the merchant can capture on a payment now: an authorised or open one (a due renewal is open). */
function capturableOn(ledger: OrderLedger, p: PaymentRow, now: Date): number {
  const held = p.state === "authorised" || p.state === "open" || p.kind === "renewal";
  return held && liveAt(p, now) ? p.amount - capturedOn(ledger, p) : 0;
}

/** The payments a capture-service request names: a renewal's day names it; the order's day the rest. */
function namedWith(ledger: OrderLedger, p: PaymentRow): PaymentRow[] {
  return p.kind === "renewal" ? [p] : ledger.payments.filter((q) => q.kind !== "renewal");
}

/** A recurring order whose card was accepted: its recurrence has started. */
function isRecurring(order: OrderColumns): boolean {
  return order.payment_mode === "recurring" && ACCEPTED.includes(order.status);
}

/** The renewals the bank has created by `now` (their day has come). */
function createdRenewals(ledger: OrderLedger, now: Date): number {
  return ledger.payments.filter(
    (p) => p.kind === "renewal" && Date.parse(p.due_at) <= now.getTime(),
  ).length;
}

/** True while the recurrence goes on: not stopped, and renewals left under the terminal's maximum. */
function recurrenceActive(ledger: OrderLedger, rules: PaymentRules, now: Date): boolean {
  const { order } = ledger;
  if (!isRecurring(order) || order.recurrence_stopped === 1) return false;
  return renewalAllowed(rules, createdRenewals(ledger, now) + 1);
}

/** A planned operation: the payment its request names, and the amounts of the request. */
export type Plan =
  | { kind: "capture"; payment: PaymentRow; amount: number; alreadyCaptured: number }
  | {
      kind: "cancel";
      payment: PaymentRow;
      alreadyCaptured: number;
      cancelled: PaymentRow[];
      releases: number;
    }
  | { kind: "recredit"; payment: PaymentRow; authorisation: AuthorisationRow; amount: number }
  | { kind: "stop-recurrence"; payment: PaymentRow; alreadyCaptured: number };

/**
 * Everything the ledger allows at `now`, each with the largest amount: a capture of the one payment the
 * bank holds open, a cancel of what it still holds (the open renewal, or the order and its instalments), a
 * refund under each authorisation with something left to refund, and stopping a live recurrence.
 */
export function possibleOperations(ledger: OrderLedger, rules: PaymentRules, now: Date): Plan[] {
  if (!ACCEPTED.includes(ledger.order.status)) return [];
  const plans: Plan[] = [];
  const already = (p: PaymentRow) =>
    namedWith(ledger, p).reduce((sum, q) => sum + capturedOn(ledger, q), 0);
  const target = ledger.payments.find((p) => capturableOn(ledger, p, now) > 0);
  if (target) {
    const amount = capturableOn(ledger, target, now);
    plans.push({ kind: "capture", payment: target, amount, alreadyCaptured: already(target) });
  }
  const live = ledger.payments.filter((p) => liveAt(p, now));
  const renewal = live.find((p) => p.kind === "renewal");
  const cancelled = renewal ? [renewal] : live.filter((p) => p.kind !== "renewal");
  if (cancelled[0]) {
    const releases = cancelled.reduce((sum, p) => sum + p.amount - capturedOn(ledger, p), 0);
    const payment = cancelled[0];
    plans.push({ kind: "cancel", payment, alreadyCaptured: already(payment), cancelled, releases });
  }
  for (const a of ledger.authorisations) {
    const payment = ledger.payments.find((p) => p.kind === a.kind && p.number === a.payment_number);
    if (a.captured > a.refunded && payment) {
      plans.push({ kind: "recredit", payment, authorisation: a, amount: a.captured - a.refunded });
    }
  }
  const first = ledger.payments.find((p) => p.kind === "order");
  if (first && recurrenceActive(ledger, rules, now)) {
    plans.push({ kind: "stop-recurrence", payment: first, alreadyCaptured: already(first) });
  }
  return plans;
}

/** One operation the order allows now, as the merchant's console offers it. */
export type Action =
  | { kind: "capture"; payment: string; max: number }
  | { kind: "cancel"; payments: string[]; releases: number }
  | { kind: "recredit"; authorisation: string; payment: string; max: number }
  | { kind: "stop-recurrence" };

/** The action a plan offers (refunds need the bank's authorisation number and capture day). */
function actionOf(plan: Plan): Action | undefined {
  switch (plan.kind) {
    case "capture":
      return { kind: "capture", payment: paymentLabel(plan.payment), max: plan.amount };
    case "cancel":
      return {
        kind: "cancel",
        payments: plan.cancelled.map(paymentLabel),
        releases: plan.releases,
      };
    case "recredit": {
      const a = plan.authorisation;
      if (!a.numauto || !a.captured_day) return undefined;
      const payment = paymentLabel(plan.payment);
      return { kind: "recredit", authorisation: a.numauto, payment, max: plan.amount };
    }
    case "stop-recurrence":
      return { kind: "stop-recurrence" };
  }
}

/** What a merchant asked for. */
export interface OperationInput {
  amount?: number | null | undefined;
  authorisation?: string | null | undefined;
}

const CAPTURED_BY_BANK: Partial<Record<PaymentMode, string>> = {
  immediate:
    "An immediate payment is captured by the bank at payment: there is nothing to capture or cancel.",
};

/**
 * The plan for what the merchant asked, if the ledger allows it now; nothing is sent to the bank otherwise.
 *
 * @throws {ApiError} `ERR_ORDER_NOT_PAID`, `ERR_OPERATION_UNAVAILABLE` (the mode does not allow it),
 *   `ERR_AMOUNT_EXCEEDS_AUTHORISED`, `ERR_NOTHING_TO_CANCEL`, `ERR_ORDER_NOT_CAPTURED`,
 *   `ERR_NOTHING_TO_REFUND`, `ERR_AMOUNT_EXCEEDS_REFUNDABLE`, `ERR_AUTHORISATION_REQUIRED`,
 *   `ERR_AUTHORISATION_UNKNOWN`, `ERR_RECURRENCE_ALREADY_STOPPED` (409/422).
 */
export function planOperation(
  kind: Plan["kind"],
  ledger: OrderLedger,
  rules: PaymentRules,
  input: OperationInput,
  now: Date,
): Plan {
  const { order } = ledger;
  if (!ACCEPTED.includes(order.status)) {
    throw new ApiError(
      "ERR_ORDER_NOT_PAID",
      `Order ${order.reference} is ${order.status}, not paid.`,
    );
  }
  const mode = order.payment_mode;
  const plans = possibleOperations(ledger, rules, now).filter((p) => p.kind === kind);
  switch (kind) {
    case "capture": {
      const plan = plans[0] as Extract<Plan, { kind: "capture" }> | undefined;
      if (!plan && CAPTURED_BY_BANK[mode]) {
        throw new ApiError("ERR_OPERATION_UNAVAILABLE", CAPTURED_BY_BANK[mode]);
      }
      if (!plan) {
        throw new ApiError(
          "ERR_AMOUNT_EXCEEDS_AUTHORISED",
          "Nothing can be captured on this order now.",
        );
      }
      const amount = input.amount ?? plan.amount;
      if (amount > plan.amount) {
        throw new ApiError(
          "ERR_AMOUNT_EXCEEDS_AUTHORISED",
          `At most ${plan.amount} can be captured on ${paymentLabel(plan.payment)} now.`,
        );
      }
      return { ...plan, amount };
    }
    case "cancel": {
      if (!plans[0] && CAPTURED_BY_BANK[mode]) {
        throw new ApiError("ERR_OPERATION_UNAVAILABLE", CAPTURED_BY_BANK[mode]);
      }
      if (!plans[0]) throw new ApiError("ERR_NOTHING_TO_CANCEL", "Nothing is left to cancel.");
      return plans[0];
    }
    case "stop-recurrence": {
      if (mode !== "recurring") {
        throw new ApiError(
          "ERR_OPERATION_UNAVAILABLE",
          `A ${mode} payment has no recurrence to stop (only PAYMENT_MODE=recurring terminals recur).`,
        );
      }
      if (!plans[0]) {
        throw new ApiError("ERR_RECURRENCE_ALREADY_STOPPED", "The recurrence is already over.");
      }
      return plans[0];
    }
    case "recredit":
      return planRefund(ledger, plans as Extract<Plan, { kind: "recredit" }>[], input);
  }
}

/** A refund under the named authorisation, or the only one with something left to refund. */
function planRefund(
  ledger: OrderLedger,
  plans: Extract<Plan, { kind: "recredit" }>[],
  input: OperationInput,
): Plan {
  if (!ledger.authorisations.some((a) => a.captured > 0)) {
    throw new ApiError("ERR_ORDER_NOT_CAPTURED", "Nothing has been captured on this order yet.");
  }
  if (plans.length === 0) {
    throw new ApiError("ERR_NOTHING_TO_REFUND", "Everything captured was refunded.");
  }
  const wanted = input.authorisation;
  const plan = wanted ? plans.find((p) => p.authorisation.numauto === wanted) : plans[0];
  if (!wanted && plans.length > 1) {
    throw new ApiError(
      "ERR_AUTHORISATION_REQUIRED",
      `Several authorisations can be refunded (${plans.map((p) => p.authorisation.numauto ?? "?").join(", ")}): name one.`,
      { field: "authorisation" },
    );
  }
  if (!plan?.authorisation.numauto || !plan.authorisation.captured_day) {
    throw new ApiError(
      "ERR_AUTHORISATION_UNKNOWN",
      wanted
        ? `No authorisation ${wanted} with something left to refund on this order.`
        : "The bank's authorisation number or capture date is unknown for this order.",
      wanted ? { field: "authorisation" } : {},
    );
  }
  const amount = input.amount ?? plan.amount;
  if (amount > plan.amount) {
    throw new ApiError(
      "ERR_AMOUNT_EXCEEDS_REFUNDABLE",
      `At most ${plan.amount} can still be refunded under authorisation ${plan.authorisation.numauto}.`,
    );
  }
  return { ...plan, amount };
}

/** The merchant's view of an order's ledger: totals, payments with their authorisations, recurrence, actions. */
export function ledgerJson(ledger: OrderLedger, rules: PaymentRules, now: Date) {
  const payments = ledger.payments.map((p) => {
    const authorisations = ledger.authorisations
      .filter((a) => a.kind === p.kind && a.payment_number === p.number)
      .map((a) => ({
        number: a.numauto,
        at: a.at,
        authorised: a.authorised,
        captured: a.captured,
        capturedDay: a.captured_day,
        refunded: a.refunded,
        refundable: a.captured - a.refunded,
      }));
    const sum = (key: "authorised" | "captured" | "refunded") =>
      authorisations.reduce((total, a) => total + a[key], 0);
    return {
      kind: p.kind,
      number: p.number,
      label: paymentLabel(p),
      day: p.day,
      dueAt: p.due_at,
      amount: p.amount,
      state: p.state,
      deadline: p.deadline,
      atDeadline: p.at_deadline,
      authorised: sum("authorised"),
      captured: sum("captured"),
      refunded: sum("refunded"),
      released: p.released,
      capturable: capturableOn(ledger, p, now),
      authorisations,
    };
  });
  const total = (key: "authorised" | "captured" | "refunded" | "released" | "capturable") =>
    payments.reduce((sum, p) => sum + p[key], 0);
  const next = ledger.payments.find(
    (p) => p.kind === "renewal" && p.state === "scheduled" && Date.parse(p.due_at) > now.getTime(),
  );
  const recurring = isRecurring(ledger.order);
  return {
    mode: ledger.order.payment_mode,
    totals: {
      authorised: total("authorised"),
      captured: total("captured"),
      refunded: total("refunded"),
      released: total("released"),
      capturable: total("capturable"),
    },
    recurrence: recurring
      ? {
          active: recurrenceActive(ledger, rules, now),
          renewals: createdRenewals(ledger, now),
          next:
            next && recurrenceActive(ledger, rules, now)
              ? { day: next.day, dueAt: next.due_at }
              : null,
        }
      : null,
    payments,
    actions: possibleOperations(ledger, rules, now)
      .map(actionOf)
      .filter((a): a is Action => a !== undefined),
  };
}
