/**
 * The Retour (CGI2) notification: checked, stored in the log before the receipt is sent, and applied to its
 * order — one D1 round trip whatever the notification says.
 *
 * Order statuses driven by notifications form a lattice, pending < abandoned < refused < anomaly < paid
 * (`abandoned` is set by the scheduled job, scheduled.ts), and a notification only ever moves an order *up* (`UPDATE … WHERE status IN (lower states)`). Applying the same
 * set of notifications in any order, any number of times, therefore ends in the same state, and the order
 * changes once however many copies arrive at the same time. States set by the merchant's operations
 * (captured, cancelled, refunded) sit above paid and are never touched by a notification.
 *
 * The match between a notification and its order (does it exist, do currency, amount and instalment agree)
 * is decided inside the database: the batch's first statement stores the notification with the
 * classification it computes from the order's row, and every following statement acts only if that
 * classification is its own. Nothing is read before the batch, so there is nothing to race with.
 *
 * The log is bounded against a public, unauthenticated route: a call whose seal is not valid keeps only a
 * prefix of its body with the body's SHA-256 and size, is linked to no order, is counted against its client's
 * limit (over it, nothing is stored and the answer is 429), and is purged after the retention period (the
 * Cron Trigger). Validly sealed calls are kept whole, for ever.
 * @module
 */
import {
  type PaymentNotification,
  RECEIPT_INVALID,
  type VerifiedNotification,
} from "@sceau/protocol";
import { parisDay } from "./calendar.ts";
import type { TerminalSettings } from "./config.ts";
import { insertAcceptedAuthorisation, insertCollectedAuthorisation } from "./db/authorisations.ts";
import {
  type Classification,
  insertClassifiedNotification,
  insertNotification,
  insertNotificationWithinLimit,
  type NotificationClaim,
  type StoredNotification,
} from "./db/notifications.ts";
import { insertAnomalyEventIfChanged, insertEventIfChanged } from "./db/order-events.ts";
import { flagAnomaly, markAnomaly, markPaid, markRefused, stopRecurrence } from "./db/orders.ts";
import {
  acceptPayments,
  cancelLaterInstalments,
  carryOver,
  collectInstalment,
  dropPlannedRenewals,
  insertPaymentEvents,
  refuseInstalment,
  settleOrders,
  settleRenewal,
} from "./db/payments.ts";
import { countRequest } from "./db/rate-limits.ts";
import { sha256Hex } from "./encoding.ts";
import { openingOf } from "./ledger.ts";
import type { PaymentRules } from "./payment-mode.ts";
import type { CountedClient } from "./rate-limit.ts";

/** How much of a body whose seal is not valid is kept (its SHA-256 and size are kept too). */
export const UNVERIFIED_PREFIX = 1024;

/** A call as it arrived. */
export interface RetourCall {
  body: string;
  method: string;
  receivedAt: string;
}

/**
 * The call as stored, with its SHA-256 and UTF-8 size: whole when validly sealed, or when the seal could not
 * be checked (a configuration error: it may be the bank's, to replay once fixed), else a bounded prefix,
 * linked to no order (anyone can post any reference with a wrong seal).
 */
export async function storedCall(
  call: RetourCall,
  verified: Pick<VerifiedNotification, "sealValid" | "fields"> | undefined,
): Promise<StoredNotification> {
  const fields = verified?.fields ?? {};
  const sealValid = verified?.sealValid ?? false;
  const whole = sealValid || verified === undefined;
  return {
    id: crypto.randomUUID(),
    receivedAt: call.receivedAt,
    method: call.method,
    body: whole ? call.body : call.body.slice(0, UNVERIFIED_PREFIX),
    bodySha256: await sha256Hex(call.body),
    bodySize: new TextEncoder().encode(call.body).byteLength,
    sealValid,
    reference: sealValid ? (fields.reference?.slice(0, 64) ?? null) : null,
    codeRetour: fields["code-retour"]?.slice(0, 64) ?? null,
    montant: fields.montant?.slice(0, 32) ?? fields.montantestime?.slice(0, 32) ?? null,
    tpe: fields.TPE?.slice(0, 16) ?? null,
  };
}

/** The classification of a notification that matches its order. */
function matching(n: PaymentNotification): Classification {
  switch (n.outcome.kind) {
    case "accepted":
    case "accepted-test":
      return "accepted";
    case "refused":
      return "refused";
    case "instalment-collected":
      return "instalment-collected";
    case "instalment-refused":
      return "instalment-refused";
  }
}

