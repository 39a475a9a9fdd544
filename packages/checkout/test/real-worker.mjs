// The real worker for the browser tests: `wrangler dev` (workerd) with a fresh local D1 on a free port,
// started on the first test that asks for it and stopped with the test runner. Tests reach it through the
// runner's commands (helpers.ts `realWorker`), and call it cross-origin from the test page, as a shop page
// does. Two configurations: "local" is worker/wrangler.jsonc as `npm start` runs it (bank sandbox, loopback
// origins allowed, loopback clients not rate-limited); "deployed" is a test-bank deployment whose
// SHOP_ORIGINS lists the test page's origin only and whose checkout rate limit is 2 per hour.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT, startWorker } from "../../../demo/scripts/stack.mjs";
import { referenceMac } from "../../protocol/test/reference-seal.mjs";

const STACK = new URL("../../../demo/scripts/stack.mjs", import.meta.url).href;

/**
 * A local D1 folder with the worker's migrations applied, made once and kept in the temporary folder (applying them takes wrangler seconds; both browser runs and later runs reuse it). The
 * migration runs in a child process so that the runner's server stays responsive meanwhile.
 */
async function migratedTemplate() {
  const migrations = join(ROOT, "worker", "migrations");
  // Keyed by the migrations and by the worker's manifest (its wrangler version decides the storage format).
  const hash = createHash("sha256").update(readFileSync(join(ROOT, "worker", "package.json")));
  for (const file of readdirSync(migrations).sort()) {
    hash.update(file).update(readFileSync(join(migrations, file)));
  }
  const dir = join(tmpdir(), `sceau-d1-template-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(dir)) return dir;
  const fresh = mkdtempSync(`${dir}-`);
  const script = `import { migrate } from ${JSON.stringify(STACK)}; migrate(${JSON.stringify(fresh)});`;
  await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]);
  try {
    renameSync(fresh, dir);
  } catch {
    rmSync(fresh, { recursive: true, force: true }); // another run made it meanwhile
  }
  return dir;
}

/** The development key of worker/.dev.vars (public: the bank's documentation example). */
const DEV_KEY = "0123456789ABCDEF0123456789ABCDEF01234567";
/** The terminal of worker/wrangler.jsonc. */
const TPE = "7654321";

const CONFIGS = {
  local: () => ({}),
  // A real bank refuses the documentation's key and a weak admin token: test-only ones of its own.
  deployed: ({ origin }) => ({
    BANK: "monetico",
    BANK_ENV: "test",
    MERCHANT_KEY: "4F2A9C1E7B3D5F60718293A4B5C6D7E8F9012345",
    ADMIN_TOKEN: "wtr-deployed-admin-token-0f9e8d7c6b5a4f3e2d1c",
    SHOP_ORIGINS: origin,
    CHECKOUT_RATE_LIMIT: "2/3600",
  }),
};

const wait = (ms) => new Promise((resolve) => setTimeout(() => resolve(undefined), ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A shop page for another origin than the test page's (the test loads it in a frame from 127.0.0.1 or
 * localhost, whichever the page is not): the drop-in, a one-line cart, and the element's error posted to the
 * parent.
 */
const ORIGIN_PROBE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another shop</title>
<script type="module">
localStorage.setItem("sceau-cart", JSON.stringify({ v: 1, items: [{ sku: "CD-GOLDBERG", quantity: 1 }] }));
addEventListener("sceau-checkout-error", (event) => parent.postMessage({ code: event.detail.code }, "*"));
const endpoint = new URL(location.href).searchParams.get("endpoint");
document.body.innerHTML = '<sceau-checkout endpoint="' + encodeURI(endpoint) + '"></sceau-checkout>';
await import("/dist/sceau-checkout.js");
</script></head><body></body></html>`;

/** The Web Test Runner plugin. */
export function realWorker() {
  const workers = new Map();
  let work;
  let template;
  const log = [];

  async function start(name, payload) {
    work ??= mkdtempSync(join(tmpdir(), "sceau-wtr-worker-"));
    template ??= migratedTemplate();
    const persistTo = join(work, name);
    cpSync(await template, persistTo, { recursive: true });
    const worker = startWorker({
      port: await freePort(),
      inspectorPort: await freePort(),
      persistTo,
      vars: CONFIGS[name](payload),
      log: (line) => log.push(line),
    });
    try {
      await worker.ready();
    } catch (error) {
      throw new Error(`${error.message}\n${log.slice(-20).join("\n")}`);
    }
    return worker;
  }

  function worker(name, payload) {
    if (!CONFIGS[name]) throw new Error(`no worker configuration "${name}"`);
    if (!workers.has(name)) workers.set(name, start(name, payload));
    return workers.get(name);
  }

  return {
    name: "sceau-real-worker",
    serve(context) {
      if (context.path === "/real-worker/origin-probe.html")
        return { body: ORIGIN_PROBE, type: "html" };
      return undefined;
    },
    async executeCommand({ command, payload }) {
      if (command === "real-worker") {
        // A runner command must answer within 20 s, and a first start may take longer on a busy machine:
        // answer `{ starting: true }` until the worker is up (helpers.ts asks again).
        const started = worker(payload.name, payload);
        const ready = await Promise.race([started, wait(10_000)]);
        return ready ? { url: ready.url } : { starting: true };
      }
      if (command === "reference-mac") {
        // The seal the bank expects on a form the worker built, from the tests' own implementation.
        return referenceMac(DEV_KEY, "payment", payload.format, payload.fields);
      }
      if (command === "real-worker-retour") {
        // The bank's notification of an accepted payment, sealed by the reference, posted server to server.
        const { url } = await worker(payload.name, payload);
        const fields = {
          TPE,
          date: "30/11/2026_a_10:00:00", // recorded, never checked against the clock
          montant: payload.montant,
          reference: payload.reference,
          "texte-libre": "",
          "code-retour": "payetest",
          cvx: "oui",
          vld: "1229",
          brand: "VI",
          numauto: "123456",
        };
        const body = new URLSearchParams({
          ...fields,
          MAC: referenceMac(DEV_KEY, "notification", "v4", fields),
        });
        const response = await fetch(`${url}/api/retour`, { method: "POST", body });
        return response.text();
      }
      if (command === "real-worker-preflight") {
        // What the worker answers a browser's preflight from another origin (the page cannot read it).
        const { url } = await worker(payload.name, payload);
        const response = await fetch(`${url}${payload.path}`, {
          method: "OPTIONS",
          headers: { Origin: payload.origin, "Access-Control-Request-Method": "POST" },
        });
        return {
          status: response.status,
          allowOrigin: response.headers.get("access-control-allow-origin"),
          body: await response.text(),
        };
      }
      return undefined;
    },
    async serverStop() {
      const running = await Promise.allSettled(workers.values());
      await Promise.all(running.map((r) => r.status === "fulfilled" && r.value.stop()));
      if (work) rmSync(work, { recursive: true, force: true });
    },
  };
}
