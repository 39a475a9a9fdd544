/**
 * Payment modes over time: when the clock moves, due events run in order — deferred authorisations end
 * (abandoned or auto-captured), partial capture windows close, recurring payments renew monthly, split
 * instalments are collected (refused ones retried daily) — each at its own instant, with its Retour.
 * @module
 */
import type { SandboxContext } from "./context.ts";
import type { InstalmentState, Transaction } from "./ledger.ts";
import { capturedNow, laterAccepts, renewalInstant } from "./payment-flow.ts";
import { type Refusal, retourFields } from "./retour-fields.ts";
import type { SandboxTerminal } from "./terminals.ts";

const DAY_MS = 86_400_000;
const LATER_REFUSAL: Refusal = { motif: "Refus", detail: "Refus emetteur" };

/** Something that happened on the timeline, for the clock endpoint's answer. */
export interface TimelineEvent {
  readonly at: string;
  readonly tpe: string;
  readonly reference: string;
  readonly kind:
    | "deferred-abandoned"
    | "deferred-captured"
    | "partial-expired"
    | "renewal-accepted"
    | "renewal-refused"
    | "instalment-collected"
    | "instalment-retry"
    | "instalment-refused";
  readonly detail?: string;
}

interface Due {
  readonly at: number;
  readonly run: () => Promise<TimelineEvent>;
}

function dueEvents(ctx: SandboxContext, tx: Transaction, terminal: SandboxTerminal): Due[] {
  const events: Due[] = [];
  const deadline = tx.deadline ? Date.parse(tx.deadline) : undefined;
  if (terminal.mode === "deferred" && tx.status === "authorised" && deadline !== undefined) {
    events.push({ at: deadline, run: () => endDeferred(ctx, tx, terminal) });
  }
  if (
    terminal.mode === "partial" &&
    (tx.status === "authorised" || tx.status === "partially-captured") &&
    deadline !== undefined
  ) {
    events.push({ at: deadline, run: async () => endPartial(ctx, tx) });
  }
  if (tx.recurrence?.active && tx.recurrence.nextAt) {
    events.push({ at: Date.parse(tx.recurrence.nextAt), run: () => renew(ctx, tx, terminal) });
  }
  for (const instalment of tx.schedule ?? []) {
    if (instalment.status !== "due") continue;
    const at = Date.parse(instalment.nextTryAt ?? instalment.dueAt);
    events.push({ at, run: () => collect(ctx, tx, terminal, instalment) });
  }
  return events;
}

function event(
  ctx: SandboxContext,
  tx: Transaction,
  kind: TimelineEvent["kind"],
  detail?: string,
): TimelineEvent {
  return {
    at: ctx.clock.now().toISOString(),
    tpe: tx.tpe,
    reference: tx.reference,
    kind,
    ...(detail !== undefined && { detail }),
  };
}

async function endDeferred(
  ctx: SandboxContext,
  tx: Transaction,
  terminal: SandboxTerminal,
): Promise<TimelineEvent> {
  if (terminal.deferredExpiry === "capture" && tx.authorisation) {
    capturedNow(tx, tx.authorisation, tx.remaining, ctx.clock.now().toISOString(), "capture");
    tx.remaining = 0;
    return event(ctx, tx, "deferred-captured");
  }
  tx.status = "abandoned";
  tx.remaining = 0;
  return event(ctx, tx, "deferred-abandoned");
}

function endPartial(ctx: SandboxContext, tx: Transaction): TimelineEvent {
  tx.status = "expired";
  const released = tx.remaining;
  tx.remaining = 0;
  return event(ctx, tx, "partial-expired", `released ${released}`);
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

async function renew(
  ctx: SandboxContext,
  tx: Transaction,
  terminal: SandboxTerminal,
): Promise<TimelineEvent> {
  const recurrence = tx.recurrence;
  if (!recurrence || !tx.card) return event(ctx, tx, "renewal-refused", "no card");
  recurrence.renewals += 1;
  const n = recurrence.renewals;
  const accepted = laterAccepts(tx.card.later, tx.captureRefusals);
  const accept = tx.live ? "paiement" : "payetest";
  let result: TimelineEvent;
  if (accepted) {
    const authorisation = ctx.authorisationNumber();
    capturedNow(tx, authorisation, tx.amount.minor, ctx.clock.now().toISOString(), "renewal");
    await notifyLater(ctx, terminal, tx, accept, { authorisation });
    result = event(ctx, tx, "renewal-accepted", `renewal ${n}, authorisation ${authorisation}`);
  } else {
    tx.captureRefusals += 1;
    await notifyLater(ctx, terminal, tx, "Annulation", { refusal: LATER_REFUSAL });
    result = event(ctx, tx, "renewal-refused", `renewal ${n}`);
  }
  if (terminal.recurringMonths > 0 && n >= terminal.recurringMonths) {
    recurrence.active = false;
    delete recurrence.nextAt;
  } else {
    recurrence.nextAt = renewalInstant(tx, n + 1).toISOString();
  }
  return result;
}

async function collect(
  ctx: SandboxContext,
  tx: Transaction,
  terminal: SandboxTerminal,
  instalment: InstalmentState,
): Promise<TimelineEvent> {
  const card = tx.card;
  instalment.tries += 1;
  const n = instalment.index;
  if (card && laterAccepts(card.later, instalment.tries - 1)) {
    const authorisation = ctx.authorisationNumber();
    instalment.status = "collected";
    instalment.authorisation = authorisation;
    delete instalment.nextTryAt;
    capturedNow(tx, authorisation, instalment.amount, ctx.clock.now().toISOString(), "instalment");
    await notifyLater(ctx, terminal, tx, `paiement_pf${n}`, {
      authorisation,
      montantech: instalment.montant,
    });
    return event(ctx, tx, "instalment-collected", `instalment ${n}`);
  }
  if (instalment.tries <= terminal.splitRetries) {
    instalment.nextTryAt = new Date(ctx.clock.now().getTime() + DAY_MS).toISOString();
    return event(ctx, tx, "instalment-retry", `instalment ${n}, try ${instalment.tries}`);
  }
  instalment.status = "refused";
  delete instalment.nextTryAt;
  await notifyLater(ctx, terminal, tx, `Annulation_pf${n}`, {
    refusal: LATER_REFUSAL,
    montantech: instalment.montant,
  });
  return event(ctx, tx, "instalment-refused", `instalment ${n}`);
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
