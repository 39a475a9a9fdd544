/**
 * The payments of an order, per payment mode (issue 12, "The rules"): what the bank opens when the card is
 * accepted, which payments a merchant's request names, and the later authorisations (partial captures,
 * renewals, instalments 2–4) that the card's issuer may refuse.
 * @module
 */
import {
  bankDay,
  deferredDeadline,
  formatAmount,
  formatBankDay,
  type Instalment,
  parseAmount,
  parseBankDateTime,
  parseBankDay,
  partialDeadline,
  periodEnd,
  renewalDay,
  splitSchedule,
} from "@sceau/protocol";
import type { SandboxContext } from "./context.ts";
import type { Authorisation, Payment, PaymentState, Transaction } from "./ledger.ts";
import type { Refusal } from "./retour-fields.ts";
import { recurrenceRuleOf, type SandboxTerminal } from "./terminals.ts";

/** A refused instalment is tried this many times in all (the bank's documentation: 4). */
export const SPLIT_ATTEMPTS = 4;
/** Days between two attempts of a refused instalment ("several days apart": our choice, 3). */
export const SPLIT_RETRY_DAYS = 3;

/** The issuer's ordinary refusal of a later authorisation. */
const LATER_REFUSAL: Refusal = { motif: "Refus", detail: "Refus emetteur" };
/** The issuer's critical refusal (card reported lost or stolen). */
const CRITICAL_REFUSAL: Refusal = { motif: "Interdit", detail: "Refus critique" };

/** The states in which a payment can still be captured or cancelled by the merchant. */
const LIVE: readonly PaymentState[] = ["authorised", "open", "scheduled", "retrying"];

/** True while a payment can still be captured, collected or cancelled. */
function isLive(payment: Payment): boolean {
  return LIVE.includes(payment.state);
}

/** The instant a calendar day falls due, at the order's time of day (Paris). */
export function dueInstant(day: string, orderDate: string): Date {
  return parseBankDateTime(`${day}:${orderDate.slice(11)}`);
}

/** Minor units captured on some payments. */
export function capturedOf(payments: readonly Payment[]): number {
  let sum = 0;
  for (const p of payments) for (const a of p.authorisations) sum += a.captured;
  return sum;
}

/** Minor units the merchant can still capture on a payment. */
export function capturableOf(payment: Payment): number {
  if (payment.state === "authorised") {
    const a = payment.authorisations[0];
    return a ? a.amount - a.captured : 0;
  }
  return payment.state === "open" ? payment.amount - capturedOf([payment]) : 0;
}

function newPayment(
  kind: Payment["kind"],
  index: number,
  day: string,
  dueAt: Date,
  amount: number,
  state: PaymentState,
): Payment {
  return {
    kind,
    index,
    day,
    dueAt: dueAt.toISOString(),
    amount,
    state,
    attempts: 0,
    refusals: 0,
    released: 0,
    authorisations: [],
  };
}

/** A new authorisation, captured at once when `captured` is given. */
export function grant(number: string, at: Date, amount: number, captured = 0): Authorisation {
  const auth: Authorisation = { number, at: at.toISOString(), amount, captured: 0, refunded: 0 };
  if (captured) captureUnder(auth, captured, at);
  return auth;
}

/** Captures an amount under an authorisation, on the day of `at` in Paris. */
export function captureUnder(auth: Authorisation, amount: number, at: Date): void {
  auth.captured += amount;
  auth.capturedDay = formatBankDay(bankDay(at));
}

/** When renewal `n` is created (its day, at the order's time of day). */
export function renewalDueAt(tx: Transaction, terminal: SandboxTerminal, n: number): Date {
  const day = renewalDay(parseBankDay(tx.orderDay), n, recurrenceRuleOf(terminal));
  return dueInstant(formatBankDay(day), tx.orderDate);
}

/**
 * The schedule a split terminal applies when the form posts none: its count or percentages, on its day rule.
 *
 * @throws {FieldError} `ERR_SCHEDULE_INVALID` (from `@sceau/protocol`) for a total too small to split.
 */
export function terminalSchedule(
  total: number,
  orderDay: string,
  terminal: SandboxTerminal,
): Instalment[] {
  return splitSchedule({
    total,
    firstDay: parseBankDay(orderDay),
    dayRule: terminal.splitDayRule,
    ...(terminal.splitPercentages
      ? { percentages: terminal.splitPercentages }
      : { count: terminal.splitCount }),
  });
}

/** The instalments a split form asks for: its own fields, or the terminal's schedule. */
function instalments(tx: Transaction, terminal: SandboxTerminal): Payment[] {
  const f = tx.fields;
  const currency = tx.amount.currency;
  const planned = f.nbrech
    ? Array.from({ length: Number(f.nbrech) }, (_, i) => ({
        day: f[`dateech${i + 1}`] ?? "",
        montant: f[`montantech${i + 1}`] ?? "",
      }))
    : terminalSchedule(tx.amount.minor, tx.orderDay, terminal).map((s) => ({
        day: formatBankDay(s.date),
        montant: formatAmount(s.amount, currency),
      }));
  return planned.map(({ day, montant }, i) => {
    const p = newPayment(
      "instalment",
      i + 1,
      day,
      dueInstant(day, tx.orderDate),
      parseAmount(montant).minor,
      "scheduled",
    );
    p.montant = montant;
    return p;
  });
}

