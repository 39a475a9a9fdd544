/**
 * The `payments` table: an order's payments — the order itself, each split instalment, each recurring
 * renewal — with their state, amount, deadline and what the bank does at the deadline. Every statement that
 * changes a payment records who changed it (`changed_by`: a notification, an operation or a scheduled run);
 * the statements that follow in the same batch (authorisations, events, the order's status) select the rows
 * that one change touched, so a repeated notification or a second run changes nothing.
 * @module
 */
import type { D1Reader } from "../env.ts";
import { classifiedAs } from "./notifications.ts";

export type PaymentKind = "order" | "instalment" | "renewal";

/** A payment's state (the bank sandbox's words, plus `pending` before the card is accepted). */
export type PaymentState =
  | "pending"
  | "scheduled"
  | "open"
  | "authorised"
  | "captured"
  | "refused"
  | "carried-over"
  | "cancelled"
  | "abandoned"
  | "expired"
  | "closed";

/** What the bank does at a payment's deadline. */
export type AtDeadline = "capture" | "abandon" | "close";

export interface PaymentRow {
  reference: string;
  kind: PaymentKind;
  number: number;
  day: string;
  due_at: string;
  amount: number;
  state: PaymentState;
  deadline: string | null;
  at_deadline: AtDeadline | null;
  deadline_day: string | null;
  released: number;
  changed_by: string | null;
  updated_at: string;
}

/** The states in which a payment can still be captured, collected or cancelled. */
export const LIVE_STATES: readonly PaymentState[] = ["scheduled", "open", "authorised"];

const LIVE = "('scheduled', 'open', 'authorised')";

/** A payment's label in events: `order`, `instalment-2`, `renewal-3`. */
const LABEL = "CASE kind WHEN 'order' THEN 'order' ELSE kind || '-' || number END";

/** What is captured under a payment of the `payments` row in scope. */
const CAPTURED = `(SELECT COALESCE(SUM(a.captured), 0) FROM authorisations AS a
  WHERE a.reference = payments.reference AND a.kind = payments.kind AND a.payment_number = payments.number)`;

/** The order of payments in a listing: the order, then instalments, then renewals, by number. */
const ORDER_BY =
  "ORDER BY CASE kind WHEN 'order' THEN 0 WHEN 'instalment' THEN 1 ELSE 2 END, number";

/** An order's payments, in order. */
export function selectPayments(db: D1Reader, reference: string): D1PreparedStatement {
  return db.prepare(`SELECT * FROM payments WHERE reference = ? ${ORDER_BY}`).bind(reference);
}

/** A payment as created: at checkout (pending) or by the scheduled job (a renewal ahead of its day). */
export interface NewPayment {
  kind: PaymentKind;
  number: number;
  /** `YYYY-MM-DD`, Paris. */
  day: string;
  dueAt: string;
  amount: number;
  deadline?: string | null;
  atDeadline?: AtDeadline | null;
}

/**
 * Adds a payment — in the checkout's batch only if its order was inserted (within the rate limit), and by
 * the scheduled job only once (a renewal already there is left alone).
 */
