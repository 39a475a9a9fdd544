/**
 * The Retour (CGI2) notification: stored in an append-only log before the receipt is sent, then applied to
 * the order through a state machine whose every transition is one conditional statement in one D1 batch.
 *
 * Order statuses driven by notifications form a lattice, pending < refused < anomaly < paid, and a
 * notification only ever moves an order *up* (`UPDATE … WHERE status IN (lower states)`). Applying the same
 * set of notifications in any order, any number of times, therefore ends in the same state, and the order
 * changes once however many copies arrive at the same time. States set by the merchant's operations
 * (captured, cancelled, refunded) sit above paid and are never touched by a notification.
 *
 * The log is bounded against a public, unauthenticated route: a call whose seal is not valid keeps only a
 * prefix of its body with the body's SHA-256 and size, is linked to no order, is counted against its client's
 * limit (over it, nothing is stored and the answer is 429), and is purged after the retention period
 * (`purgeUnverified`, run by the Cron Trigger). Validly sealed calls are kept whole, for ever.
 * @module
 */
import { bankDay, type PaymentNotification, RECEIPT_INVALID } from "@sceau/protocol";
import { isoDay } from "./catalog.ts";
import type { PaymentMode, TerminalSettings } from "./config.ts";
import { getInstalments, getOrder, type OrderRow } from "./db/orders.ts";
import { sha256Hex } from "./encoding.ts";
import { countStatements, currentWindow, type RateLimit } from "./rate-limit.ts";

export type Classification =
  | "accepted"
  | "refused"
  | "instalment-collected"
  | "instalment-refused"
  | "anomaly"
  | "orphan"
  | "invalid-seal"
  | "malformed"
  | "unverified";

export interface StoredNotification {
  id: string;
  receivedAt: string;
  method: string;
  body: string;
  sealValid: boolean;
  fields: Readonly<Record<string, string>>;
  classification: Classification;
  detail?: string;
}

/** How much of a body whose seal is not valid is kept (its SHA-256 and size are kept too). */
export const UNVERIFIED_PREFIX = 1024;

/**
 * The body as stored, with its SHA-256 and UTF-8 size: whole when validly sealed, or when the seal could not
 * be checked (a configuration error: it may be the bank's, to replay once fixed), else a bounded prefix.
 */
async function storedBody(n: StoredNotification) {
  const bytes = new TextEncoder().encode(n.body).byteLength;
  const whole = n.sealValid || n.classification === "unverified";
  return {
    text: whole ? n.body : n.body.slice(0, UNVERIFIED_PREFIX),
    sha256: await sha256Hex(n.body),
    bytes,
  };
}

/**
 * The statement that appends one notification to the log; with `unless`, only while that client's count in
 * its rate-limit window is within the limit (checked in the same statement, so one batch suffices).
 */