/** The split schedule to show on the card page (split terminals only). */
export function plannedSchedule(
  tx: Transaction,
  terminal: SandboxTerminal,
): { day: string; amount: number }[] | undefined {
  if (terminal.mode !== "split") return undefined;
  const list = tx.payments.length ? tx.payments : instalments(tx, terminal);
  return list.map((p) => ({ day: p.day, amount: p.amount }));
}

/** What the Retour of an accepted card carries besides the card: `numauto` and `montantech`. */
export interface Opened {
  readonly authorisation?: string;
  readonly montantech?: string;
}

/**
 * Opens the order's payments when the card is accepted, as the terminal's mode says:
 * - immediate: authorised and captured;
 * - deferred: authorised, to be captured within the delay in working days;
 * - partial and recurring: the card is checked, nothing is authorised; the merchant captures;
 * - split: the first instalment authorised (captured by the merchant like a deferred payment), the others
 *   scheduled.
 */
export function openPayments(
  ctx: SandboxContext,
  terminal: SandboxTerminal,
  tx: Transaction,
  at: Date,
): Opened {
  const total = tx.amount.minor;
  const order = () => newPayment("order", 0, tx.orderDay, at, total, "open");
  switch (terminal.mode) {
    case "immediate": {
      const number = ctx.authorisationNumber();
      const p = order();
      p.state = "captured";
      p.authorisations.push(grant(number, at, total, total));
      tx.payments = [p];
      return { authorisation: number };
    }
    case "deferred": {
      const number = ctx.authorisationNumber();
      const p = order();
      p.state = "authorised";
      p.deadline = deferredDeadline(at, terminal.deferredDays).toISOString();
      p.authorisations.push(grant(number, at, total));
      tx.payments = [p];
      return { authorisation: number };
    }
    case "partial": {
      const p = order();
      p.deadline = partialDeadline(at, terminal.partialDays).toISOString();
      tx.payments = [p];
      return {};
    }
    case "recurring": {
      const p = order();
      p.deadline = periodEnd(
        parseBankDay(tx.orderDay),
        0,
        recurrenceRuleOf(terminal),
      ).toISOString();
      tx.payments = [p];
      tx.recurrence = {
        active: true,
        renewals: 0,
        nextAt: renewalDueAt(tx, terminal, 1).toISOString(),
      };
      return {};
    }
    case "split": {
      const number = ctx.authorisationNumber();
      const list = instalments(tx, terminal);
      const first = list[0] as Payment;
      first.state = "authorised";
      first.deadline = deferredDeadline(at, terminal.deferredDays).toISOString();
      first.authorisations.push(grant(number, at, first.amount));
      tx.payments = list;
      return { authorisation: number, ...(first.montant && { montantech: first.montant }) };
    }
  }
}

/**
 * The payments a capture or refund names by its `date_commande`: the order's day names the order (every
 * instalment of a split payment), a renewal's day names that renewal.
 */
export function paymentsNamed(tx: Transaction, dateCommande: string | undefined): Payment[] {
  if (dateCommande === tx.orderDay) {
    return tx.payments.filter((p) => p.kind !== "renewal");
  }
  return tx.payments.filter((p) => p.kind === "renewal" && p.day === dateCommande);
}

/** The issuer's answer to a later authorisation. */
export type LaterAnswer =
  | { readonly granted: true; readonly number: string }
  | { readonly granted: false; readonly refusal: Refusal; readonly critical: boolean };

/**
 * Asks the card's issuer for a later authorisation on a payment; a refusal is counted on the payment and
 * the order (the `refuse-once` and `refuse-four` test cards depend on those counts).
 */
export function authoriseLater(
  ctx: SandboxContext,
  tx: Transaction,
  payment: Payment,
): LaterAnswer {
  const later = tx.card?.later ?? "refuse";
  const granted =
    later === "accept" ||
    (later === "refuse-once" && payment.refusals >= 1) ||
    (later === "refuse-four" && tx.laterRefusals >= 4);
  if (granted) return { granted: true, number: ctx.authorisationNumber() };
  payment.refusals += 1;
  tx.laterRefusals += 1;
  const critical = later === "lost";
  return { granted: false, refusal: critical ? CRITICAL_REFUSAL : LATER_REFUSAL, critical };
}

/** Closes what is left of some payments: the rest released, the state given. */
export function close(payments: readonly Payment[], state: PaymentState): number {
  let closed = 0;
  for (const p of payments) {
    if (!isLive(p)) continue;
    p.released += p.amount - capturedOf([p]);
    p.state = state;
    delete p.nextAttemptAt;
    delete p.autoCaptureAt;
    closed += 1;
  }
  return closed;
}
