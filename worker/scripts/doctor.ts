#!/usr/bin/env node
/**
 * `npm run doctor`: the go-live checklist (src/doctor.ts) with a fix for each failure.
 *
 * - no flag: the local configuration (wrangler.jsonc, .dev.vars, the local D1): what must change for production;
 * - `--production`: wrangler.production.jsonc and the remote D1 (the secrets cannot be read from here);
 * - `--url <worker>`: the deployed worker checks itself, secrets included (`GET /api/admin/doctor`, with the
 *   admin token from `SCEAU_ADMIN_TOKEN` or asked).
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  APPLIED_MIGRATIONS_SQL,
  doctorFacts,
  type NotificationFactRow,
  RECENT_NOTIFICATIONS_SQL,
} from "../src/db/doctor.ts";
import { type DoctorCheck, doctor } from "../src/doctor.ts";
import type { Env } from "../src/env.ts";
import { formatChecklist, parseDevVars } from "./checklist.ts";
import { type D1Target, d1Queries } from "./d1.ts";
import { askSecret } from "./terminal.ts";
import { WORKER_DIR } from "./wrangler-cli.ts";
import { PRODUCTION_CONFIG, parseJsonc, type WranglerConfig } from "./wrangler-config.ts";

const HELP = `npm run doctor -- [--production | --url <worker URL>]

  (no flag)       the local configuration: wrangler.jsonc, .dev.vars and the local D1
  --production    ${PRODUCTION_CONFIG} and the remote D1 (secrets are checked with --url)
  --url <url>     ask the deployed worker (GET /api/admin/doctor); admin token from SCEAU_ADMIN_TOKEN or asked`;

async function fromWorker(url: string): Promise<DoctorCheck[]> {
  const token = process.env.SCEAU_ADMIN_TOKEN ?? (await askSecret("Admin token"));
  const response = await fetch(new URL("/api/admin/doctor", url), {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  return ((await response.json()) as { checks: DoctorCheck[] }).checks;
}

async function fromFiles(production: boolean): Promise<DoctorCheck[]> {
  const configFile = production ? PRODUCTION_CONFIG : "wrangler.jsonc";
  const path = join(WORKER_DIR, configFile);
  if (!existsSync(path))
    throw new Error(`${configFile} does not exist yet: run npm run deploy first.`);
  const config = parseJsonc(readFileSync(path, "utf8")) as WranglerConfig;
  const devVars = join(WORKER_DIR, ".dev.vars");
  const secrets =
    !production && existsSync(devVars) ? parseDevVars(readFileSync(devVars, "utf8")) : {};
  const target: D1Target = { remote: production, config: configFile };
  // One wrangler run for both: a database without the first table has not the second either.
  const read = d1Queries([APPLIED_MIGRATIONS_SQL, RECENT_NOTIFICATIONS_SQL], target);
  const [migrations, notifications] = "rows" in read ? read.rows : [];
  const env = { ...config.vars, ...secrets } as unknown as Env;
  const checks = await doctor(
    env,
    doctorFacts(
      migrations as { name: string }[] | undefined,
      notifications as NotificationFactRow[] | undefined,
    ),
  );
  if (!production) return checks;
  // The deployed secrets cannot be read back: those two checks belong to the worker itself.
  return checks.map((check) =>
    check.id === "key" || check.id === "admin-token"
      ? {
          ...check,
          ok: false,
          detail: "a secret of the deployed worker, not readable from here",
          fix: "npm run doctor -- --url https://<your worker> checks it",
        }
      : check,
  );
}

const { values: flags } = parseArgs({
  options: {
    production: { type: "boolean" },
    url: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (flags.help) {
  console.log(HELP);
  process.exit(0);
}
const where =
  flags.url ??
  (flags.production ? `${PRODUCTION_CONFIG} and the remote D1` : "the local configuration");
try {
  const checks = flags.url
    ? await fromWorker(flags.url)
    : await fromFiles(flags.production === true);
  console.log(`Go-live checklist for ${where}:\n\n${formatChecklist(checks)}`);
  process.exit(checks.every((c) => c.ok) ? 0 : 1);
} catch (error) {
  console.error(`npm run doctor: ${(error as Error).message}`);
  process.exit(2);
}
