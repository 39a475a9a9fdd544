/**
 * `GET /api/admin/doctor`: the go-live checklist of the running worker (its real variables, secrets and
 * database), for the console and `npm run doctor -- --url`. Mounted under the admin API's bearer auth.
 * @module
 */
import { Hono } from "hono";
import { readDoctorFacts } from "../db/doctor.ts";
import { doctor } from "../doctor.ts";
import type { AppEnv } from "../env.ts";

/** `{ ready, checks: [{ id, title, ok, detail, fix? }] }`; `ready` when every check passes. */
export const doctorRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const checks = await doctor(c.env, await readDoctorFacts(c.env.DB));
  return c.json({ ready: checks.every((check) => check.ok), checks });
});
