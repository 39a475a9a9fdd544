/**
 * The producer: pending deliveries that are due go to the queue, one message each. It runs right after a
 * request that may have written events (`waitUntil`), after each batch the consumer handles, and every minute
 * (Cron Trigger) as the safety net: a delivery whose queue send failed, whose message was lost, or whose next
 * attempt is further away than the queue's 12 h maximum delay is sent by the next run. The database is the
 * outbox; the queue only carries "deliver #id now".
 * @module
 */
import { markDueQueued, unmarkQueued } from "../db/webhook-deliveries.ts";
import type { Env } from "../env.ts";

/** The Cron Trigger that runs {@link dispatchDue} (wrangler.jsonc `triggers.crons`). */
export const SWEEP_CRON = "* * * * *";

/** How long a queue message may take to be consumed before the sweep sends another. */
export const QUEUE_GRACE_MS = 2 * 60_000;

/** The longest delay Cloudflare Queues accepts for a message (12 h). */
export const MAX_QUEUE_DELAY_S = 43_200;

/** The body of a queue message: the delivery to attempt. */
export interface DeliveryMessage {
  delivery: number;
}

/** What the producer needs: the database and the queue. */
export type DispatchEnv = Pick<Env, "DB" | "WEBHOOK_QUEUE">;

/**
 * Sends every due delivery (at most `limit`, the queue's batch size) to the queue; resolves with how many were
 * sent. When the queue refuses them, they stay pending with no message on its way, for the next run.
 *
 * @example
 * ctx.waitUntil(dispatchDue(env));
 */
export async function dispatchDue(
  env: DispatchEnv,
  now = new Date(),
  limit = 100,
): Promise<number> {
  const until = new Date(now.getTime() + QUEUE_GRACE_MS).toISOString();
  const { results } = await markDueQueued(env.DB, now.toISOString(), until, limit).all<{
    id: number;
  }>();
  if (results.length === 0) return 0;
  const ids = results.map((row) => row.id);
  try {
    await (env.WEBHOOK_QUEUE as Queue<DeliveryMessage>).sendBatch(
      ids.map((delivery) => ({ body: { delivery } })),
    );
  } catch (error) {
    console.error(
      JSON.stringify({
        event: "webhook-queue-send-failed",
        deliveries: ids.length,
        message: error instanceof Error ? error.message.slice(0, 200) : "unknown",
      }),
    );
    await unmarkQueued(env.DB, ids).run();
    return 0;
  }
  return ids.length;
}