export async function insertNotification(
  db: D1Database,
  n: StoredNotification,
  unless?: { client: string; windowStart: number; limit: number },
): Promise<D1PreparedStatement> {
  const body = await storedBody(n);
  // A call whose seal is not valid may name any reference: it is linked to none.
  const linked = n.sealValid;
  const values = [
    n.id,
    n.receivedAt,
    n.method,
    body.text,
    body.sha256,
    body.bytes,
    n.sealValid ? 1 : 0,
    linked ? (n.fields.reference?.slice(0, 64) ?? null) : null,
    n.fields["code-retour"]?.slice(0, 64) ?? null,
    n.fields.montant?.slice(0, 32) ?? n.fields.montantestime?.slice(0, 32) ?? null,
    n.fields.TPE?.slice(0, 16) ?? null,
    n.classification,
    n.detail ?? null,
  ];
  const columns = `INSERT INTO notifications (id, received_at, method, body, body_sha256, body_size, seal_valid,
    reference, code_retour, montant, tpe, classification, detail)`;
  if (!unless) {
    return db.prepare(`${columns} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).bind(...values);
  }
  return db
    .prepare(
      `${columns} SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
       WHERE (SELECT count FROM rate_limits WHERE client = ? AND window_start = ?) <= ?`,
    )
    .bind(...values, unless.client, unless.windowStart, unless.limit);
}

/** The statement that deletes the calls whose seal was not valid, received before `before`. */
export function purgeUnverified(db: D1Database, before: Date): D1PreparedStatement {
  return db
    .prepare("DELETE FROM notifications WHERE seal_valid = 0 AND received_at < ?")
    .bind(before.toISOString());
}

/** Why a validly sealed notification does not match its order, or undefined when it does. */
export function mismatch(
  notification: PaymentNotification,
  order: OrderRow,
  settings: Pick<TerminalSettings, "environment">,
  tpeMismatch: boolean,
  instalmentAmount?: number,
): string | undefined {
  if (tpeMismatch)
    return `tpe-mismatch: the notification is for TPE ${notification.tpe.slice(0, 16)}`;
  if (notification.amount.currency !== order.currency) {
    return `currency-mismatch: ${notification.amount.currency} instead of ${order.currency}`;
  }
  if (notification.amount.minor !== order.total) {
    return `amount-mismatch: ${notification.amount.minor} instead of ${order.total}`;
  }
  if (notification.outcome.kind === "accepted-test" && settings.environment !== "test") {
    return "test-payment-in-production: payetest received by a production terminal";
  }
  const each = notification.instalmentAmount;
  if (each && instalmentAmount !== undefined && each.minor !== instalmentAmount) {
    return `instalment-amount-mismatch: ${each.minor} instead of ${instalmentAmount}`;
  }
  return undefined;
}

function eventIfChanged(
  db: D1Database,
  reference: string,
  at: string,
  kind: string,
  notificationId: string,
  detail: string | null = null,
): D1PreparedStatement {
  // changes() is the row count of the statement just before this one in the batch.
  return db
    .prepare(
      `INSERT INTO order_events (reference, at, kind, notification_id, detail)
       SELECT ?, ?, ?, ?, ? WHERE changes() > 0`,
    )
    .bind(reference, at, kind, notificationId, detail);
}

/** The statements that apply a validly sealed, matching or mismatching notification to its order. */
export function transitionStatements(
  db: D1Database,
  order: OrderRow,
  n: PaymentNotification,
  id: string,
  now: Date,
  anomaly: string | undefined,
  paymentMode: PaymentMode,
): D1PreparedStatement[] {
  const at = now.toISOString();
  const ref = order.reference;
  if (anomaly) {
    return [
      db
        .prepare(
          "UPDATE orders SET anomaly_reason = ?, updated_at = ? WHERE reference = ? AND anomaly_reason IS NULL",
        )
        .bind(anomaly, at, ref),
      eventIfChanged(db, ref, at, "anomaly", id, anomaly),
      db
        .prepare(
          "UPDATE orders SET status = 'anomaly', updated_at = ? WHERE reference = ? AND status IN ('pending', 'refused')",
        )
        .bind(at, ref),
    ];
  }
  const outcome = n.outcome;
  switch (outcome.kind) {
    case "accepted":
    case "accepted-test": {
      // Immediate and split terminals are captured by the bank at payment; deferred ones wait for the merchant.
      const immediate = paymentMode !== "deferred";
      return [
        db
          .prepare(
            `UPDATE orders SET status = 'paid', paid_at = ?, paid_notification_id = ?, authorisation_number = ?,
              card_brand = ?, test_payment = ?, captured_amount = ?, authorised_remaining = ?, capture_date = ?,
              updated_at = ?
             WHERE reference = ? AND status IN ('pending', 'refused', 'anomaly')`,
          )
          .bind(
            at,
            id,
            n.authorisationNumber ?? null,
            n.brand ?? null,
            outcome.kind === "accepted-test" ? 1 : 0,
            immediate ? order.total : 0,
            immediate ? 0 : order.total,
            immediate ? isoDay(bankDay(now)) : null,
            at,
            ref,
          ),
        eventIfChanged(db, ref, at, "paid", id),
        db
          .prepare(
            `UPDATE instalments SET status = 'collected', notification_id = ?, updated_at = ?
             WHERE reference = ? AND number = 1 AND status <> 'collected'`,
          )
          .bind(id, at, ref),
      ];
    }
    case "refused":
      return [
        db
          .prepare(
            "UPDATE orders SET status = 'refused', updated_at = ? WHERE reference = ? AND status = 'pending'",
          )
          .bind(at, ref),
        eventIfChanged(db, ref, at, "refused", id, n.refusalReason ?? null),
      ];
    case "instalment-collected":
      return [
        db
          .prepare(
            `UPDATE instalments SET status = 'collected', notification_id = ?, updated_at = ?
             WHERE reference = ? AND number = ? AND status <> 'collected'`,
          )
          .bind(id, at, ref, outcome.instalment),
        eventIfChanged(db, ref, at, `instalment-${outcome.instalment}-collected`, id),
      ];
    case "instalment-refused":
      return [
        db
          .prepare(
            `UPDATE instalments SET status = 'refused', notification_id = ?, updated_at = ?
             WHERE reference = ? AND number = ? AND status = 'scheduled'`,
          )
          .bind(id, at, ref, outcome.instalment),
        eventIfChanged(db, ref, at, `instalment-${outcome.instalment}-refused`, id),
      ];
  }
}

function classify(n: PaymentNotification): Classification {
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

export interface RetourResult {
  /** The receipt the library computed for this body. */
  receipt: string;
  id: string;
  classification: Classification;
  reference?: string;
  /** Set when a call whose seal is not valid was over its client's limit: nothing was stored. */
  limited?: { retryAfter: number };
}

/** Options of {@link processRetour}. */
export interface RetourOptions {
  /** The counted client (a keyed hash) and its limit, for calls whose seal is not valid. */
  invalidLimit?: { client: string; limit: RateLimit };
  now?: Date;
}

/**
 * Verifies, stores and applies one notification; resolves once it is durably stored and applied, with the
 * receipt the library computed (`cdr=0` only for a valid seal over a readable notification).
 */
export async function processRetour(
  db: D1Database,
  settings: TerminalSettings,
  body: string,
  method: string,
  options: RetourOptions = {},
): Promise<RetourResult> {
  const now = options.now ?? new Date();
  const id = crypto.randomUUID();
  const receivedAt = now.toISOString();
  const verified = await settings.terminal.verifyNotification(body);
  const base = {
    id,
    receivedAt,
    method,
    body,
    sealValid: verified.sealValid,
    fields: verified.fields,
  };
  if (!verified.sealValid) {
    const classification = verified.error ? "malformed" : "invalid-seal";
    const stored = {
      ...base,
      classification,
      ...(verified.error && { detail: `${verified.error.code}: ${verified.error.message}` }),
    } as const;
    const limit = options.invalidLimit;
    if (!limit) {
      await (await insertNotification(db, stored)).run();
      return { receipt: RECEIPT_INVALID, id, classification };
    }
    const window = currentWindow(limit.limit, now.getTime());
    const [, counted] = await db.batch<{ count: number }>([
      ...countStatements(db, limit.client, window.start, limit.limit.windowSeconds),
      await insertNotification(db, stored, {
        client: limit.client,
        windowStart: window.start,
        limit: limit.limit.limit,
      }),
    ]);
    const over = (counted?.results[0]?.count ?? 0) > limit.limit.limit;
    return {
      receipt: RECEIPT_INVALID,
      id,
      classification,
      ...(over && { limited: { retryAfter: window.retryAfter } }),
    };
  }
  const n = verified.notification;
  if (!n) {
    const detail = `${verified.error?.code ?? "ERR_NOTIFICATION_MALFORMED"}: ${verified.error?.message ?? ""}`;
    await (await insertNotification(db, { ...base, classification: "malformed", detail })).run();
    return { receipt: verified.receipt, id, classification: "malformed" };
  }
  const order = await getOrder(db, n.reference);
  if (!order) {
    await (
      await insertNotification(db, {
        ...base,
        classification: "orphan",
        detail: "no order with this reference",
      })
    ).run();
    return { receipt: verified.receipt, id, classification: "orphan", reference: n.reference };
  }
  let instalmentAmount: number | undefined;
  if (n.outcome.kind === "instalment-collected" || n.outcome.kind === "instalment-refused") {
    const number = n.outcome.instalment;
    instalmentAmount = (await getInstalments(db, order.reference)).find(
      (i) => i.number === number,
    )?.amount;
  }
  const anomaly = mismatch(n, order, settings, verified.tpeMismatch, instalmentAmount);
  const classification = anomaly ? "anomaly" : classify(n);
  await db.batch([
    await insertNotification(db, {
      ...base,
      classification,
      ...(anomaly && { detail: anomaly }),
    }),
    ...transitionStatements(db, order, n, id, now, anomaly, settings.paymentMode),
  ]);
  return { receipt: verified.receipt, id, classification, reference: order.reference };
}
