// Starts and stops the local stack — bank sandbox (8788), worker under `wrangler dev` (8787), storefront
// (5173) — for `npm start` and the end-to-end tests. Each service runs in its own process group so that
// stopping it also stops what it spawned (workerd, esbuild), leaving no orphan and freeing its port.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = (pkg, name) => join(ROOT, pkg, "node_modules", ".bin", name);

export const PORTS = { sandbox: 8788, worker: 8787, demo: 5173 };

/**
 * The sandbox terminal of each `--terminal` name: one per payment mode (as at the bank, a terminal has one),
 * and the CM-CIC 3.0 MAC format.
 */
const TERMINAL_TPE = {
  immediate: "7654321",
  v3: "7654322",
  split: "7654323",
  deferred: "7654324",
  partial: "7654325",
  recurring: "7654326",
};

/** The names `npm start -- --terminal` takes. */
export const TERMINAL_NAMES = Object.keys(TERMINAL_TPE);

/**
 * The worker's vars for one of the sandbox's terminals (packages/bank-sandbox/terminals.json): its TPE, MAC
 * format, payment mode and every setting of the mode, named the wrangler way (`deferredDays` →
 * `DEFERRED_DAYS`), so that worker and bank are told the same thing.
 */
export function terminalVars(name) {
  const file = join(ROOT, "packages", "bank-sandbox", "terminals.json");
  const { terminals } = JSON.parse(readFileSync(file, "utf8"));
  const terminal = terminals.find((t) => t.tpe === TERMINAL_TPE[name]);
  if (!terminal) throw new Error(`No sandbox terminal for ${name}`);
  const {
    tpe,
    format,
    mode = "immediate",
    key,
    societe,
    retourUrl,
    recredit,
    name: _,
    ...settings
  } = terminal;
  const vars = { TPE: tpe, MAC_FORMAT: format, PAYMENT_MODE: mode };
  for (const [setting, value] of Object.entries(settings)) {
    vars[setting.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()] = Array.isArray(value)
      ? value.join(",")
      : String(value);
  }
  return vars;
}

/**
 * Runs the worker's scheduled job (its Cron Trigger, which `wrangler dev` does not fire by itself) at the
 * sandbox's time, so that what the bank does without notifying (deadlines, renewals) reaches the worker
 * even after the sandbox's clock was moved.
 */
export async function runWorkerSchedule() {
  const clock = await (await fetch(`http://127.0.0.1:${PORTS.sandbox}/_sandbox/clock`)).json();
  const time = Date.parse(clock.now);
  const response = await fetch(
    `http://127.0.0.1:${PORTS.worker}/cdn-cgi/handler/scheduled?time=${time}`,
  );
  if (!response.ok) throw new Error(`the worker's scheduled job failed: HTTP ${response.status}`);
}

/** The worker's admin API header with the local configuration's token. */
export const ADMIN = { authorization: "Bearer dev-admin-token" };

/** Flags for Debian's Chromium as root on a machine without network (TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/** Launches Debian's Chromium (or CHROME_PATH) with playwright-core's `chromium`. */
export function launchChromium(chromium) {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/** Environment that keeps wrangler from reaching the network (telemetry, update check, cf.json). */
export const QUIET = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_COLOR: "1",
};

/** Resolves true when nothing listens on the port (127.0.0.1). */
export function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

/** Polls a URL until it answers (any HTTP status), or rejects after `timeoutMs`. */
export async function waitForHttp(url, timeoutMs = 60_000, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`${url}: the process exited before answering`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * A running service: its process, its `url`, `ready()` which waits until `probe` answers (within
 * `timeoutMs`, while the process lives), and `stop()` which ends its whole process group.
 */
function startProcess(name, command, args, { cwd, env, log, url, probe, timeoutMs }) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...QUIET, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let exited = false;
  const exit = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });
  const forward = (stream) =>
    stream.on("data", (chunk) => {
      for (const line of String(chunk).split("\n")) if (line.trim()) log(`[${name}] ${line}`);
    });
  forward(child.stdout);
  forward(child.stderr);
  return {
    name,
    child,
    url,
    get alive() {
      return !exited;
    },
    ready: () => waitForHttp(probe, timeoutMs, () => !exited),
    exit,
    async stop() {
      if (exited) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {}
      }, 3_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Runs `wrangler <args>` in worker/ to completion and returns its output; throws with it on failure. */
export function wrangler(args, env = {}) {
  const result = spawnSync(BIN("worker", "wrangler"), args, {
    cwd: join(ROOT, "worker"),
    env: { ...process.env, ...QUIET, CI: "true", ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `wrangler ${args.slice(0, 3).join(" ")} failed:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result.stdout;
}

/**
 * Applies the worker's D1 migrations to a local state folder, pushes the demo shop's catalog
 * (demo/catalog.json) with `npm run catalog -- push`, as a merchant pushes theirs, then adds the demo's
 * shipping methods and promo code (demo/seed-shop.sql: demo data, never a migration).
 */
export function migrate(persistTo) {
  mkdirSync(persistTo, { recursive: true });
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
  const catalog = join(ROOT, "demo", "catalog.json");
  const push = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/catalog.ts", "push", catalog, "--persist-to", persistTo, "--yes"],
    { cwd: join(ROOT, "worker"), env: { ...process.env, ...QUIET }, encoding: "utf8" },
  );
  if (push.status !== 0)
    throw new Error(`the demo catalog push failed:\n${push.stdout}\n${push.stderr}`);
  const seed = join(ROOT, "demo", "seed-shop.sql");
  wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--file", seed, "--yes"]);
}

/** Starts the bank sandbox; `terminals` is an optional JSON file of terminals. */
export function startSandbox({ port = PORTS.sandbox, env = {}, log = () => {} } = {}) {
  return startProcess("bank", join(ROOT, "node_modules", ".bin", "tsx"), ["src/main.ts"], {
    cwd: join(ROOT, "packages", "bank-sandbox"),
    env: { PORT: String(port), HOST: "127.0.0.1", ...env },
    log,
    url: `http://127.0.0.1:${port}`,
    probe: `http://127.0.0.1:${port}/`,
    timeoutMs: 30_000,
  });
}

/**
 * Starts the worker under `wrangler dev` with a local D1 in `persistTo`; `vars` override wrangler vars. Give
 * an `inspectorPort` when other workers may run at the same time (wrangler's default one is then taken).
 */
export function startWorker({
  port = PORTS.worker,
  persistTo,
  vars = {},
  log = () => {},
  inspectorPort,
}) {
  const args = [
    "dev",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
    ...(inspectorPort ? ["--inspector-port", String(inspectorPort)] : []),
    // /cdn-cgi/handler/scheduled?time=… runs the Cron Trigger at a chosen instant (renewals, deadlines, abandoned orders).
    "--test-scheduled",
  ];
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  return startProcess("worker", BIN("worker", "wrangler"), args, {
    cwd: join(ROOT, "worker"),
    log,
    url: `http://127.0.0.1:${port}`,
    probe: `http://127.0.0.1:${port}/api/health`,
    timeoutMs: 60_000,
  });
}

/** Starts the storefront: Vite's dev server, or `preview` of the built site. */
export function startDemo({ port = PORTS.demo, mode = "dev", log = () => {} } = {}) {
  const args = [...(mode === "preview" ? ["preview"] : []), "--port", String(port), "--strictPort"];
  return startProcess("shop", BIN("demo", "vite"), args, {
    cwd: join(ROOT, "demo"),
    log,
    url: `http://localhost:${port}`,
    probe: `http://127.0.0.1:${port}/index.html`,
    timeoutMs: 30_000,
  });
}
