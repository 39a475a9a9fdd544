/**
 * Payment modes over time. When the clock moves, due events run in order, each at its own instant:
 * deferred delays end (auto-captured or abandoned, no notification), partial and recurring windows close
 * (what is not captured is released), recurring payments renew (captured by the bank on the renewal day or
 * at the end of the period, per the terminal), split instalments are collected (a refused one is tried
 * {@link SPLIT_ATTEMPTS} times, {@link SPLIT_RETRY_DAYS} days apart, then cancelled or carried over).
 * @module
 */
import {
  addDays,
  formatAmount,
  formatBankDay,
  parseBankDay,
  periodEnd,
  renewalDay,
} from "@sceau/protocol";
import type { SandboxContext } from "./context.ts";
import type { Payment, Transaction } from "./ledger.ts";
import {
  authoriseLater,
  capturedOf,
  captureUnder,
  close,
  dueInstant,
  grant,
  renewalDueAt,
  SPLIT_ATTEMPTS,
  SPLIT_RETRY_DAYS,
} from "./payments.ts";
import { type Refusal, retourFields } from "./retour-fields.ts";
import { recurrenceRuleOf, type SandboxTerminal } from "./terminals.ts";

const DAY_MS = 86_400_000;

/** Something that happened on the timeline, for the clock endpoint's answer. */
export interface TimelineEvent {
  readonly at: string;
  readonly tpe: string;
  readonly reference: string;
  readonly kind:
    | "deferred-abandoned"
    | "deferred-captured"
    | "window-closed"
    | "renewal-created"
    | "renewal-captured"
    | "renewal-refused"
    | "instalment-collected"
    | "instalment-retry"
    | "instalment-refused";
  /** The payment: `order`, `instalment 2`, `renewal 1`… */
  readonly payment: string;
  readonly detail?: string;
}

interface Due {
  readonly at: number;
  readonly run: () => Promise<TimelineEvent>;
}

function label(payment: Payment): string {
  return payment.kind === "order" ? "order" : `${payment.kind} ${payment.index}`;
}

function event(
  ctx: SandboxContext,
  tx: Transaction,
  payment: Payment,
  kind: TimelineEvent["kind"],
  detail?: string,
): TimelineEvent {
  return {
    at: ctx.clock.now().toISOString(),
    tpe: tx.tpe,
    reference: tx.reference,
    kind,
    payment: label(payment),
    ...(detail !== undefined && { detail }),
  };
}

function dueEvents(ctx: SandboxContext, tx: Transaction, terminal: SandboxTerminal): Due[] {
  const events: Due[] = [];
  for (const p of tx.payments) {
    if (p.state === "authorised" && p.deadline) {
      events.push({ at: Date.parse(p.deadline), run: async () => endDelay(ctx, tx, terminal, p) });
    }
    if (p.state === "open" && p.autoCaptureAt) {
      events.push({
        at: Date.parse(p.autoCaptureAt),
        run: () => autoCapture(ctx, terminal, tx, p),
      });
    }
    if (p.state === "open" && p.deadline) {
      events.push({ at: Date.parse(p.deadline), run: async () => closeWindow(ctx, tx, p) });
    }
    if ((p.state === "scheduled" || p.state === "retrying") && p.kind === "instalment") {
      const at = Date.parse(p.nextAttemptAt ?? p.dueAt);
      events.push({ at, run: () => collect(ctx, terminal, tx, p) });
    }
  }
  if (tx.recurrence?.active && tx.recurrence.nextAt) {
    events.push({
      at: Date.parse(tx.recurrence.nextAt),
      run: async () => renew(ctx, terminal, tx),
    });
  }
  return events;
}

