// Starts and stops the local stack — bank sandbox (8788), worker under `wrangler dev` (8787), storefront
// (5173) — for `npm start` and the end-to-end tests. Each service runs in its own process group so that
// stopping it also stops what it spawned (workerd, esbuild), leaving no orphan and freeing its port.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = (pkg, name) => join(ROOT, pkg, "node_modules", ".bin", name);

export const PORTS = { sandbox: 8788, worker: 8787, demo: 5173 };

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

/** Applies the worker's D1 migrations (schema and the demo catalog) to a local state folder. */
export function migrate(persistTo) {
  mkdirSync(persistTo, { recursive: true });
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]);
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

/** Starts the worker under `wrangler dev` with a local D1 in `persistTo`; `vars` override wrangler vars. */
export function startWorker({ port = PORTS.worker, persistTo, vars = {}, log = () => {} }) {
  const args = [
    "dev",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
    // /cdn-cgi/handler/scheduled?time=… runs the Cron Trigger at a chosen instant (abandoned orders).
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
