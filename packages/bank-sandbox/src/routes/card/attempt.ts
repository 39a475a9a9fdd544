/**
 * One card attempt from the card page: the issuer's decision for the card, then the payment flow.
 * @module
 */
import type { Context } from "hono";
import type { SandboxContext } from "../../context.ts";
import {
  type AttemptResult,
  bypassStatus,
  cardOnFile,
  completeAttempt,
  decide,
} from "../../payment-flow.ts";
import { asksExpressPayment } from "../../retour-fields.ts";
import { findCard } from "../../test-cards.ts";
import type { Loaded } from "./session.ts";

/** Reads the buyer's IP address from the request (proxy headers first). */
export type ClientIp = (c: Context) => string | undefined;

/** A card to try: its digits and expiry, and the buyer's answer to the 3-D Secure step if there was one. */
export interface CardAttempt {
  readonly numero: string;
  readonly vld: string;
  readonly challenge?: "pass" | "fail";
}

/** Tries a card on the session's order and sends the Retour. */
export async function attemptCard(
  ctx: SandboxContext,
  c: Context,
  clientIp: ClientIp,
  l: Loaded,
  attempt: CardAttempt,
): Promise<AttemptResult> {
  const card = await cardOnFile(
    attempt.numero,
    attempt.vld,
    l.terminal.format,
    findCard(attempt.numero),
  );
  const bypass = bypassStatus(l.terminal, l.session.bypassRequest);
  const decision = decide(attempt.numero, l.terminal, attempt.challenge, bypass === "1");
  const express = asksExpressPayment(l.tx.fields);
  return completeAttempt(ctx, l.terminal, l.tx, card, decision, {
    ip: clientIp(c) ?? "127.0.0.1",
    ...(bypass !== undefined && { bypassStatus: bypass }),
    ...(l.session.challengePreference && { challengePreference: l.session.challengePreference }),
    ...(express && { cardStored: decision.accepted }),
  });
}
