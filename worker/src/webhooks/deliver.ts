/**
 * The consumer: attempts the deliveries a queue batch names. Each is claimed first (a lease, so two copies of
 * a message never send twice at once, and only when no earlier delivery of the same order to the same endpoint
 * is still pending), attempted, and its outcome recorded with the next attempt's time from the retry schedule;
 * a retry within the queue's 12 h delay gets its own delayed message, a later one waits for the sweep.
 * Three D1 round trips per batch: claim, record, and the producer's run that releases what these unblocked.
 * @module
 */

import type { NotificationRow } from "../db/notifications.ts";
import type { OperationRow } from "../db/operations.ts";
import {
  type AttemptOutcome,
  type ClaimedRow,
  claimDeliveries,
  type DeliveryStatus,
  recordAttempt,
  selectClaimed,
  selectClaimedSources,
  unmarkQueued,
} from "../db/webhook-deliveries.ts";
import { disableEndpoint } from "../db/webhook-endpoints.ts";
import type { Env } from "../env.ts";
import { paymentRules } from "../payment-mode.ts";
import { type AttemptResult, attempt, type ChannelDeps, DELIVERY_TIMEOUT_MS } from "./channels.ts";
import {
  type DeliveryMessage,
  dispatchDue,
  MAX_QUEUE_DELAY_S,
  QUEUE_GRACE_MS,
} from "./dispatch.ts";
import { eventPayload } from "./events.ts";
import { retryDelay } from "./retry.ts";

/** How long a consumer holds a delivery (longer than an attempt can take). */
const LEASE_MS = 4 * DELIVERY_TIMEOUT_MS;
/** A message may arrive this much before its delivery's time and still be attempted. */
const EARLY_MS = 1_000;

/** The options of a consumer run; `now` and `random` let tests move the clock and fix the jitter. */
export interface DeliverOptions extends ChannelDeps {
  now?: Date;
  random?: () => number;
}

/** What happened to one delivery in this run. */
export interface DeliveryReport {
  deliveryId: number;
  eventId: string;
  type: string;
  endpointId: string;
  attempt: number;
  status: DeliveryStatus;
  nextAttemptAt: string | null;
  result: AttemptResult;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The outcome to record for an attempt: done, dead-lettered, skipped, or when to try again. */
function outcomeOf(
  row: ClaimedRow,
  result: AttemptResult,
  token: string,
  now: number,
  random?: () => number,
) {
  const base = { deliveryId: row.delivery_id, token, attempt: row.attempt, at: iso(now) };
  const logged = {
    ok: result.ok,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
    error: result.error,
    response: result.response,
  };
  const finished = (status: DeliveryStatus): AttemptOutcome => ({
    ...base,
    ...logged,
    status,
    nextAttemptAt: null,
    queuedUntil: null,
  });
  if (result.skipped) return finished("skipped");
  if (result.ok) return finished("succeeded");
  const delay = result.gone
    ? null
    : retryDelay(row.attempt, {
        retryAfterMs: result.retryAfterMs ?? null,
        ...(random && { random }),
      });
  if (delay === null) return finished("failed");
  const next = now + delay;
  return {
    ...base,
    ...logged,
    status: "pending",
    nextAttemptAt: iso(next),
    // A delayed queue message carries the retry when the queue can wait that long; otherwise the sweep does.
    queuedUntil: delay <= MAX_QUEUE_DELAY_S * 1000 ? iso(next + QUEUE_GRACE_MS) : null,
  } satisfies AttemptOutcome;
}

/**
 * Attempts the deliveries `ids` (the bodies of a queue batch); resolves with what happened to each one that
 * was due and free to send (the others are left to their own message or to the sweep).
 *
 * @example
 * async queue(batch, env) {
 *   await deliverMessages(env, batch.messages.map((m) => m.body.delivery), { fetch });
 *   batch.ackAll();
 * }
 */
export async function deliverMessages(
  env: Env,
  ids: readonly number[],
  options: DeliverOptions,
): Promise<DeliveryReport[]> {
  const db = env.DB;
  const now = (options.now ?? new Date()).getTime();
  const token = crypto.randomUUID();
  const sources = selectClaimedSources(db, token);
  const [, , claimedResult, notificationResult, operationResult] = await db.batch<unknown>([
    // These messages have arrived: none is on its way for their deliveries any more.
    unmarkQueued(db, ids),
    claimDeliveries(db, {
      ids,
      token,
      dueBy: iso(now + EARLY_MS),
      leaseUntil: iso(now + LEASE_MS),
    }),
    selectClaimed(db, token),
    sources.notifications,
    sources.operations,
  ]);
  const claimed = (claimedResult?.results ?? []) as ClaimedRow[];
  if (claimed.length === 0) return [];
  const notifications = new Map(
    ((notificationResult?.results ?? []) as NotificationRow[]).map((n) => [n.id, n]),
  );
  const operations = new Map(
    ((operationResult?.results ?? []) as OperationRow[]).map((o) => [o.id, o]),
  );

  const rules = paymentRules(env);
  const results = await Promise.all(
    claimed.map((row) =>
      attempt(
        row,
        eventPayload(
          {
            event: row,
            notification: row.notification_id ? notifications.get(row.notification_id) : undefined,
            operation: row.operation_id ? operations.get(row.operation_id) : undefined,
          },
          rules,
        ),
        env,
        options,
      ),
    ),
  );
  const outcomes = claimed.map((row, i) =>
    outcomeOf(row, results[i] as AttemptResult, token, now, options.random),
  );
  await db.batch(
    outcomes.flatMap((outcome, i) => [
      ...recordAttempt(db, outcome),
      ...((results[i] as AttemptResult).gone
        ? [
            disableEndpoint(
              db,
              (claimed[i] as ClaimedRow).target_id,
              "the receiver answered 410 Gone",
              iso(now),
            ),
          ]
        : []),
    ]),
  );
  await scheduleRetries(env, outcomes, now);
  if (outcomes.some((o) => o.status !== "pending")) await dispatchDue(env, new Date(now));
  return outcomes.map((outcome, i) => {
    const row = claimed[i] as ClaimedRow;
    return {
      deliveryId: row.delivery_id,
      eventId: row.id,
      type: row.type,
      endpointId: row.target_id,
      attempt: row.attempt,
      status: outcome.status,
      nextAttemptAt: outcome.nextAttemptAt,
      result: results[i] as AttemptResult,
    };
  });
}

/** Sends the delayed messages of the retries that have one; when the queue refuses, the sweep takes over. */
async function scheduleRetries(env: Env, outcomes: AttemptOutcome[], now: number): Promise<void> {
  const delayed = outcomes.filter((o) => o.queuedUntil !== null && o.nextAttemptAt !== null);
  if (delayed.length === 0) return;
  try {
    await (env.WEBHOOK_QUEUE as Queue<DeliveryMessage>).sendBatch(
      delayed.map((o) => ({
        body: { delivery: o.deliveryId },
        delaySeconds: Math.ceil((Date.parse(o.nextAttemptAt as string) - now) / 1000),
      })),
    );
  } catch {
    await unmarkQueued(
      env.DB,
      delayed.map((o) => o.deliveryId),
    ).run();
  }
}