export function insertPayment(
  db: D1Database,
  reference: string,
  payment: NewPayment,
  state: "pending" | "scheduled",
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO payments (reference, kind, number, day, due_at, amount, state, deadline, at_deadline, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE EXISTS (SELECT 1 FROM orders WHERE reference = ?1)
       ON CONFLICT DO NOTHING`,
    )
    .bind(
      reference,
      payment.kind,
      payment.number,
      payment.day,
      payment.dueAt,
      payment.amount,
      state,
      payment.deadline ?? null,
      payment.atDeadline ?? null,
      at,
    );
}

/** What the card's acceptance opens: one payment in its state, with the deadline the bank applies. */
export interface Opening {
  kind: PaymentKind;
  number: number;
  state: "open" | "authorised" | "captured";
  /** Set when the acceptance starts the delay (deferred, partial, a split's first instalment). */
  deadline?: { at: string; day: string; then: AtDeadline };
}

/**
 * On the order's first matching acceptance (notification classified `accepted`): the payment the mode opens
 * takes its state and deadline, every other pending payment (later instalments, the first renewal) becomes
 * scheduled. Only pending payments move, so a repeated acceptance changes nothing.
 */
export function acceptPayments(
  db: D1Database,
  t: { reference: string; notificationId: string; at: string },
  opening: Opening,
): D1PreparedStatement {
  const target = "kind = ?3 AND number = ?4";
  return db
    .prepare(
      `UPDATE payments SET
         state = CASE WHEN ${target} THEN ?5 ELSE 'scheduled' END,
         deadline = CASE WHEN ${target} AND ?6 IS NOT NULL THEN ?6 ELSE deadline END,
         deadline_day = CASE WHEN ${target} AND ?6 IS NOT NULL THEN ?7 ELSE deadline_day END,
         at_deadline = CASE WHEN ${target} AND ?6 IS NOT NULL THEN ?8 ELSE at_deadline END,
         changed_by = ?2, updated_at = ?9
       WHERE reference = ?1 AND state = 'pending'
         AND EXISTS (SELECT 1 FROM notifications WHERE id = ?2 AND classification = 'accepted')`,
    )
    .bind(
      t.reference,
      t.notificationId,
      opening.kind,
      opening.number,
      opening.state,
      opening.deadline?.at ?? null,
      opening.deadline?.day ?? null,
      opening.deadline?.then ?? null,
      t.at,
    );
}

/** Instalment `number` collected by the bank (`paiement_pfN`), from pending or scheduled. */
export function collectInstalment(
  db: D1Database,
  t: { reference: string; notificationId: string; at: string },
  number: number,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE payments SET state = 'captured', changed_by = ?, updated_at = ?
       WHERE reference = ? AND kind = 'instalment' AND number = ? AND state IN ('pending', 'scheduled')
         AND ${classifiedAs}`,
    )
    .bind(t.notificationId, t.at, t.reference, number, t.notificationId, "instalment-collected");
}

/**
 * Instalment `number` refused for good (`Annulation_pfN`): carried over to the next instalment when `carry`
 * and there is one still to collect, refused otherwise; its amount is released either way.
 */
export function refuseInstalment(
  db: D1Database,
  t: { reference: string; notificationId: string; at: string },
  number: number,
  carry: boolean,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE payments SET released = amount, changed_by = ?1, updated_at = ?2,
         state = CASE WHEN ?5 AND EXISTS (SELECT 1 FROM payments AS n WHERE n.reference = ?3
           AND n.kind = 'instalment' AND n.number > ?4 AND n.state IN ('pending', 'scheduled'))
           THEN 'carried-over' ELSE 'refused' END
       WHERE reference = ?3 AND kind = 'instalment' AND number = ?4 AND state IN ('pending', 'scheduled')
         AND EXISTS (SELECT 1 FROM notifications WHERE id = ?1 AND classification = 'instalment-refused')`,
    )
    .bind(t.notificationId, t.at, t.reference, number, carry ? 1 : 0);
}

/** The refused instalment's amount, added to the next one still to collect (when it was carried over). */
export function carryOver(
  db: D1Database,
  t: { reference: string; notificationId: string; at: string },
  number: number,
): D1PreparedStatement {
  const refused = `SELECT amount FROM payments AS r WHERE r.reference = ?3 AND r.kind = 'instalment'
    AND r.number = ?4 AND r.changed_by = ?1 AND r.state = 'carried-over'`;
  return db
    .prepare(
      `UPDATE payments SET amount = amount + (${refused}), changed_by = ?1, updated_at = ?2
       WHERE reference = ?3 AND kind = 'instalment' AND EXISTS (${refused})
         AND number = (SELECT MIN(number) FROM payments AS n WHERE n.reference = ?3 AND n.kind = 'instalment'
           AND n.number > ?4 AND n.state IN ('pending', 'scheduled'))`,
    )
    .bind(t.notificationId, t.at, t.reference, number);
}

/** After instalment `number` was refused (not carried over): the instalments after it are cancelled. */
export function cancelLaterInstalments(
  db: D1Database,
  t: { reference: string; notificationId: string; at: string },
  number: number,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE payments SET state = 'cancelled', released = amount, changed_by = ?1, updated_at = ?2
       WHERE reference = ?3 AND kind = 'instalment' AND number > ?4 AND state IN ('pending', 'scheduled')
         AND EXISTS (SELECT 1 FROM payments AS r WHERE r.reference = ?3 AND r.kind = 'instalment'
           AND r.number = ?4 AND r.changed_by = ?1 AND r.state = 'refused')`,
    )
    .bind(t.notificationId, t.at, t.reference, number);
}

