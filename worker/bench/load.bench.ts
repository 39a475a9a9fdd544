/**
 * Load benchmark (not a test): starts `wrangler dev` with a fresh local D1, drives it with autocannon on
 * loopback, and prints req/s and p50/p99 latency for /api/checkout and /api/retour next to a trivial route of
 * the same worker (`GET /api/health`) as a markdown table.
 *
 *   pnpm --filter @sceau/worker bench          # BENCH_DURATION=10 BENCH_CONNECTIONS=10 BENCH_PORT=8790
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  formatAmount,
  formatRetourDateTime,
  importKey,
  notificationMacData,
  seal,
} from "@sceau/protocol";
import autocannon from "autocannon";

const ROOT = join(import.meta.dirname, "..");
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
const PORT = Number(process.env.BENCH_PORT ?? 8790);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BASE = `http://127.0.0.1:${PORT}`;
const KEY = "0123456789ABCDEF0123456789ABCDEF01234567"; // the documentation's key, as in .dev.vars
const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(WRANGLER, args, { cwd: ROOT, env: ENV, stdio: "ignore" });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`wrangler ${args[0]} exited ${code}`)),
    );
  });
}

async function waitReady(): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("wrangler dev did not start");
}

interface Row {
  route: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(route: string, options: Partial<autocannon.Options>): Promise<Row> {
  const result = await autocannon({
    url: `${BASE}${options.path ?? "/"}`,
    connections: CONNECTIONS,
    duration: DURATION,
    ...options,
  });
  return {
    route,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

const state = mkdtempSync(join(tmpdir(), "sceau-bench-"));
let dev: ReturnType<typeof spawn> | undefined;
try {
  await run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
  dev = spawn(
    WRANGLER,
    [
      "dev",
      "--port",
      String(PORT),
      "--ip",
      "127.0.0.1",
      "--persist-to",
      state,
      "--log-level",
      "error",
    ],
    { cwd: ROOT, env: ENV, stdio: "ignore", detached: true },
  );
  await waitReady();

  const cart = JSON.stringify({
    items: [
      { sku: "CD-KIND-OF-BLUE", quantity: 1 },
      { sku: "CD-BLUE-TRAIN", quantity: 2 },
    ],
    email: "bench@example.com",
    billing: {
      addressLine1: "1 rue de la Paix",
      city: "Paris",
      postalCode: "75002",
      country: "FR",
    },
  });
  const created = (await (
    await fetch(`${BASE}/api/checkout`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: cart,
    })
  ).json()) as { order: { reference: string; total: number } };
  const fields: Record<string, string> = {
    TPE: "7654321",
    date: formatRetourDateTime(new Date()),
    montant: formatAmount(created.order.total, "EUR"),
    reference: created.order.reference,
    "texte-libre": "",
    "code-retour": "payetest",
    cvx: "oui",
    vld: "1229",
    brand: "na",
    numauto: "123456",
  };
  const mac = await seal(
    await importKey(KEY),
    notificationMacData(fields, "v4", { tpe: "7654321" }),
  );
  const retourBody = new URLSearchParams({ ...fields, MAC: mac }).toString();

  // Warm-up, then the three measured runs.
  await load("warm-up", { path: "/api/health", duration: 2 });
  const rows = [
    await load("GET /api/health (baseline)", { path: "/api/health" }),
    await load("POST /api/checkout", {
      path: "/api/checkout",
      method: "POST",
      headers: { "content-type": "application/json" },
      body: cart,
    }),
    await load("POST /api/retour", {
      path: "/api/retour",
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: retourBody,
    }),
  ];
  const base = rows[0] as Row;
  console.log(
    `\n${CONNECTIONS} connections, ${DURATION} s per route, wrangler dev (local workerd + local D1) on 127.0.0.1\n`,
  );
  console.log(
    "| route | req/s | p50 (ms) | p99 (ms) | req/s vs baseline | p50 vs baseline | p99 vs baseline | errors |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.route} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${(r.rps / base.rps).toFixed(2)}× | ${(r.p50 / Math.max(base.p50, 1)).toFixed(1)}× | ${(r.p99 / Math.max(base.p99, 1)).toFixed(1)}× | ${r.errors} |`,
    );
  }
} finally {
  if (dev?.pid) {
    try {
      process.kill(-dev.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  rmSync(state, { recursive: true, force: true });
}
