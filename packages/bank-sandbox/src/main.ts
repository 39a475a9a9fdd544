/**
 * Serves the sandbox on Node: `PORT` (8788), `HOST` (127.0.0.1), terminals from `SANDBOX_TERMINALS_JSON`,
 * the file `SANDBOX_TERMINALS` or `terminals.json` beside the package, `SANDBOX_RETOUR_URL` to point every
 * terminal at another Retour URL, state saved to `SANDBOX_STATE_FILE` when set.
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createSandbox } from "./app.ts";
import { msFromEnv, terminalsFromEnv } from "./config.ts";
import type { LedgerSnapshot } from "./ledger.ts";

const env = process.env;
const here = dirname(fileURLToPath(import.meta.url));
const { document, source } = terminalsFromEnv(
  env,
  (path) => readFileSync(path, "utf8"),
  join(here, "..", "terminals.json"),
);
const stateFile = env.SANDBOX_STATE_FILE;
const port = Number(env.PORT ?? 8788);
const hostname = env.HOST ?? "127.0.0.1";
const retourTimeoutMs = msFromEnv(env.SANDBOX_RETOUR_TIMEOUT_MS, "SANDBOX_RETOUR_TIMEOUT_MS");
const retryDelayMs = msFromEnv(env.SANDBOX_RETRY_DELAY_MS, "SANDBOX_RETRY_DELAY_MS");

let state: LedgerSnapshot | undefined;
if (stateFile) {
  try {
    state = JSON.parse(readFileSync(stateFile, "utf8")) as LedgerSnapshot;
  } catch {
    state = undefined;
  }
}

let saveTimer: NodeJS.Timeout | undefined;
const sandbox = await createSandbox({
  terminals: document,
  ...(state && { state }),
  ...(retourTimeoutMs !== undefined && { retourTimeoutMs }),
  ...(retryDelayMs !== undefined && { retryDelayMs }),
  clientIp: (c) =>
    (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
      ?.remoteAddress,
  ...(stateFile && {
    onChange: (snapshot: LedgerSnapshot) => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(
        () => writeFileSync(stateFile, JSON.stringify(snapshot, null, 2)),
        200,
      );
    },
  }),
});

setInterval(() => {
  sandbox.tick().catch((error: unknown) => console.error("[bank-sandbox] tick", error));
}, 60_000).unref();

serve({ fetch: sandbox.app.fetch, port, hostname }, (info) => {
  console.log(
    `bank sandbox on http://${hostname}:${info.port}/test/ — terminals ${[...sandbox.terminals.keys()].join(", ")} from ${source}`,
  );
});