/**
 * The renewal a recurring notification is about: the latest renewal whose day is on or before the
 * notification's day (its own day when the bank captures on the renewal day, a later day of its period when
 * it captures at the period's end).
 */
const RENEWAL_OF_DAY = `number = (SELECT r.number FROM payments AS r WHERE r.reference = payments.reference
  AND r.kind = 'renewal' AND r.day <= ? ORDER BY r.day DESC LIMIT 1)`;

/**
 * A renewal the bank captured (notification classified `renewal-collected`) or failed to capture
 * (`renewal-refused`: it stays open for the merchant until its period ends).
 */
export function settleRenewal(
  db: D1Database,
  t: { reference: string; notificationId: string; at: string },
  day: string,
  outcome: "renewal-collected" | "renewal-refused",
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE payments SET state = ?, changed_by = ?, updated_at = ?
       WHERE reference = ? AND kind = 'renewal' AND ${RENEWAL_OF_DAY} AND state IN ('scheduled', 'open')
         AND ${classifiedAs}`,
    )
    .bind(
      outcome === "renewal-collected" ? "captured" : "open",
      t.notificationId,
      t.at,
      t.reference,
      day,
      t.notificationId,
      outcome,
    );
}

/**
 * The renewals planned after `after` are dropped (the recurrence was stopped: by the merchant, or by a
 * critical refusal when notification `notificationId` was classified `renewal-refused`).
 */
export function dropPlannedRenewals(
  db: D1Database,
  reference: string,
  after: string,
  notificationId?: string,
): D1PreparedStatement {
  return db
    .prepare(
      `DELETE FROM payments WHERE reference = ? AND kind = 'renewal' AND state = 'scheduled' AND due_at > ?
         AND (?3 IS NULL OR EXISTS (SELECT 1 FROM notifications WHERE id = ?3 AND classification = 'renewal-refused'))`,
    )
    .bind(reference, after, notificationId ?? null);
}

/** A merchant's capture (the bank said yes) on an authorised payment: captured, the rest released. */
export function captureAuthorisedPayment(
  db: D1Database,
  t: { reference: string; kind: PaymentKind; number: number; by: string; at: string },
  amount: number,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE payments SET state = 'captured', released = amount - ?, changed_by = ?, updated_at = ?
       WHERE reference = ? AND kind = ? AND number = ?`,
    )
    .bind(amount, t.by, t.at, t.reference, t.kind, t.number);
}

/** After a merchant's capture on an open payment: captured once everything is. */
export function closeCapturedPayment(
  db: D1Database,
  t: { reference: string; kind: PaymentKind; number: number; by: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE payments SET changed_by = ?, updated_at = ?,
         state = CASE WHEN ${CAPTURED} >= amount THEN 'captured' ELSE state END
       WHERE reference = ? AND kind = ? AND number = ?`,
    )
    .bind(t.by, t.at, t.reference, t.kind, t.number);
}

/**
 * A merchant's cancel (the bank said yes): every live payment the request named is cancelled, what it had not
 * captured released. The order's day names the order and its instalments; a renewal's day names that renewal.
 */
export function cancelPayments(
  db: D1Database,
  t: { reference: string; by: string; at: string },
  named: { kind: PaymentKind; number: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE payments SET state = 'cancelled', released = amount - ${CAPTURED}, changed_by = ?1, updated_at = ?2
       WHERE reference = ?3 AND state IN ${LIVE}
         AND CASE WHEN ?4 = 'renewal' THEN kind = 'renewal' AND number = ?5 ELSE kind <> 'renewal' END`,
    )
    .bind(t.by, t.at, t.reference, named.kind, named.number);
}

