/**
 * What happens when the buyer submits a card: the issuer's answer for the test card, the order's payments
 * for the terminal's payment mode, and the Retour notification.
 * @module
 */
import type { SandboxContext } from "./context.ts";
import type { CardOnFile, NotificationRecord, Transaction } from "./ledger.ts";
import { type Opened, openPayments } from "./payments.ts";
import {
  type BypassStatus,
  type Refusal,
  type RetourEvent,
  retourFields,
  type ThreeDSecureResult,
} from "./retour-fields.ts";
import type { SandboxTerminal } from "./terminals.ts";
import { binOf, brandOf, findCard, maskV3, maskV4, type TestCard } from "./test-cards.ts";

/** The issuer's answer to a card attempt. */
export interface Decision {
  readonly accepted: boolean;
  readonly refusal?: Refusal;
  readonly threeDSecure: ThreeDSecureResult;
}

/** `hpancb`: a hash of the card number (upper-case hex SHA-1 of a sandbox-salted number). */
export async function hashPan(digits: string): Promise<string> {
  const bytes = new TextEncoder().encode(`sceau-bank-sandbox:${digits}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", bytes));
  return [...digest]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
}

/** The card as the bank keeps it for the notification and later authorisations. */
export async function cardOnFile(
  digits: string,
  vld: string,
  format: "v3" | "v4",
  card: TestCard | undefined,
): Promise<CardOnFile> {
  return {
    ...(card && { cardId: card.id }),
    masked: format === "v3" ? maskV3(digits) : maskV4(digits),
    bin: binOf(digits, format),
    hpan: await hashPan(digits),
    brand: card?.brand ?? brandOf(digits),
    country: card?.country ?? "FRA",
    vld,
    later: card?.later ?? "refuse",
  };
}

/**
 * What the bank makes of a form's `3dsdebrayable` (PROTOCOL.md §7.2: "request 3DS bypass (option)"): granted
 * (`1`) only on a terminal with 3-D Secure and the "3-D Secure débrayable" option; `undefined` when the form
 * did not ask. Mail and telephone orders are outside strong customer authentication, which is why the
 * worker's phone orders ask.
 */
export function bypassStatus(
  terminal: SandboxTerminal,
  request: string | undefined,
): BypassStatus | undefined {
  if (request === undefined) return undefined;
  if (request !== "1") return "0";
  return terminal.threeDSecure && terminal.threeDSecureBypass ? "1" : "-2";
}

/**
 * The issuer's answer for a card. `challenge` is the buyer's answer on the 3-D Secure step, when there was
 * one; `bypassed`, the merchant's granted request to pay without 3-D Secure (no step, no authentication).
 */
export function decide(
  digits: string,
  terminal: SandboxTerminal,
  challenge?: "pass" | "fail",
  bypassed = false,
): Decision {
  const card = findCard(digits);
  const authenticated: ThreeDSecureResult = !terminal.threeDSecure
    ? "none"
    : bypassed
      ? "disabled"
      : "frictionless";
  if (challenge) {
    return challenge === "pass"
      ? { accepted: true, threeDSecure: "challenge-passed" }
      : {
          accepted: false,
          threeDSecure: "challenge-failed",
          refusal: { motif: "3DSecure", detail: "-" },
        };
  }
  if (!card) {
    return {
      accepted: false,
      threeDSecure: authenticated,
      refusal: { motif: "Refus", detail: "Refus test" },
    };
  }
  switch (card.outcome) {
    case "accept":
    case "challenge":
      return { accepted: true, threeDSecure: authenticated };
    case "refuse":
      return {
        accepted: false,
        threeDSecure: authenticated,
        refusal: { motif: "Refus", detail: "Refus emetteur" },
      };
    case "lost-stolen":
      return {
        accepted: false,
        threeDSecure: authenticated,
        refusal: { motif: "Interdit", detail: "Refus critique" },
      };
    case "phone-call":
      return {
        accepted: false,
        threeDSecure: authenticated,
        refusal: { motif: "Appel Phonie", detail: "Refus emetteur" },
      };
    case "fraud-filter":
      return {
        accepted: false,
        threeDSecure: "none",
        refusal: {
          motif: "filtrage",
          detail: "-",
          filtering: { cause: "3-", value: `${digits.slice(0, 6)}-` },
        },
      };
  }
}

/**
 * True when the card page must show the 3-D Secure step for this card and form: never when the merchant's
 * request to pay without it was granted (`bypassed`).
 */
export function needsChallenge(
  digits: string,
  terminal: SandboxTerminal,
  preference: string | undefined,
  bypassed = false,
): boolean {
  if (!terminal.threeDSecure || bypassed) return false;
  const card = findCard(digits);
  if (!card || card.outcome === "fraud-filter") return false;
  if (card.outcome === "challenge") return true;
  return preference === "challenge_mandated" && card.outcome === "accept";
}

/** The result of a card attempt. */
export interface AttemptResult {
  readonly accepted: boolean;
  /** The notification sent for the attempt (first delivery attempt done). */
  readonly notification: NotificationRecord;
  readonly authorisation?: string;
  readonly decision: Decision;
  readonly at: Date;
}

/**
 * Records a card attempt, opens the order's payments for the terminal's mode when the card is accepted, and
 * sends the Retour (waiting for its first delivery attempt, as the bank does before showing the ticket).
 * Partial and recurring payments carry no `numauto`: the card is checked, nothing is authorised.
 */
export async function completeAttempt(
  ctx: SandboxContext,
  terminal: SandboxTerminal,
  tx: Transaction,
  card: CardOnFile,
  decision: Decision,
  extra: {
    ip: string;
    challengePreference?: string;
    cardStored?: boolean;
    bypassStatus?: BypassStatus;
  },
): Promise<AttemptResult> {
  const at = ctx.clock.now();
  const iso = at.toISOString();
  tx.updatedAt = iso;
  tx.card = card;
  tx.ip = extra.ip;
  tx.attempts.push({
    at: iso,
    card: card.masked,
    result: decision.accepted ? "accepted" : "refused",
    ...(decision.refusal && { reason: `${decision.refusal.motif} (${decision.refusal.detail})` }),
  });
  const refusedStatus = tx.attempts.length >= ctx.limits.maxAttempts ? "blocked" : "refused";
  tx.status = decision.accepted ? "accepted" : refusedStatus;
  const { authorisation, montantech } = decision.accepted
    ? openPayments(ctx, terminal, tx, at)
    : ({} as Opened);
  const event: RetourEvent = {
    code: decision.accepted ? (tx.live ? "paiement" : "payetest") : "Annulation",
    at,
    card,
    threeDSecure: decision.threeDSecure,
    cvx: true,
    ip: extra.ip,
    ...(authorisation && { authorisation }),
    ...(decision.refusal && { refusal: decision.refusal }),
    ...(montantech && { montantech }),
    ...(extra.challengePreference && { challengePreference: extra.challengePreference }),
    ...(extra.cardStored !== undefined && { cardStored: extra.cardStored }),
    ...(extra.bypassStatus !== undefined && { bypassStatus: extra.bypassStatus }),
  };
  ctx.changed();
  const notification = await ctx.sender.notify(terminal, tx, retourFields(tx, event));
  ctx.changed();
  return {
    accepted: decision.accepted,
    notification,
    decision,
    at,
    ...(authorisation && { authorisation }),
  };
}
