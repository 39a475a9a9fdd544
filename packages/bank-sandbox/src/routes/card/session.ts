/**
 * The card-page session behind `/carte/:id`: loading it, and the end page to answer with when it can no
 * longer take a card (attempts exhausted, already paid or cancelled, 45 minutes gone).
 * @module
 */
import type { SandboxContext } from "../../context.ts";
import { type Messages, messagesFor } from "../../i18n.ts";
import type { Session, Transaction } from "../../ledger.ts";
import { messagePage } from "../../pages/card-page.ts";
import { htmlResponse } from "../../respond.ts";
import type { SandboxTerminal } from "../../terminals.ts";

/** A session with its transaction, terminal and the buyer's texts. */
export interface Loaded {
  readonly session: Session;
  readonly tx: Transaction;
  readonly terminal: SandboxTerminal;
  readonly t: Messages;
}

/** The session of a card page, or the 404 page for an unknown one. */
export function loadSession(ctx: SandboxContext, id: string): Loaded | Response {
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

/** The session when it can still take a card; otherwise the end page to answer with. */
export function loadOpenSession(ctx: SandboxContext, id: string): Loaded | Response {
  const loaded = loadSession(ctx, id);
  return loaded instanceof Response ? loaded : (closedPage(ctx, loaded) ?? loaded);
}

function closedPage(ctx: SandboxContext, l: Loaded): Response | undefined {
  const { session, tx, t } = l;
  const back = session.urls.err ?? session.urls.retour;
  if (tx.status === "blocked") {
    return htmlResponse(
      messagePage({ t, message: t.attemptsExhausted, ...(back && { backUrl: back }) }),
      409,
      "ERR_ATTEMPTS_EXHAUSTED",
    );
  }
  if (session.state === "done" || session.state === "cancelled" || tx.status === "accepted") {
    const ok = session.urls.ok ?? session.urls.retour;
    return htmlResponse(
      messagePage({ t, message: "Votre commande a déjà été traitée.", ...(ok && { backUrl: ok }) }),
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
