/**
 * `POST /api/admin/scheduled?time=<epoch ms>`: runs the scheduled job at that instant — with the sandbox bank
 * only (404 otherwise), so that `npm start` and the end-to-end tests can play the Cron Trigger at the bank
 * sandbox's time. `wrangler dev` 4.86 (the last release for Node 20) answers "exception" to its own
 * `/cdn-cgi/handler/scheduled` once the worker serves static assets (cloudflare/workers-sdk#9882, fixed in
 * later releases).
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { runScheduled } from "../scheduled.ts";

export const adminScheduled = new Hono<AppEnv>();

adminScheduled.post("/scheduled", async (c) => {
  if (c.env.BANK !== "sandbox") throw new ApiError("ERR_NOT_FOUND", "No such route.");
  const raw = c.req.query("time") ?? "";
  const time = /^\d{1,15}$/.test(raw) ? new Date(Number(raw)) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) {
    throw new ApiError(
      "ERR_FILTER_INVALID",
      "time must be an instant in milliseconds since 1970.",
      {
        field: "time",
      },
    );
  }
  return c.json({ scheduled: await runScheduled(c.env, time) });
});
