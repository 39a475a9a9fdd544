/**
 * What the capture and recredit services do to an order's payments, per payment mode, once a request is
 * read and checked: capture, cancel, stop a recurrence, refund. Each rule answers with the name of one of
 * the bank's documented answers (PROTOCOL.md §5, §6).
 * @module
 */
import type { SandboxContext } from "./context.ts";
import type { Payment, Transaction } from "./ledger.ts";
import {
  authoriseLater,
  capturableOf,
  capturedOf,
  captureUnder,
  close,
  grant,
} from "./payments.ts";

/** Every answer of the capture service: `cdr` and `lib` exactly as documented. */
export const CAPTURE_ANSWERS = {
  accepted: [1, "paiement accepte"],
  cancelled: [1, "commande annulee"],
  stopped: [1, "recurrence stoppee"],
  notAuthenticated: [0, "commande non authentifiee"],
  expired: [0, "commande expiree"],
  blocked: [0, "commande grillee"],
  refused: [0, "autorisation refusee"],
  alreadyCancelled: [0, "la commande est deja annulee"],
  alreadyAccepted: [0, "paiement deja accepte"],
  badSeal: [-1, "signature non valide"],
  badMode: [-1, "verification echouee (mode de paiement)"],
  malformed: [-1, "la demande ne peut aboutir"],
  badAmount: [-1, "montant errone"],
  unidentified: [-1, "commercant non identifie"],
  inProgress: [-1, "traitement en cours"],
  badDate: [-1, "date erronee"],
  concurrent: [-1, "autre traitement en cours"],
  technical: [-1, "probleme technique"],
} as const satisfies Record<string, readonly [number, string]>;

/** The name of a capture answer. */
export type CaptureAnswer = keyof typeof CAPTURE_ANSWERS;

/** Every answer of the recredit service: `cdr` and `lib` exactly as documented. */
export const RECREDIT_ANSWERS = {
  done: [0, "recredit effectue"],
  refused: [-1, "recredit refuse"],
  unidentified: [-30, "Commercant non identifie"],
  badSeal: [-31, "signature non validee"],
  notAllowed: [-32, "recredit non autorise"],
  expired: [-33, "demande de recredit expiree"],
  badRefund: [-34, "montant de recredit errone"],
  badAmounts: [-35, "Les montants transmis sont incorrects"],
  maximumReached: [-36, "le maximum de recredit a été atteint"],
  noOrder: [-37, "la commande est inexistante"],
  notRefundable: [-38, "la commande ne peut pas donner lieu a un recredit"],
  noPayment: [-39, "le paiement est inexistant"],
  overThreshold: [-40, "le montant total des recredits ne peut depasser le seuil"],
  technical: [-41, "un probleme technique est survenu"],
  badCurrency: [-42, "la devise est incorrecte"],
  badParameters: [-43, "parametres invalides"],
  concurrent: [-44, "autre traitement en cours"],
} as const satisfies Record<string, readonly [number, string]>;

/** The name of a recredit answer. */
export type RecreditAnswer = keyof typeof RECREDIT_ANSWERS;

/** A capture's answer, with the authorisation number (`aut`) when something was captured. */
export interface CaptureResult {
  readonly answer: CaptureAnswer;
  readonly aut?: string;
}

/** Why a payment that can no longer be captured or cancelled refuses. */
function closedAnswer(named: readonly Payment[]): CaptureAnswer {
  const first = named[0];
  if (first && ["abandoned", "expired", "closed"].includes(first.state)) return "expired";
  if (named.some((p) => p.state === "cancelled")) return "alreadyCancelled";
  return "alreadyAccepted";
}

/**
 * Captures on the payments a request names. A deferred payment, and a split's first instalment, are
 * captured once under the authorisation given at order (total or less; the rest is released). A partial
 * payment, and each payment of a recurring one, takes several captures until its window closes, each with
 * its own authorisation that the issuer may refuse (`autorisation refusee`).
 */
export function capturePayment(
  ctx: SandboxContext,
  tx: Transaction,
  named: readonly Payment[],
  toCapture: number,
): CaptureResult {
  const target = named.find((p) => p.state === "authorised" || p.state === "open");
  if (!target) return { answer: closedAnswer(named) };
  if (toCapture <= 0 || toCapture > capturableOf(target)) return { answer: "badAmount" };
  const now = ctx.clock.now();
  if (target.state === "authorised") {
    const auth = target.authorisations[0];
    if (!auth) return { answer: "badAmount" };
    captureUnder(auth, toCapture, now);
    target.released = target.amount - toCapture;
    target.state = "captured";
    return { answer: "accepted", aut: auth.number };
  }
  const later = authoriseLater(ctx, tx, target);
  if (!later.granted) return { answer: "refused" };
  target.authorisations.push(grant(later.number, now, toCapture, toCapture));
  // A manual capture replaces the bank's capture at the end of the period.
  delete target.autoCaptureAt;
  if (capturedOf([target]) === target.amount) target.state = "captured";
  return { answer: "accepted", aut: later.number };
}

/**
 * Cancels what is left of the payments a request names: an authorisation not captured yet, the rest of a
 * partial or recurring payment's window, and the instalments not collected yet. What was captured stays.
 */
export function cancelPayment(named: readonly Payment[]): CaptureResult {
  if (close(named, "cancelled") > 0) return { answer: "cancelled" };
  return { answer: closedAnswer(named) };
}

/** Stops a recurring payment's renewals (the payments already created are not touched). */
export function stopRecurrence(tx: Transaction): CaptureResult {
  if (!tx.recurrence?.active) return { answer: "alreadyCancelled" };
  tx.recurrence.active = false;
  delete tx.recurrence.nextAt;
  return { answer: "stopped" };
}

/** A refund's identification and amounts. */
export interface RefundRequest {
  readonly authorisation: string;
  /** `date_remise`, `dd/mm/yyyy`. */
  readonly capturedDay: string;
  readonly refund: number;
  readonly possible: number;
}

/**
 * Refunds under one authorisation of the named payments: up to what it captured, with `montant_possible`
 * equal to what it can still refund.
 */
export function refundPayment(named: readonly Payment[], request: RefundRequest): RecreditAnswer {
  if (capturedOf(named) === 0) return "notRefundable";
  const auth = named
    .flatMap((p) => p.authorisations)
    .find((a) => a.number === request.authorisation && a.capturedDay === request.capturedDay);
  if (!auth || auth.captured === 0) return "noPayment";
  const refundable = auth.captured - auth.refunded;
  if (refundable === 0) return "maximumReached";
  if (request.possible !== refundable) return "badAmounts";
  if (request.refund > refundable) return "overThreshold";
  auth.refunded += request.refund;
  return "done";
}
