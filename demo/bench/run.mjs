#!/usr/bin/env node
// `npm run bench`: one markdown table for the whole product, every row measured in this run next to its
// baseline — the protocol against node:crypto, the worker's routes (wrangler dev + local D1, driven by
// autocannon on loopback) against its trivial /api/health, cost growth with cart size and stored orders, the
// drop-in's bundle size, and Chromium timings of the cart page. Writes the table to demo/bench/RESULTS.md too.
//
// Needs the build (`npm run build`: packages/checkout/dist and demo/dist). Ports: worker 8790, bank sandbox
// 8791, storefront 8792 (BENCH_PORT_BASE moves all three), so it runs beside `npm start` and the e2e tests.
// Knobs: BENCH_CELL_S (seconds per load cell, 3), BENCH_MS (ms per protocol cell, 500), BENCH_RUNS (browser
// purchases, 20), BENCH_ONLY (comma list among protocol,bundle,worker,growth,browser,console,orders).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import {
  ADMIN,
  migrate,
  portFree,
  startSandbox,
  startWorker,
  wrangler,
} from "../scripts/stack.mjs";
import { browserTimings, startShop } from "./browser.mjs";
import { consoleTimings } from "./console.mjs";
import {
  BILLING,
  DEV_KEY,
  importTs,
  int,
  load,
  loadRatio,
  loadText,
  ms,
  newestMtime,
  quantile,
  ROOT,
  ratio,
  retourDate,
  seedOrdersSql,
  TWO_LINES,
} from "./lib.mjs";