/** What the notification claims, for the database to match against its order. */
function claimOf(
  n: PaymentNotification,
  settings: Pick<TerminalSettings, "environment" | "rules">,
  tpeMismatch: boolean,
): NotificationClaim {
  const outcome = n.outcome;
  const instalment =
    outcome.kind === "instalment-collected" || outcome.kind === "instalment-refused"
      ? { number: outcome.instalment, amount: n.instalmentAmount?.minor ?? null }
      : undefined;
  const matched = matching(n);
  const renewal =
    settings.rules.mode === "recurring" && (matched === "accepted" || matched === "refused")
      ? {
          classification:
            matched === "accepted" ? ("renewal-collected" as const) : ("renewal-refused" as const),
          at: n.date.toISOString(),
          day: parisDay(n.date),
        }
      : undefined;
  return {
    reference: n.reference,
    currency: n.amount.currency,
    amount: n.amount.minor,
    ...(instalment && { instalment }),
    ...(tpeMismatch && {
      before: `tpe-mismatch: the notification is for TPE ${n.tpe.slice(0, 16)}`,
    }),
    ...(outcome.kind === "accepted-test" &&
      settings.environment !== "test" && {
        after: "test-payment-in-production: payetest received by a production terminal",
      }),
    ...(renewal && { renewal }),
    matching: matched,
  };
}

/** A refusal for a lost or stolen card (`motifrefus=Interdit`): the bank stops collecting at once. */
function isCritical(n: PaymentNotification): boolean {
  return /^interdit$/i.test(n.refusalReason ?? "");
}

/**
 * The statements of a recurring order's renewal, each acting only when the notification was classified as
 * a renewal: captured under its own authorisation, or refused (open for the merchant until its period
 * ends; a critical refusal also stops the recurrence).
 */
function renewalStatements(
  db: D1Database,
  n: PaymentNotification,
  t: { reference: string; notificationId: string; at: string },
): D1PreparedStatement[] {
  const day = parisDay(n.date);
  const by = { reference: t.reference, by: t.notificationId, at: t.at };
  const events = { by: t.notificationId, at: t.at, notificationId: t.notificationId };
  if (n.outcome.kind === "refused") {
    return [
      settleRenewal(db, t, day, "renewal-refused"),
      insertPaymentEvents(db, {
        ...events,
        states: ["open"],
        word: "refused",
        detail: n.refusalReason ?? null,
      }),
      ...(isCritical(n)
        ? [
            stopRecurrence(db, t.reference, t.at, t.notificationId),
            insertEventIfChanged(db, {
              ...t,
              kind: "recurrence-stopped",
              detail: "critical refusal",
            }),
            dropPlannedRenewals(db, t.reference, n.date.toISOString(), t.notificationId),
          ]
        : []),
    ];
  }
  return [
    settleRenewal(db, t, day, "renewal-collected"),
    insertCollectedAuthorisation(db, by, n.authorisationNumber ?? null, day),
    insertPaymentEvents(db, { ...events, states: ["captured"], word: "collected" }),
  ];
}

/**
 * The statements that apply a classified notification to its order and its payments; each acts only when
 * the notification's stored classification is the one it is for, so the batch needs no read before it.
 */
