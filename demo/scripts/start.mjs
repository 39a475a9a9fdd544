#!/usr/bin/env node
// `npm start`: the whole product on this machine, offline — bank sandbox, worker with a local D1, and the
// storefront — then the URL and the test cards. Ctrl-C stops all three.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureDependencies, ensurePnpm, run } from "../../.ci/lib/toolchain.mjs";
import { migrate, PORTS, portFree, ROOT, startDemo, startSandbox, startWorker } from "./stack.mjs";

const pnpm = ensurePnpm();
ensureDependencies(pnpm);

for (const [name, port] of Object.entries(PORTS)) {
  if (!(await portFree(port))) {
    console.error(
      `Port ${port} (${name}) is already in use: stop whatever listens there and try again.`,
    );
    process.exit(1);
  }
}

if (!existsSync(join(ROOT, "packages", "checkout", "dist", "sceau-checkout.js"))) {
  if (run(pnpm, ["--filter", "@sceau/checkout", "build"]) !== 0) process.exit(1);
}
// The merchant console is the worker's static assets: it must be built before wrangler dev starts.
if (!existsSync(join(ROOT, "packages", "console", "dist", "admin", "index.html"))) {
  if (run(pnpm, ["--filter", "@sceau/console", "build"]) !== 0) process.exit(1);
}
if (run(process.execPath, [join(ROOT, "demo", "scripts", "sync-dropin.mjs")]) !== 0)
  process.exit(1);

// `--terminal split|deferred|v3` runs the worker on another of the sandbox's terminals (one mode each, as
// at the bank): payment in 2–4 instalments, capture by the merchant, or the CM-CIC 3.0 MAC format.
const TERMINALS = {
  immediate: {},
  split: { TPE: "7654323", PAYMENT_MODE: "split" },
  deferred: { TPE: "7654324", PAYMENT_MODE: "deferred" },
  v3: { TPE: "7654322", MAC_FORMAT: "v3" },
};
const flag = process.argv.indexOf("--terminal");
const chosen = flag > 0 ? process.argv[flag + 1] : "immediate";
const vars = Object.hasOwn(TERMINALS, chosen ?? "") ? TERMINALS[chosen] : undefined;
if (!vars) {
  console.error(`Unknown terminal ${chosen}: use one of ${Object.keys(TERMINALS).join(", ")}.`);
  process.exit(1);
}

const persistTo = join(ROOT, "worker", ".wrangler", "state");
const verbose = process.argv.includes("--verbose");
const log = (line) => {
  if (verbose || /error|✘/i.test(line)) console.log(line);
};
console.log("Applying the local D1 migrations and the demo catalog…");
migrate(persistTo);

const services = [startSandbox({ log }), startWorker({ persistTo, vars, log }), startDemo({ log })];
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the shop, the worker and the bank sandbox…");
  await Promise.all(services.map((s) => s.stop()));
  process.exit(code);
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
for (const service of services) {
  service.exit.then(({ code }) => {
    if (!stopping) {
      console.error(
        `${service.name} stopped unexpectedly (exit ${code}); run with --verbose to see its log.`,
      );
      stop(1);
    }
  });
}

try {
  await Promise.all(services.map((s) => s.ready()));
} catch (error) {
  console.error(error.message);
  await stop(1);
}

let cards = "";
try {
  const response = await fetch(`http://127.0.0.1:${PORTS.sandbox}/_sandbox/cards`);
  const list = await response.json();
  cards = list.map((c) => `  ${c.number.padEnd(20)} ${c.label ?? c.description ?? ""}`).join("\n");
} catch {
  cards = "  see packages/bank-sandbox/README.md";
}

console.log(`
  La boutique du CD is running:

    shop       http://localhost:${PORTS.demo}/
    console    http://127.0.0.1:${PORTS.worker}/admin/   (the merchant console; admin token: dev-admin-token)
    worker     http://127.0.0.1:${PORTS.worker}/api/products
    bank       http://127.0.0.1:${PORTS.sandbox}/  (sandbox; any future expiry date, any CVV)
    terminal   ${vars.TPE ?? "7654321"} (${chosen}; \`npm start -- --terminal split|deferred|v3\` for the others)

  Test cards:
${cards}

  Press Ctrl-C to stop.
`);