const started = performance.now();
const CELL = Number(process.env.BENCH_CELL_S ?? 3);
const PROTOCOL_MS = Number(process.env.BENCH_MS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const BASE_PORT = Number(process.env.BENCH_PORT_BASE ?? 8790);
const PORT = { worker: BASE_PORT, sandbox: BASE_PORT + 1, shop: BASE_PORT + 2 };
const WORKER = `http://127.0.0.1:${PORT.worker}`;
const TOKEN = ADMIN.authorization.slice("Bearer ".length);
const BANK = `http://127.0.0.1:${PORT.sandbox}`;
const ONLY = new Set((process.env.BENCH_ONLY ?? "").split(",").filter(Boolean));
const wants = (part) => ONLY.size === 0 || ONLY.has(part);
const MAX_LINES = Number(
  /MAX_LINES\s*=\s*(\d+)/.exec(readFileSync(join(ROOT, "worker/src/schemas.ts"), "utf8"))?.[1] ?? 0,
);

const say = (line) => process.stderr.write(`[bench] ${line}\n`);
const serviceLog = [];
const log = (line) => {
  serviceLog.push(line);
  if (serviceLog.length > 200) serviceLog.shift();
};
process.env.WRANGLER_LOG = process.env.WRANGLER_LOG ?? "error"; // no per-request log lines under load

/** @type {{ group: string, measure: string, result: string, baseline: string, ratio: string, trips: string }[]} */
const rows = [];
const row = (group, measure, result, baseline, r, trips = "—") =>
  rows.push({ group, measure, result, baseline, ratio: r, trips });

const work = mkdtempSync(join(tmpdir(), "sceau-bench-"));
const running = new Set();
async function stopAll() {
  await Promise.all([...running].map((s) => s.stop().catch(() => {})));
  running.clear();
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    say(`${signal}: stopping`);
    stopAll().finally(() => {
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

/** A request to the worker: a path and fetch's init (also autocannon's options, see `run`). */
const request = {
  health: () => ({ path: "/api/health" }),
  post: (path, body, type = "application/json") => ({
    path,
    method: "POST",
    headers: { "content-type": type },
    body: typeof body === "string" ? body : JSON.stringify(body),
  }),
  retour: (body) => request.post("/api/retour", body, "application/x-www-form-urlencoded"),
  admin: (path) => ({ path, headers: ADMIN }),
};
const send = (spec) => fetch(`${WORKER}${spec.path}`, spec);

/** The D1 round trips one request of `spec` takes, as the worker reports them. */
async function tripsOf(spec) {
  const response = await send(spec);
  await response.arrayBuffer();
  return response.headers.get("X-D1-Round-Trips") ?? "?";
}

/** Sends a request to the worker and returns its JSON; throws unless it is a 2xx. */
async function api(spec) {
  const response = await send(spec);
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${spec.method ?? "GET"} ${spec.path}: HTTP ${response.status} ${text}`);
  return JSON.parse(text);
}

const cartBody = (items) => ({ items, email: "bench@example.com", billing: BILLING });
const benchSkus = (n) =>
  Array.from({ length: n }, (_, i) => ({
    sku: `BENCH-${String(i + 1).padStart(3, "0")}`,
    quantity: 1,
  }));

async function startBenchWorker(persistTo) {
  const shop = `http://localhost:${PORT.shop}`;
  const worker = startWorker({
    port: PORT.worker,
    persistTo,
    log,
    vars: {
      BANK_SANDBOX_URL: `${BANK}/test/`,
      SHOP_ORIGINS: `${shop},http://127.0.0.1:${PORT.shop}`,
      RETURN_URL_OK: `${shop}/merci.html`,
      RETURN_URL_ERR: `${shop}/erreur.html`,
      RETURN_URL: `${shop}/`,
      // One client address sends every request: keep the per-client limiter counting (its D1 write is part
      // of a checkout's cost) but never tripping.
      CHECKOUT_RATE_LIMIT: process.env.BENCH_CHECKOUT_RATE_LIMIT ?? "9999999/60",
      // Every answer says how many D1 round trips it took (X-D1-Round-Trips): the "D1 trips" column.
      D1_ROUND_TRIPS: "header",
    },
  });
  running.add(worker);
  await worker.ready();
  return worker;
}

async function stop(service) {
  await service.stop();
  running.delete(service);
}

/** A validly sealed v4 payment notification (payetest) for a new order of the worker. */
async function sealedRetour(protocol) {
  const { order } = await api(
    request.post("/api/checkout", cartBody([{ sku: "CD-KIND-OF-BLUE", quantity: 1 }])),
  );
  const fields = {
    TPE: "7654321",
    date: retourDate(),
    montant: protocol.formatAmount(order.total, "EUR"),
    reference: order.reference,
    "texte-libre": "",
    "code-retour": "payetest",
    cvx: "oui",
    vld: "1229",
    brand: "na",
    numauto: "123456",
  };
  const key = await protocol.importKey(DEV_KEY);
  const mac = await protocol.seal(
    key,
    protocol.notificationMacData(fields, "v4", { tpe: "7654321" }),
  );
  return new URLSearchParams({ ...fields, MAC: mac }).toString();
}

/** The newest modification time among the sources wrangler dev watches (the worker and the protocol). */
const sourcesStamp = () =>
  newestMtime(["worker/src", "packages/protocol/src"].map((dir) => join(ROOT, dir)));

/** Waits until the worker has drained the previous cell's queue (a health probe answers within 25 ms). */
async function settle() {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const t0 = performance.now();
    try {
      await fetch(`${WORKER}/api/health`);
    } catch {}
    if (performance.now() - t0 < 25) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}
/** One load cell; 100 connections get a longer cell, since a request then waits seconds in the queue. */
async function run(spec, connections, duration = connections >= 100 ? 3 * CELL : CELL) {
  await settle();
  const startedAt = Date.now();
  const result = await load(`${WORKER}${spec.path}`, { ...spec, connections, duration });
  // wrangler dev rebuilds and reloads when the worker's sources change (in a shared checkout, someone may be
  // editing them): requests in flight then get 503s. Say so in the row rather than blame the worker.
  result.reloaded = sourcesStamp() > startedAt - 3_000; // an edit just before the cell counts too
  return result;
}

// ---------------------------------------------------------------------------------------------------------

const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
const nproc = os.availableParallelism?.() ?? os.cpus().length;
const memGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
const header = `${date} · Node ${process.version} · nproc ${nproc} (${cpu}) · ${memGiB} GiB RAM · ${os.platform()} ${os.release()} · load average ${os.loadavg()[0].toFixed(2)} at start`;

let failed;
try {
  for (const [name, port] of Object.entries(PORT)) {
    if (!(await portFree(port)))
      throw new Error(`port ${port} (${name}) is in use; set BENCH_PORT_BASE`);
  }
  for (const built of [
    "packages/checkout/dist/sceau-checkout.js",
    "demo/dist/panier.html",
    "packages/console/dist/admin/index.html",
  ]) {
    if (!existsSync(join(ROOT, built)))
      throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  const protocol = await importTs("packages/protocol/src/index.ts");

  // --- protocol vs node:crypto ---------------------------------------------------------------------------
  if (wants("protocol")) {
    say(`protocol: ${PROTOCOL_MS} ms per cell`);
    const { benchProtocol } = await importTs("packages/protocol/bench/seal.bench.ts");
    for (const { name, oursMs, baseMs } of await benchProtocol(PROTOCOL_MS)) {
      row(
        "protocol",
        name,
        `${int(1000 / oursMs)} ops/s (${(oursMs * 1000).toFixed(1)} µs)`,
        `node:crypto createHmac: ${int(1000 / baseMs)} ops/s (${(baseMs * 1000).toFixed(1)} µs)`,
        `${ratio(baseMs / oursMs)} throughput (${ratio(oursMs / baseMs)} time)`,
      );
    }
    say("protocol: the same code in workerd and in Node");
    const { protocolInWorkerd } = await import("./workerd.mjs");
    const names = {
      seal: "Aller v4: string + seal",
      verify: "Retour v4: body → typed notification",
    };
    for (const { kind, workerdMs, nodeMs } of await protocolInWorkerd()) {
      row(
        "protocol in workerd",
        names[kind],
        `${int(1000 / workerdMs)} ops/s (${(workerdMs * 1000).toFixed(1)} µs)`,
        `Node (WebCrypto): ${int(1000 / nodeMs)} ops/s (${(nodeMs * 1000).toFixed(1)} µs)`,
        `${ratio(nodeMs / workerdMs)} throughput`,
      );
    }
  }

  // --- drop-in bundle ------------------------------------------------------------------------------------
  if (wants("bundle")) {
    const code = readFileSync(join(ROOT, "packages/checkout/dist/sceau-checkout.js"));
    const gzip = gzipSync(code, { level: 9 }).length;
    const brotli = brotliCompressSync(code, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: code.length,
      },
    }).length;
    const sizeScript = readFileSync(join(ROOT, "packages/checkout/scripts/size.mjs"), "utf8");
    const budget = Number(
      /BUDGET\s*=\s*([\d_]+)/.exec(sizeScript)?.[1]?.replaceAll("_", "") ?? 15_000,
    );
    row(
      "drop-in",
      "packages/checkout/dist/sceau-checkout.js (the whole drop-in, one file)",
      `${int(code.length)} B minified · ${int(gzip)} B gzip -9 · ${int(brotli)} B brotli -11`,
      `budget ${int(budget)} B gzip`,
      `${ratio(gzip / budget)} of budget`,
    );
  }

  // --- merchant console: what the browser fetches before the sign-in shows ---------------------------------
  if (wants("bundle") || wants("console")) {
    const { firstLoadFiles, measure } = await import("../../packages/console/scripts/size.mjs");
    const dist = join(ROOT, "packages/console/dist/admin");
    const first = measure(firstLoadFiles(readFileSync(join(dist, "index.html"), "utf8")), dist);
    const all = measure(
      ["index.html", ...readdirSync(join(dist, "assets")).map((f) => `assets/${f}`)],
      dist,
    );
    row(
      "console",
      "packages/console first load (index.html and the script and style it links: frame, sign-in, Lit)",
      `${first.files} files · ${int(first.raw)} B minified · ${int(first.gzip)} B gzip -9`,
      `the whole console, every page: ${all.files} files · ${int(all.gzip)} B gzip -9`,
      `${ratio(first.gzip / all.gzip)} of it`,
    );
  }

  const needWorker = wants("worker") || wants("growth") || wants("browser") || wants("console");
  if (needWorker) {
    const state = join(work, "d1");
    say("worker: fresh local D1, wrangler dev");
    migrate(state);
    const sandbox = wants("browser")
      ? startSandbox({
          port: PORT.sandbox,
          log,
          env: { SANDBOX_RETOUR_URL: `${WORKER}/api/retour` },
        })
      : undefined;
    if (sandbox) running.add(sandbox);
    const worker = await startBenchWorker(state);
    await sandbox?.ready();

    // Extra products so that carts can have as many distinct lines as the worker allows.
    for (const { sku } of benchSkus(100)) {
      await api({
        path: `/api/admin/products/${sku}`,
        method: "PUT",
        headers: { ...ADMIN, "content-type": "application/json" },
        body: JSON.stringify({ name: `Bench ${sku}`, unitAmount: 1000, currency: "EUR" }),
      });
    }
    const twoLines = cartBody(TWO_LINES);
    const retour = request.retour(await sealedRetour(protocol));
    const receipt = await (await send(retour)).text();
    if (!receipt.includes("cdr=0"))
      throw new Error(`the sealed notification was refused: ${receipt}`);
    const routes = [
      ["POST /api/quote (2 lines)", request.post("/api/quote", twoLines)],
      ["POST /api/checkout (2 lines)", request.post("/api/checkout", twoLines)],
      ["POST /api/retour (sealed v4, payetest)", retour],
    ];

    if (wants("worker")) {
      say("worker: warm-up");
      for (const spec of [request.health(), ...routes.map(([, s]) => s)]) await run(spec, 10, 1);
      for (const connections of [1, 10, 100]) {
        say(`worker: ${connections} connections, ${CELL} s per route`);
        const base = await run(request.health(), connections);
        const group = `worker c=${connections}`;
        row(group, "GET /api/health (baseline)", loadText(base), "—", "1×", "0");
        for (const [name, spec] of routes) {
          const r = await run(spec, connections);
          const trips = await tripsOf(spec);
          row(group, name, loadText(r), `health: ${loadText(base)}`, loadRatio(r, base), trips);
        }
      }
    }

    if (wants("growth")) {
      say(`cart growth: 1, 10, ${MAX_LINES} lines, one connection`);
      const base = await run(request.health(), 1);
      const sizes = [1, 10, MAX_LINES].filter((n, i, a) => a.indexOf(n) === i);
      for (const path of ["/api/quote", "/api/checkout"]) {
        let one;
        for (const n of sizes) {
          const spec = request.post(path, cartBody(benchSkus(n)));
          const r = await run(spec, 1);
          one ??= r;
          row(
            "cart size c=1",
            `POST ${path}, ${n} line${n > 1 ? "s" : ""}`,
            loadText(r),
            n === 1 ? `health: ${loadText(base)}` : `1 line: ${loadText(one)}`,
            n === 1 ? loadRatio(r, base) : loadRatio(r, one),
            await tripsOf(spec),
          );
        }
      }
      const over = await send(request.post("/api/quote", cartBody(benchSkus(100))));
      const overBody = await over.text();
      row(
        "cart size c=1",
        "POST /api/quote, 100 lines",
        `refused: HTTP ${over.status} ${/"code"\s*:\s*"([A-Z_]+)"/.exec(overBody)?.[1] ?? overBody.slice(0, 60)}`,
        `the worker caps a cart at MAX_LINES = ${MAX_LINES} lines`,
        "—",
      );
    }

    if (wants("browser")) {
      say(`browser: ${RUNS} purchases up to the bank's page in Chromium`);
      const shop = await startShop({ port: PORT.shop, workerPort: PORT.worker });
      running.add(shop);
      try {
        const s = await browserTimings({
          shop: shop.url,
          bankUrl: BANK,
          shopPort: PORT.shop,
          runs: RUNS,
          log: say,
        });
        const stat = (v) => `median ${ms(quantile(v, 0.5))} · p90 ${ms(quantile(v, 0.9))}`;
        const med = (v) => quantile(v, 0.5);
        const n = `median of ${s.cold.length}`;
        for (const [cache, ready, loaded] of [
          ["cold", s.cold, s.coldLoad],
          ["warm", s.warm, s.warmLoad],
        ]) {
          row(
            "Chromium",
            `cart page load → pay button interactive, ${cache} cache (${n})`,
            stat(ready),
            `the page's own load event: ${stat(loaded)}`,
            `${ratio(med(ready) / med(loaded))} of load`,
          );
        }
        row(
          "Chromium",
          `click → browser leaves for the bank (${n})`,
          `${stat(s.leave)}; bank page DOMContentLoaded: ${stat(s.bank)}`,
          s.api.length
            ? `POST /api/checkout inside it (CORS preflight included): ${stat(s.api)}`
            : "—",
          s.api.length
            ? `API call = ${Math.round((100 * med(s.api)) / med(s.leave))} % of it`
            : "—",
        );
        if (shop.billingAdded)
          say("note: demo/dist/panier.html had no `billing` attribute; added in the copy");
      } finally {
        await stop(shop);
      }
    }
    if (wants("console")) {
      const runs = Math.max(5, Math.round(RUNS / 2));
      // A full page of orders to list, whatever ran before.
      for (let i = 0; i < 60; i++) await api(request.post("/api/checkout", cartBody(TWO_LINES)));
      say(`console: ${runs} loads of the order list in Chromium`);
      const c = await consoleTimings({ worker: WORKER, token: TOKEN, runs });
      const stat = (v) => `median ${ms(quantile(v, 0.5))} · p90 ${ms(quantile(v, 0.9))}`;
      const med = (v) => quantile(v, 0.5);
      for (const [cache, ready, loaded] of [
        ["cold", c.cold, c.coldLoad],
        ["warm", c.warm, c.warmLoad],
      ]) {
        row(
          "console",
          `/admin/#/orders, signed in: navigation → first order row, ${cache} cache (median of ${ready.length})`,
          stat(ready),
          `the page's own load event: ${stat(loaded)}${cache === "cold" && c.api.length ? `; GET /api/admin/orders: ${stat(c.api)}` : ""}`,
          `${ratio(med(ready) / med(loaded))} of load`,
        );
      }
    }
    await stop(worker);
    if (sandbox) await stop(sandbox);
  }

  // --- stored orders: 1 k then 100 k ---------------------------------------------------------------------
  if (wants("orders")) {
    const state = join(work, "d1-orders");
    migrate(state);
    // "log": --json prints at that level (the bench runs wrangler at "error").
    const d1 = (...args) =>
      wrangler(["d1", "execute", "DB", "--local", "--persist-to", state, ...args], {
        WRANGLER_LOG: "log",
      });
    let seeded = 0;
    for (const target of [1_000, 100_000]) {
      say(`orders: seeding up to ${int(target)} orders`);
      const t0 = performance.now();
      const sql = join(work, `seed-${target}.sql`);
      writeFileSync(sql, seedOrdersSql(seeded + 1, target));
      d1("--file", sql, "-y");
      seeded = target;
      const counted = /"n"\s*:\s*(\d+)/.exec(
        d1("--json", "--command", "SELECT COUNT(*) AS n FROM orders WHERE reference LIKE 'SEED%'"),
      )?.[1];
      if (Number(counted) !== target)
        throw new Error(`seeded ${counted} orders instead of ${target}`);
      say(
        `orders: ${int(target)} stored in ${((performance.now() - t0) / 1000).toFixed(1)} s; starting the worker`,
      );
      const worker = await startBenchWorker(state);
      try {
        const retour = request.retour(await sealedRetour(protocol));
        const specs = [
          ["GET /api/admin/orders (newest 50)", request.admin("/api/admin/orders")],
          [
            "GET /api/admin/orders?status=pending (indexed filter)",
            request.admin("/api/admin/orders?status=pending"),
          ],
          [
            `GET /api/admin/orders?email=… (no index on email; ${Math.floor((target - 42) / 5000) + 1} matching)`,
            request.admin("/api/admin/orders?email=buyer42%40example.com"),
          ],
          ["POST /api/retour (sealed v4, payetest)", retour],
        ];
        for (const [, spec] of specs) await run(spec, 1, 1); // warm-up
        const base = await run(request.health(), 1);
        const label = `${target >= 100_000 ? "100 k" : "1 k"} orders c=1`;
        row(label, "GET /api/health (baseline)", loadText(base), "—", "1×", "0");
        for (const [name, spec] of specs) {
          const r = await run(spec, 1);
          const trips = await tripsOf(spec);
          row(label, name, loadText(r), `health: ${loadText(base)}`, loadRatio(r, base), trips);
        }
      } finally {
        await stop(worker);
      }
    }
  }
} catch (error) {
  failed = error;
} finally {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}

const seconds = (performance.now() - started) / 1000;
const cell = (text) => String(text).replaceAll("|", "\\|");
const table = [
  "| group | measure | result | baseline (same run) | ratio | D1 trips |",
  "| --- | --- | --- | --- | --- | ---: |",
  ...rows.map(
    (r) =>
      `| ${[r.group, r.measure, r.result, r.baseline, r.ratio, r.trips].map(cell).join(" | ")} |`,
  ),
].join("\n");
const output = `${header}\n\n${table}\n\nWhole bench: ${seconds.toFixed(0)} s (${CELL} s per load cell, autocannon on loopback; wrangler dev: local workerd + local D1).\n`;
console.log(`\n${output}`);

if (failed) {
  console.error(`\nbench failed: ${failed?.stack ?? failed}`);
  console.error(`last service lines:\n  ${serviceLog.slice(-20).join("\n  ")}`);
  process.exit(1);
}
if (ONLY.size === 0) {
  writeFileSync(
    join(ROOT, "demo", "bench", "RESULTS.md"),
    `# Benchmark results\n\nProduced by \`npm run bench\` (\`node demo/bench/run.mjs\`) on ${header}.\n\n${table}\n\nWhole bench: ${seconds.toFixed(0)} s. See demo/bench/README.md for what each row measures.\n`,
  );
}