/** Deferred, or a split's first instalment: the delay ends (no notification either way). */
function endDelay(
  ctx: SandboxContext,
  tx: Transaction,
  terminal: SandboxTerminal,
  p: Payment,
): TimelineEvent {
  const auth = p.authorisations[0];
  if (terminal.deferredExpiry === "capture" && auth) {
    captureUnder(auth, auth.amount - auth.captured, ctx.clock.now());
    p.state = "captured";
    return event(ctx, tx, p, "deferred-captured");
  }
  close([p], "abandoned");
  // A split order whose first instalment is abandoned is not collected further (our choice).
  const cancelled = close(tx.payments, "cancelled");
  return event(
    ctx,
    tx,
    p,
    "deferred-abandoned",
    cancelled ? `${cancelled} instalments cancelled` : undefined,
  );
}

/** Partial and recurring: the window closes; what is not captured is released. */
function closeWindow(ctx: SandboxContext, tx: Transaction, p: Payment): TimelineEvent {
  const captured = capturedOf([p]);
  close([p], captured > 0 ? "closed" : "expired");
  if (p.kind === "renewal") {
    ctx.ledger.summaries.push({
      id: ctx.ledger.nextId("r"),
      at: ctx.clock.now().toISOString(),
      tpe: tx.tpe,
      reference: tx.reference,
      renewal: p.index,
      day: p.day,
      amount: p.amount,
      captured,
      state: p.state,
    });
  }
  return event(ctx, tx, p, "window-closed", `captured ${captured}, released ${p.released}`);
}

async function notifyLater(
  ctx: SandboxContext,
  terminal: SandboxTerminal,
  tx: Transaction,
  code: string,
  extra: { authorisation?: string; refusal?: Refusal; montantech?: string },
): Promise<void> {
  if (!tx.card) return;
  const fields = retourFields(tx, {
    code,
    at: ctx.clock.now(),
    card: tx.card,
    threeDSecure: "none",
    cvx: false,
    ip: tx.ip ?? "127.0.0.1",
    ...extra,
  });
  await ctx.sender.notify(terminal, tx, fields);
}

/** Recurring: renewal `n` is created on its day, open for captures until its period ends. */
function renew(ctx: SandboxContext, terminal: SandboxTerminal, tx: Transaction): TimelineEvent {
  const recurrence = tx.recurrence as NonNullable<Transaction["recurrence"]>;
  const n = recurrence.renewals + 1;
  const rule = recurrenceRuleOf(terminal);
  const orderDay = parseBankDay(tx.orderDay);
  const day = formatBankDay(renewalDay(orderDay, n, rule));
  const now = ctx.clock.now();
  const p: Payment = {
    kind: "renewal",
    index: n,
    day,
    dueAt: now.toISOString(),
    amount: tx.amount.minor,
    state: "open",
    deadline: periodEnd(orderDay, n, rule).toISOString(),
    attempts: 0,
    refusals: 0,
    released: 0,
    authorisations: [],
  };
  if (terminal.recurringCapture === "renewal-day") p.autoCaptureAt = p.dueAt;
  if (terminal.recurringCapture === "period-end") {
    const lastDay = formatBankDay(addDays(renewalDay(orderDay, n + 1, rule), -1));
    p.autoCaptureAt = dueInstant(lastDay, tx.orderDate).toISOString();
  }
  tx.payments.push(p);
  recurrence.renewals = n;
  const max = terminal.recurringMaxRenewals;
  if (max > 0 && n >= max) {
    recurrence.active = false;
    delete recurrence.nextAt;
  } else {
    recurrence.nextAt = renewalDueAt(tx, terminal, n + 1).toISOString();
  }
  return event(ctx, tx, p, "renewal-created", day);
}

/**
 * Recurring: the bank captures a renewal by itself (on its day, or on the period's last day when the
 * merchant captured nothing), with a Retour. A refused one stays open for the merchant until the period
 * ends; a critical refusal (card lost) also stops the recurrence (our choice).
 */
