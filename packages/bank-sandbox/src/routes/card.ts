/**
 * The card page: entry with Luhn, expiry and CVV checks, the TEST panel's fill links, the 3-D Secure step,
 * the ticket or refusal page, the attempts limit and the cancel link back to the merchant.
 * @module
 */
import { BANK_TIME_ZONE, minorDigits } from "@sceau/protocol";
import type { Context, Hono } from "hono";
import type { SandboxContext } from "../context.ts";
import { formatMoney, type Messages, messagesFor } from "../i18n.ts";
import type { Session, Transaction } from "../ledger.ts";
import {
  cardPage,
  challengePage,
  messagePage,
  type OrderView,
  resultPage,
} from "../pages/card-page.ts";
import {
  type AttemptResult,
  cardOnFile,
  completeAttempt,
  decide,
  needsChallenge,
  plannedSchedule,
} from "../payment-flow.ts";
import { htmlResponse, readForm, seeOther } from "../respond.ts";
import { asksExpressPayment } from "../retour-fields.ts";
import type { SandboxTerminal } from "../terminals.ts";
import { brandOf, cardById, findCard, luhnValid, TEST_CARDS } from "../test-cards.ts";
import { amountWarning } from "./paiement.ts";

/** Reads the buyer's IP address from the request (proxy headers first). */
export type ClientIp = (c: Context) => string | undefined;

interface Loaded {
  readonly session: Session;
  readonly tx: Transaction;
  readonly terminal: SandboxTerminal;
  readonly t: Messages;
}

function money(minor: number, currency: string, t: Messages): string {
  return formatMoney(minor, currency, minorDigits(currency), t.locale);
}

