/**
 * sceau's edge worker: `wrangler deploy` this file.
 * @module
 */
import { createApp } from "./app.ts";
import type { Env } from "./env.ts";
import { runScheduled } from "./scheduled.ts";
import { deliverMessages } from "./webhooks/deliver.ts";
import { type DeliveryMessage, dispatchDue, SWEEP_CRON } from "./webhooks/dispatch.ts";

export type { Env } from "./env.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env): Promise<void> {
    const now = new Date(controller.scheduledTime);
    if (controller.cron === SWEEP_CRON) await dispatchDue(env, now);
    else await runScheduled(env, now);
  },
  /** Webhook and e-mail deliveries; a throw (the database unreachable) lets the queue retry the batch. */
  async queue(batch: MessageBatch<DeliveryMessage>, env: Env): Promise<void> {
    await deliverMessages(
      env,
      batch.messages.map((message) => message.body.delivery),
      { fetch: (request) => fetch(request) },
    );
    batch.ackAll();
  },
};
