/**
 * Runs one of the merchant's scripts (deploy, doctor, catalog) as `npm run <name>` does, without a terminal,
 * for the scripts' tests.
 * @module
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

/** The worker's folder. */
export const WORKER = join(import.meta.dirname, "..", "..");

/** Runs `scripts/<name>.ts` with tsx in the worker's folder; `env` adds variables. */
export function script(name: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", join(WORKER, "scripts", `${name}.ts`), ...args],
    {
      cwd: WORKER,
      encoding: "utf8",
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: "false",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
        ...env,
      },
    },
  );
}