function orderView(tx: Transaction, terminal: SandboxTerminal, t: Messages): OrderView {
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

function localTime(at: Date, t: Messages): string {
  return new Intl.DateTimeFormat(t.locale, {
    dateStyle: "short",
    timeStyle: "medium",
    timeZone: BANK_TIME_ZONE,
  }).format(at);
}

/** Registers the card pages under a prefix (`/test` or ``). */
export function cardRoutes(
  app: Hono,
  ctx: SandboxContext,
  prefix: "/test" | "",
  clientIp: ClientIp,
): void {
  const base = `${prefix}/carte/:id`;

  function load(id: string): Loaded | Response {
    const session = ctx.ledger.sessions.get(id);
    const tx = session && ctx.ledger.transactions.get(session.transactionKey);
    const terminal = tx && ctx.terminals.get(tx.tpe);
    if (!session || !tx || !terminal) {
      const t = messagesFor("FR");
      return htmlResponse(
        messagePage({ t, message: "Session inconnue / unknown session." }),
        404,
        "ERR_SESSION_UNKNOWN",
      );
    }
    return { session, tx, terminal, t: messagesFor(session.lang) };
  }

  /** The session, when it can still take a card; otherwise the end page to answer with. */
  function loadOpen(id: string): Loaded | Response {
    const l = load(id);
    return l instanceof Response ? l : (closed(l) ?? l);
  }

  /** Answers with an end page when the session cannot take a card any more. */
  function closed(l: Loaded): Response | undefined {
    const { session, tx, t } = l;
    const back = session.urls.err ?? session.urls.retour;
    if (tx.status === "blocked") {
      return htmlResponse(
        messagePage({ t, message: t.attemptsExhausted, ...(back && { backUrl: back }) }),
        409,
        "ERR_ATTEMPTS_EXHAUSTED",
      );
    }
    if (
      session.state === "done" ||
      session.state === "cancelled" ||
      !["pending", "refused"].includes(tx.status)
    ) {
      const ok = session.urls.ok ?? session.urls.retour;
      return htmlResponse(
        messagePage({
          t,
          message: "Votre commande a déjà été traitée.",
          ...(ok && { backUrl: ok }),
        }),
        409,
        "ERR_ORDER_PROCESSED",
      );
    }
    const age = ctx.clock.now().getTime() - Date.parse(session.createdAt);
    if (age > ctx.limits.sessionMinutes * 60_000) {
      return htmlResponse(
        messagePage({ t, message: t.sessionExpired, ...(back && { backUrl: back }) }),
        410,
        "ERR_SESSION_EXPIRED",
      );
    }
    return undefined;
  }

  function renderCard(
    l: Loaded,
    values: { numero?: string; mois?: string; annee?: string; cvv?: string },
    errors: string[],
    status = 200,
  ): Response {
    const { session, tx, terminal, t } = l;
    const last = tx.attempts.at(-1);
    return htmlResponse(
      cardPage({
        t,
        order: orderView(tx, terminal, t),
        action: `${prefix}/carte/${session.id}`,
        cancelUrl: `${prefix}/carte/${session.id}/annuler`,
        cards: TEST_CARDS,
        values,
        errors,
        attemptsLeft: ctx.limits.maxAttempts - tx.attempts.length,
        year: ctx.clock.now().getUTCFullYear(),
        ...(last?.result === "refused" && { notice: t.refused }),
        warnings: [amountWarning(tx.montant)].filter((w): w is string => w !== undefined),
      }),
      status,
    );
  }

  function result(l: Loaded, outcome: AttemptResult): Response {
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
        ? `answered in ${first.durationMs} ms`
        : `${first?.error ?? "not sent"}; the bank e-mails an alert and makes a second attempt (see /_sandbox/outbox)`,
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
          : { retryUrl: `${prefix}/carte/${session.id}` }),
        ...(back && { backUrl: back }),
      }),
      200,
      blocked ? "ERR_ATTEMPTS_EXHAUSTED" : undefined,
    );
  }

  app.get(base, (c) => {
    const l = loadOpen(c.req.param("id") ?? "");
    if (l instanceof Response) return l;
    const card = cardById(c.req.query("fill") ?? "");
    const year = ctx.clock.now().getUTCFullYear();
    const values = card
      ? { numero: card.number, mois: "12", annee: String(year + 3), cvv: card.cvv }
      : {};
    return renderCard(l, values, []);
  });

  app.post(base, async (c) => {
    const l = loadOpen(c.req.param("id") ?? "");
    if (l instanceof Response) return l;
    const form = await readForm(c.req.raw).catch(() => ({}) as Record<string, string>);
    const numero = (form.numero ?? "").replace(/[\s-]+/g, "");
    const mois = form.mois ?? "";
    const annee = form.annee ?? "";
    const cvv = form.cvv ?? "";
    const { t } = l;
    const errors: string[] = [];
    if (!luhnValid(numero)) errors.push(t.badNumber);
    const now = ctx.clock.now();
    const month = Number(mois);
    const year = Number(annee.length === 2 ? `20${annee}` : annee);
    const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
    if (
      !/^\d{1,2}$/.test(mois) ||
      month < 1 ||
      month > 12 ||
      !/^\d{2}(\d{2})?$/.test(annee) ||
      year * 12 + month - 1 < current
    ) {
      errors.push(t.badExpiry);
    }
    const amex = brandOf(numero) === "AM";
    if (!(amex ? /^\d{4}$/ : /^\d{3}$/).test(cvv)) errors.push(amex ? t.badCvvAmex : t.badCvv);
    if (errors.length) {
      return renderCard(l, { numero: form.numero ?? "", mois, annee, cvv: "" }, errors, 422);
    }
    const vld = `${String(month).padStart(2, "0")}${String(year).slice(-2)}`;
    if (needsChallenge(numero, l.terminal, l.session.challengePreference)) {
      l.session.state = "challenge";
      l.session.challenge = { number: numero, vld, cvv };
      ctx.changed();
      return seeOther(`${prefix}/carte/${l.session.id}/3ds`);
    }
    return result(l, await attempt(c, l, numero, vld));
  });

  async function attempt(
    c: Context,
    l: Loaded,
    numero: string,
    vld: string,
    challenge?: "pass" | "fail",
  ): Promise<AttemptResult> {
    const card = await cardOnFile(numero, vld, l.terminal.format, findCard(numero));
    const decision = decide(numero, l.terminal, challenge);
    const express = asksExpressPayment(l.tx.fields);
    return completeAttempt(ctx, l.terminal, l.tx, card, decision, {
      ip: clientIp(c) ?? "127.0.0.1",
      ...(l.session.challengePreference && { challengePreference: l.session.challengePreference }),
      ...(express && { cardStored: decision.accepted }),
    });
  }

  app.get(`${base}/3ds`, (c) => {
    const l = loadOpen(c.req.param("id") ?? "");
    if (l instanceof Response) return l;
    if (l.session.state !== "challenge") return seeOther(`${prefix}/carte/${l.session.id}`);
    return htmlResponse(
      challengePage({
        t: l.t,
        order: orderView(l.tx, l.terminal, l.t),
        action: `${prefix}/carte/${l.session.id}/3ds`,
      }),
    );
  });

  app.post(`${base}/3ds`, async (c) => {
    const l = loadOpen(c.req.param("id") ?? "");
    if (l instanceof Response) return l;
    const pending = l.session.challenge;
    if (l.session.state !== "challenge" || !pending)
      return seeOther(`${prefix}/carte/${l.session.id}`);
    const form = await readForm(c.req.raw).catch(() => ({}) as Record<string, string>);
    const decision = form.decision === "pass" ? "pass" : "fail";
    return result(l, await attempt(c, l, pending.number, pending.vld, decision));
  });

  app.get(`${base}/annuler`, (c) => {
    const l = load(c.req.param("id") ?? "");
    if (l instanceof Response) return l;
    const back = l.session.urls.err ?? l.session.urls.retour;
    if (l.session.state !== "done") l.session.state = "cancelled";
    ctx.changed();
    if (back) return seeOther(back);
    return htmlResponse(messagePage({ t: l.t, message: l.t.cancel }), 200);
  });
}
