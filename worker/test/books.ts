/**
 * The worker's ledger and the bank sandbox's books of one order, in one shape, so a test can assert they
 * are equal: every payment the bank holds with its state, day, amount, deadline, what was authorised,
 * captured, refunded, released and is capturable, each authorisation under it, the totals, the recurrence.
 *
 * Two differences are the protocol's, not mistakes, and are mapped here: the bank tells the merchant
 * nothing about an instalment's intermediate refused attempts (the sandbox's `retrying` is the worker's
 * `scheduled`), and the worker plans its payments before the bank opens them (at checkout, and a
 * subscription's next renewal ahead of its day): a payment still pending, or a renewal not yet due, is left
 * out.
 */
import type { Book } from "@sceau/bank-sandbox";
import type { LedgerView } from "./helpers.ts";

/** `YYYY-MM-DD` → the bank's `dd/mm/yyyy`. */
function bankDay(iso: string | null): string | null {
  if (iso === null) return null;
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** One order's books in the shape both sides are compared in. */
export function booksView(book: Book) {
  return {
    payments: book.payments.map((p) => ({
      kind: p.kind,
      index: p.index,
      day: p.day,
      amount: p.amount,
      state: p.state === "retrying" ? "scheduled" : p.state,
      deadline: p.deadline,
      authorised: p.authorised,
      captured: p.captured,
      refunded: p.refunded,
      released: p.released,
      capturable: p.capturable,
      authorisations: p.authorisations.map((a) => ({
        number: a.number,
        authorised: a.authorised,
        captured: a.captured,
        capturedDay: a.capturedDay,
        refunded: a.refunded,
        refundable: a.refundable,
      })),
    })),
    totals: book.totals,
    recurrence: book.recurrence && {
      active: book.recurrence.active,
      renewals: book.recurrence.renewals,
    },
  };
}

/**
 * The worker's ledger of an order in the same shape, at `now`: without the payments the bank does not hold
 * (pending until the card is accepted, a renewal before its day).
 */
export function ledgerView(ledger: LedgerView, now: Date) {
  const payments = ledger.payments.filter(
    (p) => p.state !== "pending" && (p.kind !== "renewal" || Date.parse(p.dueAt) <= now.getTime()),
  );
  return {
    payments: payments.map((p) => ({
      kind: p.kind,
      index: p.number,
      day: bankDay(p.day),
      amount: p.amount,
      state: p.state,
      deadline: p.deadline,
      authorised: p.authorised,
      captured: p.captured,
      refunded: p.refunded,
      released: p.released,
      capturable: p.capturable,
      authorisations: p.authorisations.map((a) => ({
        number: a.number,
        authorised: a.authorised,
        captured: a.captured,
        capturedDay: bankDay(a.capturedDay),
        refunded: a.refunded,
        refundable: a.refundable,
      })),
    })),
    totals: ledger.totals,
    recurrence: ledger.recurrence && {
      active: ledger.recurrence.active,
      renewals: ledger.recurrence.renewals,
    },
  };
}
