/**
 * sceau's edge worker: `wrangler deploy` this file.
 * @module
 */
import { createApp } from "./app.ts";
import type { Env } from "./env.ts";
import { runScheduled } from "./scheduled.ts";

export type { Env } from "./env.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller: ScheduledController, env: Env): Promise<void> {
    await runScheduled(env, new Date(controller.scheduledTime));
  },
};
