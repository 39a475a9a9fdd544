/**
 * The bank's books of an order, per authorisation, as stable JSON: every payment (the order, each
 * instalment, each renewal) with what was authorised, captured, refunded and released, its deadline and
 * state, and each authorisation number under it. A merchant's ledger should say the same thing; the
 * worker's scenario tests compare the two.
 * @module
 */
import type {
  Authorisation,
  Payment,
  PaymentState,
  Transaction,
  TransactionStatus,
} from "./ledger.ts";
import { capturableOf } from "./payments.ts";
import type { PaymentMode } from "./terminals.ts";

/** One authorisation in the books. */
export interface BookAuthorisation {
  /** `numauto` / `aut`: what a refund's `num_autorisation` must be. */
  readonly number: string;
  /** When it was granted (ISO). */
  readonly at: string;
  readonly authorised: number;
  readonly captured: number;
  /** The capture's day, `dd/mm/yyyy` (a refund's `date_remise`), or null before any capture. */
  readonly capturedDay: string | null;
  readonly refunded: number;
  /** What a refund's `montant_possible` must be now. */
  readonly refundable: number;
}

/** One payment in the books; every amount in minor units of the book's currency. */
export interface BookPayment {
  readonly kind: Payment["kind"];
  readonly index: number;
  /** `dd/mm/yyyy`; for a renewal, the `date_commande` its captures and refunds name. */
  readonly day: string;
  readonly dueAt: string;
  readonly amount: number;
  readonly state: PaymentState;
  /** When the merchant's captures close (ISO), or null. */
  readonly deadline: string | null;
  /** When the bank captures it by itself (ISO), or null. */
  readonly autoCaptureAt: string | null;
  /** When a refused instalment is tried again (ISO), or null. */
  readonly nextAttemptAt: string | null;
  /** The bank's own authorisation attempts (instalments, automatic renewal captures). */
  readonly attempts: number;
  /** Refused later authorisations. */
  readonly refusals: number;
  readonly authorised: number;
  readonly captured: number;
  readonly refunded: number;
  /** No longer capturable: released after a smaller capture, cancelled, expired or carried over. */
  readonly released: number;
  /** What the merchant can capture now. */
  readonly capturable: number;
  readonly authorisations: readonly BookAuthorisation[];
}

/** An order's books. */
export interface Book {
  readonly tpe: string;
  readonly reference: string;
  readonly mode: PaymentMode;
  readonly currency: string;
  /** The order's amount (`montant`) in minor units. */
  readonly amount: number;
  /** The order's day, `dd/mm/yyyy` (its `date_commande`). */
  readonly orderDay: string;
  readonly status: TransactionStatus;
  /** Recurring payments: whether renewals go on, how many were created, the next one's instant. */
  readonly recurrence: {
    readonly active: boolean;
    readonly renewals: number;
    readonly nextAt: string | null;
  } | null;
  readonly payments: readonly BookPayment[];
  readonly totals: {
    readonly authorised: number;
    readonly captured: number;
    readonly refunded: number;
    readonly released: number;
    readonly capturable: number;
  };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

function bookAuthorisation(a: Authorisation): BookAuthorisation {
  return {
    number: a.number,
    at: a.at,
    authorised: a.amount,
    captured: a.captured,
    capturedDay: a.capturedDay ?? null,
    refunded: a.refunded,
    refundable: a.captured - a.refunded,
  };
}

function bookPayment(p: Payment): BookPayment {
  return {
    kind: p.kind,
    index: p.index,
    day: p.day,
    dueAt: p.dueAt,
    amount: p.amount,
    state: p.state,
    deadline: p.deadline ?? null,
    autoCaptureAt: p.autoCaptureAt ?? null,
    nextAttemptAt: p.nextAttemptAt ?? null,
    attempts: p.attempts,
    refusals: p.refusals,
    authorised: sum(p.authorisations, (a) => a.amount),
    captured: sum(p.authorisations, (a) => a.captured),
    refunded: sum(p.authorisations, (a) => a.refunded),
    released: p.released,
    capturable: capturableOf(p),
    authorisations: p.authorisations.map(bookAuthorisation),
  };
}

/** The books of one order. */
export function bookOf(tx: Transaction, mode: PaymentMode): Book {
  const payments = tx.payments.map(bookPayment);
  const r = tx.recurrence;
  return {
    tpe: tx.tpe,
    reference: tx.reference,
    mode,
    currency: tx.amount.currency,
    amount: tx.amount.minor,
    orderDay: tx.orderDay,
    status: tx.status,
    recurrence: r ? { active: r.active, renewals: r.renewals, nextAt: r.nextAt ?? null } : null,
    payments,
    totals: {
      authorised: sum(payments, (p) => p.authorised),
      captured: sum(payments, (p) => p.captured),
      refunded: sum(payments, (p) => p.refunded),
      released: sum(payments, (p) => p.released),
      capturable: sum(payments, (p) => p.capturable),
    },
  };
}