async function autoCapture(
  ctx: SandboxContext,
  terminal: SandboxTerminal,
  tx: Transaction,
  p: Payment,
): Promise<TimelineEvent> {
  delete p.autoCaptureAt;
  p.attempts += 1;
  const amount = p.amount - capturedOf([p]);
  const later = authoriseLater(ctx, tx, p);
  if (later.granted) {
    p.authorisations.push(grant(later.number, ctx.clock.now(), amount, amount));
    p.state = "captured";
    await notifyLater(ctx, terminal, tx, tx.live ? "paiement" : "payetest", {
      authorisation: later.number,
    });
    return event(ctx, tx, p, "renewal-captured", `authorisation ${later.number}`);
  }
  if (later.critical && tx.recurrence) {
    tx.recurrence.active = false;
    delete tx.recurrence.nextAt;
  }
  await notifyLater(ctx, terminal, tx, "Annulation", { refusal: later.refusal });
  return event(ctx, tx, p, "renewal-refused", later.refusal.detail);
}

/**
 * Split: instalment 2–4 is authorised and captured on its day (`paiement_pfN`). A refusal is retried;
 * after the last attempt (`Annulation_pfN`) the terminal cancels the remaining instalments or carries the
 * amount over to the next one. A critical refusal cancels every remaining instalment at once.
 */
async function collect(
  ctx: SandboxContext,
  terminal: SandboxTerminal,
  tx: Transaction,
  p: Payment,
): Promise<TimelineEvent> {
  p.attempts += 1;
  const n = p.index;
  const montantech = formatAmount(p.amount, tx.amount.currency);
  const later = authoriseLater(ctx, tx, p);
  if (later.granted) {
    p.authorisations.push(grant(later.number, ctx.clock.now(), p.amount, p.amount));
    p.state = "captured";
    delete p.nextAttemptAt;
    await notifyLater(ctx, terminal, tx, `paiement_pf${n}`, {
      authorisation: later.number,
      montantech,
    });
    return event(ctx, tx, p, "instalment-collected", `attempt ${p.attempts}`);
  }
  if (!later.critical && p.attempts < SPLIT_ATTEMPTS) {
    p.state = "retrying";
    p.nextAttemptAt = new Date(ctx.clock.now().getTime() + SPLIT_RETRY_DAYS * DAY_MS).toISOString();
    return event(ctx, tx, p, "instalment-retry", `attempt ${p.attempts}`);
  }
  const next = tx.payments.find((q) => q.index > n && q.state === "scheduled");
  const carry = !later.critical && terminal.splitOnRefusal === "carry-over" && next;
  close([p], carry ? "carried-over" : "refused");
  if (carry) {
    next.amount += p.amount;
    next.montant = formatAmount(next.amount, tx.amount.currency);
  } else {
    close(
      tx.payments.filter((q) => q.index > n),
      "cancelled",
    );
  }
  await notifyLater(ctx, terminal, tx, `Annulation_pf${n}`, { refusal: later.refusal, montantech });
  const outcome = carry ? `carried over to instalment ${next.index}` : "remaining cancelled";
  return event(ctx, tx, p, "instalment-refused", `${later.refusal.detail}; ${outcome}`);
}

const running = new WeakMap<SandboxContext, Promise<unknown>>();

/**
 * Moves the clock to `target`, running every due event in chronological order at its own instant.
 * Resolves with what happened once each event's Retour had its first delivery attempt. Calls are
 * serialised, so the periodic tick and the clock endpoint never run the same event twice.
 */
export function advanceTo(ctx: SandboxContext, target: Date): Promise<TimelineEvent[]> {
  const previous = running.get(ctx) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => advance(ctx, target));
  running.set(ctx, next);
  return next;
}

async function advance(ctx: SandboxContext, target: Date): Promise<TimelineEvent[]> {
  const happened: TimelineEvent[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    let next: Due | undefined;
    for (const tx of ctx.ledger.transactions.values()) {
      const terminal = ctx.terminals.get(tx.tpe);
      if (!terminal) continue;
      for (const due of dueEvents(ctx, tx, terminal)) {
        if (due.at <= target.getTime() && (!next || due.at < next.at)) next = due;
      }
    }
    if (!next) break;
    ctx.clock.setTo(new Date(next.at));
    happened.push(await next.run());
    ctx.changed();
  }
  ctx.clock.setTo(target);
  return happened;
}
