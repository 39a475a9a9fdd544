// The protocol's seal and Retour verification measured inside workerd, the runtime the worker deploys to.
// workerd stops its clocks while a request computes (a Spectre mitigation), so the time is taken from
// outside: a request that runs an operation N times against one that runs it once, per-operation cost =
// (t(N) − t(1)) / (N − 1), median of several rounds. The same code is measured in Node in the same run.
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "../scripts/stack.mjs";

const fromWrangler = createRequire(
  createRequire(join(ROOT, "worker", "package.json")).resolve("wrangler/package.json"),
);
const { Miniflare } = fromWrangler("miniflare");
const esbuild = fromWrangler("esbuild");

const KEY = "0123456789ABCDEF0123456789ABCDEF01234567";

/** The script run in workerd and in Node: `run(kind, n)` does one operation `n` times. */
const SOURCE = `
import { createTerminal, importKey, paymentMacData, seal } from "./packages/protocol/src/index.ts";
import allerV4 from "./packages/protocol/test/vectors/aller-v4.json";
import retourV4 from "./packages/protocol/test/vectors/retour-v4.json";
const key = await importKey(${JSON.stringify(KEY)});
const terminal = await createTerminal({ tpe: "1234567", key: ${JSON.stringify(KEY)}, societe: "monSite1", format: "v4", bank: "monetico" });
const aller = allerV4.vectors[0].fields;
const r4 = retourV4.vectors[0];
const body = new URLSearchParams({ ...r4.fields, MAC: r4.mac }).toString();
export async function run(kind, n) {
  for (let i = 0; i < n; i++) {
    if (kind === "seal") await seal(key, paymentMacData(aller, "v4"));
    else await terminal.verifyNotification(body);
  }
}
export default {
  async fetch(request) {
    const url = new URL(request.url);
    await run(url.searchParams.get("kind"), Number(url.searchParams.get("n")));
    return new Response("ok");
  },
};
`;

async function bundle() {
  const result = await esbuild.build({
    stdin: { contents: SOURCE, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
  });
  return result.outputFiles[0].text;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Milliseconds per operation of `call(kind, n)`, from the difference between n = N and n = 1. */
async function perOperation(call, kind, n, rounds) {
  const times = { one: [], many: [] };
  for (let round = 0; round < rounds; round++) {
    for (const [size, into] of [
      [1, times.one],
      [n, times.many],
    ]) {
      const t0 = performance.now();
      await call(kind, size);
      into.push(performance.now() - t0);
    }
  }
  return Math.max(0, median(times.many) - median(times.one)) / (n - 1);
}

/**
 * Measures `seal` (a v4 payment string, sealed) and `verify` (a v4 Retour body → verified, typed
 * notification) in workerd and in Node; resolves with milliseconds per operation for each.
 */
export async function protocolInWorkerd({ n = 2000, rounds = 7 } = {}) {
  const script = await bundle();
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: "2026-04-01",
    cf: false,
  });
  try {
    const url = await mf.ready;
    const inWorkerd = async (kind, size) => {
      const response = await mf.dispatchFetch(new URL(`/?kind=${kind}&n=${size}`, url));
      await response.text();
    };
    const { run } = await import(
      `data:text/javascript;base64,${Buffer.from(script).toString("base64")}`
    );
    const results = [];
    for (const kind of ["seal", "verify"]) {
      await inWorkerd(kind, 200); // warm-up
      await run(kind, 200);
      results.push({
        kind,
        workerdMs: await perOperation(inWorkerd, kind, n, rounds),
        nodeMs: await perOperation(run, kind, n, rounds),
      });
    }
    return results;
  } finally {
    await mf.dispose();
  }
}