/**
 * The scheduled job's transitions at `now`, each touching every order at once and marking what it changed
 * with the run's id, each followed by its events: renewals whose day has come open (`renewal-2-due`); at a
 * deadline an authorised payment is captured by the bank (`order-auto-captured`) or abandoned
 * (`instalment-1-abandoned`; a split's abandoned first instalment cancels the others), an open one closes
 * (`order-closed`, or `renewal-2-expired` when nothing was captured): what was not captured is released.
 * Then the orders touched are settled.
 */
export function deadlineStatements(
  db: D1Database,
  run: string,
  now: string,
): D1PreparedStatement[] {
  const due = "deadline IS NOT NULL AND deadline <= ?2";
  const events = (state: PaymentState, word: string) =>
    insertPaymentEvents(db, { by: run, at: now, states: [state], word });
  const update = (sql: string) => db.prepare(sql).bind(run, now);
  return [
    update(
      `UPDATE payments SET state = 'open', changed_by = ?1, updated_at = ?2
       WHERE kind = 'renewal' AND state = 'scheduled' AND due_at <= ?2`,
    ),
    events("open", "due"),
    update(
      `UPDATE authorisations SET captured = authorised,
         captured_day = (SELECT p.deadline_day FROM payments AS p WHERE p.reference = authorisations.reference
           AND p.kind = authorisations.kind AND p.number = authorisations.payment_number)
       WHERE ?1 IS NOT NULL AND (reference, kind, payment_number) IN (SELECT reference, kind, number
         FROM payments WHERE state = 'authorised' AND at_deadline = 'capture' AND ${due})`,
    ),
    update(
      `UPDATE payments SET state = CASE at_deadline WHEN 'capture' THEN 'captured' ELSE 'abandoned' END,
         released = amount - ${CAPTURED}, changed_by = ?1, updated_at = ?2
       WHERE state = 'authorised' AND ${due}`,
    ),
    events("captured", "auto-captured"),
    events("abandoned", "abandoned"),
    update(
      `UPDATE payments SET state = 'cancelled', released = amount, changed_by = ?1, updated_at = ?2
       WHERE kind = 'instalment' AND state IN ('pending', 'scheduled') AND EXISTS (SELECT 1 FROM payments AS f
         WHERE f.reference = payments.reference AND f.kind = 'instalment' AND f.number = 1
           AND f.state = 'abandoned' AND f.changed_by = ?1)`,
    ),
    events("cancelled", "cancelled"),
    update(
      `UPDATE payments SET state = CASE WHEN ${CAPTURED} > 0 THEN 'closed' ELSE 'expired' END,
         released = amount - ${CAPTURED}, changed_by = ?1, updated_at = ?2
       WHERE state = 'open' AND ${due}`,
    ),
    events("closed", "closed"),
    events("expired", "expired"),
    markCaptured(db, now, { by: run }),
    ...settleOrders(db, now, { by: run }),
  ];
}

/**
 * Records one event per payment that `by` moved to one of `states`: `<payment>-<word>` (`instalment-3-cancelled`,
 * `renewal-2-collected`, `order-expired`), linked to the notification or operation that did it.
 */
