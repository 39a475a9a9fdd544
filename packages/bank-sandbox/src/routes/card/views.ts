/**
 * What the card routes answer with: the card page (with the values to put back and the errors) and the
 * ticket or refusal page after an attempt.
 * @module
 */
import { BANK_TIME_ZONE, minorDigits } from "@sceau/protocol";
import type { SandboxContext } from "../../context.ts";
import { formatMoney, type Messages } from "../../i18n.ts";
import type { Transaction } from "../../ledger.ts";
import { cardPage, type OrderView, resultPage } from "../../pages/card-page.ts";
import type { AttemptResult } from "../../payment-flow.ts";
import { plannedSchedule } from "../../payments.ts";
import { htmlResponse } from "../../respond.ts";
import type { SandboxTerminal } from "../../terminals.ts";
import { TEST_CARDS } from "../../test-cards.ts";
import { nonCanonicalAmount } from "../paiement.ts";
import type { Loaded } from "./session.ts";

/** The card form's values, as typed or filled. */
export interface CardValues {
  numero?: string;
  mois?: string;
  annee?: string;
  cvv?: string;
}

function money(minor: number, currency: string, t: Messages): string {
  return formatMoney(minor, currency, minorDigits(currency), t.locale);
}

/** The order as the buyer sees it: merchant, TPE, reference, amount and the split schedule. */
export function orderView(tx: Transaction, terminal: SandboxTerminal, t: Messages): OrderView {
  const schedule = plannedSchedule(tx, terminal);
  return {
    merchant: terminal.name,
    tpe: tx.tpe,
    reference: tx.reference,
    amount: money(tx.amount.minor, tx.amount.currency, t),
    ...(schedule && {
      schedule: schedule.map((s) => ({
        day: s.day,
        amount: money(s.amount, tx.amount.currency, t),
      })),
    }),
  };
}

/** Date and time in Paris, in the buyer's locale, always with a four-digit year. */
function localTime(at: Date, t: Messages): string {
  // Not dateStyle "short": German, Italian and Spanish would print a two-digit year.
  return new Intl.DateTimeFormat(t.locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZone: BANK_TIME_ZONE,
  }).format(at);
}

/** The expiry the card form shows by default, as the test cards have it: December, three years on. */
export function defaultExpiry(now: Date): { mois: string; annee: string } {
  return { mois: "12", annee: String(now.getUTCFullYear() + 3) };
}

/** The card page for a session. */
export function cardPageResponse(
  ctx: SandboxContext,
  l: Loaded,
  values: CardValues,
  errors: string[],
  status = 200,
): Response {
  const { session, tx, terminal, t } = l;
  const last = tx.attempts.at(-1);
  const base = `${session.prefix}/carte/${session.id}`;
  const odd = nonCanonicalAmount(tx.montant);
  const now = ctx.clock.now();
  return htmlResponse(
    cardPage({
      t,
      order: orderView(tx, terminal, t),
      action: base,
      cancelUrl: `${base}/annuler`,
      cards: TEST_CARDS,
      values,
      errors,
      attemptsLeft: ctx.limits.maxAttempts - tx.attempts.length,
      year: now.getUTCFullYear(),
      defaultExpiry: defaultExpiry(now),
      ...(last?.result === "refused" && { notice: t.refused }),
      warnings: odd ? [t.amountWarning(JSON.stringify(tx.montant), odd.minor, odd.currency)] : [],
    }),
    status,
  );
}

/** The ticket after an acceptance, or the refusal page (with a retry link while attempts remain). */
export function resultResponse(l: Loaded, outcome: AttemptResult): Response {
  const { session, tx, terminal, t } = l;
  const order = orderView(tx, terminal, t);
  const date = localTime(outcome.at, t);
  const n = outcome.notification;
  const first = n.attempts[0];
  const retour = {
    url: n.url,
    code: n.code,
    delivered: n.delivered,
    detail: first?.ok
      ? t.answeredIn(first.durationMs)
      : `${first?.error ?? "not sent"}; ${t.secondAttempt}`,
  };
  if (outcome.accepted) {
    session.state = "done";
    if (outcome.authorisation) session.ticketAuthorisation = outcome.authorisation;
    const back = session.urls.ok ?? session.urls.retour;
    return htmlResponse(
      resultPage({
        t,
        order,
        accepted: true,
        date,
        retour,
        ...(outcome.authorisation && { authorisation: outcome.authorisation }),
        ...(back && { backUrl: back }),
      }),
    );
  }
  session.state = "open";
  delete session.challenge;
  const back = session.urls.err ?? session.urls.retour;
  const blocked = tx.status === "blocked";
  return htmlResponse(
    resultPage({
      t,
      order,
      accepted: false,
      date,
      retour,
      ...(blocked
        ? { message: t.attemptsExhausted }
        : { retryUrl: `${session.prefix}/carte/${session.id}` }),
      ...(back && { backUrl: back }),
    }),
    200,
    blocked ? "ERR_ATTEMPTS_EXHAUSTED" : undefined,
  );
}