export function transitionStatements(
  db: D1Database,
  n: PaymentNotification,
  id: string,
  now: Date,
  rules: PaymentRules,
): D1PreparedStatement[] {
  const at = now.toISOString();
  const t = { reference: n.reference, notificationId: id, at };
  const by = { reference: n.reference, by: id, at };
  const events = { by: id, at, notificationId: id };
  const anomaly = [flagAnomaly(db, t), insertAnomalyEventIfChanged(db, t), markAnomaly(db, t)];
  const renewals = rules.mode === "recurring" ? renewalStatements(db, n, t) : [];
  const outcome = n.outcome;
  switch (outcome.kind) {
    case "accepted":
    case "accepted-test": {
      const opening = openingOf(rules, n.date);
      const captured = opening.state === "captured" ? parisDay(n.date) : null;
      return [
        ...anomaly,
        markPaid(db, {
          ...t,
          authorisationNumber: n.authorisationNumber ?? null,
          brand: n.brand ?? null,
          testPayment: outcome.kind === "accepted-test",
        }),
        insertEventIfChanged(db, { ...t, kind: "paid" }),
        acceptPayments(db, t, opening),
        ...(opening.state === "open"
          ? []
          : [insertAcceptedAuthorisation(db, by, n.authorisationNumber ?? null, captured)]),
        ...renewals,
      ];
    }
    case "refused":
      return [
        ...anomaly,
        markRefused(db, t),
        insertEventIfChanged(db, { ...t, kind: "refused", detail: n.refusalReason ?? null }),
        ...renewals,
      ];
    case "instalment-collected":
      return [
        ...anomaly,
        collectInstalment(db, t, outcome.instalment),
        insertCollectedAuthorisation(db, by, n.authorisationNumber ?? null, parisDay(n.date)),
        insertPaymentEvents(db, { ...events, states: ["captured"], word: "collected" }),
      ];
    case "instalment-refused": {
      const carry = rules.splitOnRefusal === "carry-over" && !isCritical(n);
      const detail = n.refusalReason ?? null;
      return [
        ...anomaly,
        refuseInstalment(db, t, outcome.instalment, carry),
        carryOver(db, t, outcome.instalment),
        cancelLaterInstalments(db, t, outcome.instalment),
        insertPaymentEvents(db, {
          ...events,
          states: ["refused", "carried-over"],
          word: "refused",
          detail,
        }),
        insertPaymentEvents(db, { ...events, states: ["carried-over"], word: "carried-over" }),
        insertPaymentEvents(db, { ...events, states: ["cancelled"], word: "cancelled" }),
        ...settleOrders(db, at, { by: id }),
      ];
    }
  }
}

export interface RetourResult {
  /** The receipt the library computed for this body. */
  receipt: string;
  id: string;
  classification: Classification;
  reference?: string;
  /** Set when a call whose seal is not valid was over its client's limit: nothing was stored. */
  limited?: { retryAfter: number };
}

/** Stores a call whose seal is not valid, within its client's limit when it is counted. */
async function storeInvalid(
  db: D1Database,
  stored: StoredNotification,
  verified: VerifiedNotification,
  counted: CountedClient | undefined,
): Promise<RetourResult> {
  const classification = verified.error ? "malformed" : "invalid-seal";
  const detail = verified.error ? `${verified.error.code}: ${verified.error.message}` : null;
  const result = { receipt: RECEIPT_INVALID, id: stored.id, classification } as const;
  if (!counted) {
    await insertNotification(db, stored, classification, detail).run();
    return result;
  }
  const [, count] = await db.batch<{ count: number }>([
    ...countRequest(db, counted.client, counted.window.start, counted.limit.windowSeconds),
    insertNotificationWithinLimit(db, stored, classification, detail, {
      client: counted.client,
      start: counted.window.start,
      limit: counted.limit.limit,
    }),
  ]);
  const over = (count?.results[0]?.count ?? 0) > counted.limit.limit;
  return over ? { ...result, limited: { retryAfter: counted.window.retryAfter } } : result;
}

/**
 * Verifies, stores and applies one notification in one D1 round trip; resolves once it is durably stored
 * and applied, with the receipt the library computed (`cdr=0` only for a valid seal over a notification).
 *
 * @example
 * const result = await processRetour(env.DB, settings, body, { method: "POST" });
 * return new Response(result.receipt, { headers: { "Content-Type": "text/plain" } });
 */
export async function processRetour(
  db: D1Database,
  settings: TerminalSettings,
  body: string,
  options: { method: string; invalidLimit?: CountedClient | undefined; now?: Date },
): Promise<RetourResult> {
  const now = options.now ?? new Date();
  const verified = await settings.terminal.verifyNotification(body);
  const stored = await storedCall(
    { body, method: options.method, receivedAt: now.toISOString() },
    verified,
  );
  if (!verified.sealValid) return storeInvalid(db, stored, verified, options.invalidLimit);
  const n = verified.notification;
  if (!n) {
    const detail = `${verified.error?.code ?? "ERR_NOTIFICATION_MALFORMED"}: ${verified.error?.message ?? ""}`;
    await insertNotification(db, stored, "malformed", detail).run();
    return { receipt: verified.receipt, id: stored.id, classification: "malformed" };
  }
  const [inserted] = await db.batch<{ classification: Classification }>([
    insertClassifiedNotification(db, stored, claimOf(n, settings, verified.tpeMismatch)),
    ...transitionStatements(db, n, stored.id, now, settings.rules),
  ]);
  const classification = inserted?.results[0]?.classification ?? "orphan";
  return { receipt: verified.receipt, id: stored.id, classification, reference: n.reference };
}