export function insertPaymentEvents(
  db: D1Database,
  e: {
    by: string;
    at: string;
    states: readonly PaymentState[];
    word: string;
    notificationId?: string;
    operationId?: string;
    detail?: string | null;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO order_events (reference, at, kind, notification_id, operation_id, detail)
       SELECT reference, ?, ${LABEL} || '-' || ?, ?, ?, ? FROM payments
       WHERE changed_by = ? AND state IN (${e.states.map(() => "?").join(", ")}) ${ORDER_BY}`,
    )
    .bind(
      e.at,
      e.word,
      e.notificationId ?? null,
      e.operationId ?? null,
      e.detail ?? null,
      e.by,
      ...e.states,
    );
}

/** The orders a statement applies to: those a change touched, or one order. */
export type OrdersTouched = { by: string } | { reference: string };

const TOUCHED =
  "(reference = ?2 OR reference IN (SELECT reference FROM payments WHERE changed_by = ?3))";

function touched(target: OrdersTouched): [string | null, string | null] {
  return "by" in target ? [null, target.by] : [target.reference, null];
}

/**
 * Settles the merchant-side status of orders from their ledger: `refunded` once everything captured was
 * refunded and nothing is left to collect; when nothing was captured and nothing is left, `expired` if a
 * deadline passed (a split's later instalments are cancelled with its abandoned first one), `cancelled`
 * otherwise; else the status stays. Each order whose status changes
 * gets an event named after its new status.
 */
export function settleOrders(
  db: D1Database,
  at: string,
  target: OrdersTouched,
): D1PreparedStatement[] {
  const totals = (column: string) =>
    `(SELECT COALESCE(SUM(a.${column}), 0) FROM authorisations AS a WHERE a.reference = orders.reference)`;
  const live = `EXISTS (SELECT 1 FROM payments AS p WHERE p.reference = orders.reference AND p.state IN ${LIVE})`;
  const settled = `CASE
      WHEN ${live} THEN status
      WHEN ${totals("captured")} > 0 AND ${totals("refunded")} >= ${totals("captured")} THEN 'refunded'
      WHEN ${totals("captured")} > 0 THEN status
      WHEN EXISTS (SELECT 1 FROM payments AS p WHERE p.reference = orders.reference
        AND p.state IN ('abandoned', 'expired')) THEN 'expired'
      ELSE 'cancelled'
    END`;
  const accepted = "status IN ('paid', 'captured', 'cancelled', 'expired', 'refunded')";
  return [
    db
      .prepare(
        `UPDATE orders SET updated_at = ?1, status = ${settled}
         WHERE ${accepted} AND ${TOUCHED} AND status <> ${settled}`,
      )
      .bind(at, ...touched(target)),
    db
      .prepare(
        `INSERT INTO order_events (reference, at, kind)
         SELECT reference, ?1, status FROM orders
         WHERE ${accepted} AND ${TOUCHED} AND updated_at = ?1 AND changes() > 0
           AND status IN ('cancelled', 'expired', 'refunded')`,
      )
      .bind(at, ...touched(target)),
  ];
}

/**
 * Orders become `captured`: the one a merchant's capture was for, or those where `by` (a scheduled run) had
 * the bank capture a payment at its deadline.
 */
export function markCaptured(
  db: D1Database,
  at: string,
  target: OrdersTouched,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE orders SET status = 'captured', updated_at = ?1
       WHERE status IN ('paid', 'captured') AND (reference = ?2
         OR reference IN (SELECT reference FROM payments WHERE changed_by = ?3 AND state = 'captured'))`,
    )
    .bind(at, ...touched(target));
}

/** A recurring order whose next renewal must be planned. */
export interface RenewalToPlan {
  reference: string;
  order_date: string;
  total: number;
  /** The latest renewal planned (0: none). */
  last: number;
}

/**
 * The recurring orders whose next renewal must be planned at `now`: accepted, not stopped, under the
 * terminal's maximum (0: none), and whose latest payment is already due.
 */
export function selectRenewalsToPlan(
  db: D1Reader,
  now: string,
  maxRenewals: number,
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT o.reference, o.order_date, o.total, MAX(p.number) AS last
       FROM orders AS o JOIN payments AS p ON p.reference = o.reference AND p.kind IN ('order', 'renewal')
       WHERE o.payment_mode = 'recurring' AND o.recurrence_stopped = 0
         AND o.status IN ('paid', 'captured', 'cancelled', 'expired', 'refunded')
       GROUP BY o.reference HAVING MAX(p.due_at) <= ?1 AND (?2 = 0 OR MAX(p.number) < ?2)`,
    )
    .bind(now, maxRenewals);
}
