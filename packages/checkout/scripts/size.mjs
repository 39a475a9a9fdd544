#!/usr/bin/env node
// Prints what each kind of shop page loads of the drop-in — minified, gzip and brotli bytes, summed over the
// files it fetches — and fails above the budgets: a product page (<sceau-add-to-cart>, <sceau-cart-count>)
// at most 12 KB gzip, the cart page (<sceau-checkout>) and the return page (<sceau-order-status>) at most
// 25 KB gzip in all (decimal KB, gzip level 9, each file compressed on its own as a server sends it).
// `--json` prints the figures as JSON for the benchmark.
import { readdirSync, readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const DIST = new URL("../dist/", import.meta.url);
const ENTRY = "sceau-checkout.js";

/** The page kinds: what each loads besides the entry, and its gzip budget in bytes. */
const PAGES = [
  { page: "product page", file: null, texts: null, budget: 12_000 },
  {
    page: "cart page",
    file: "sceau-checkout-cart.js",
    texts: /^sceau-checkout-cart-\w\w\.js$/,
    budget: 25_000,
  },
  {
    page: "return page",
    file: "sceau-checkout-status.js",
    texts: /^sceau-checkout-status-\w\w\.js$/,
    budget: 25_000,
  },
];

const sizes = new Map();
/** A file's minified, gzip and brotli bytes. */
function size(name) {
  if (!sizes.has(name)) {
    const code = readFileSync(new URL(name, DIST));
    sizes.set(name, {
      min: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: code.length,
        },
      }).length,
      imports: [
        ...code.toString().matchAll(/(?:from|import)\s*"\.\/(sceau-checkout[\w-]*\.js)"/g),
      ].map((m) => m[1]),
    });
  }
  return sizes.get(name);
}

/** A file and every file it imports statically, once each. */
function withImports(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const imported of size(name).imports) withImports(imported, seen);
  return seen;
}

const files = readdirSync(DIST);
const rows = PAGES.map(({ page, file, texts, budget }) => {
  const loaded = withImports(ENTRY);
  if (file) withImports(file, loaded);
  // The page's language: count the largest of the six.
  const language = texts
    ? files.filter((f) => texts.test(f)).sort((a, b) => size(b).gzip - size(a).gzip)[0]
    : undefined;
  if (language) loaded.add(language);
  const total = { min: 0, gzip: 0, brotli: 0 };
  for (const name of loaded) for (const key of Object.keys(total)) total[key] += size(name)[key];
  return { page, files: [...loaded], ...total, budget };
});

if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows));
} else {
  for (const r of rows) {
    const margin = r.budget - r.gzip;
    console.log(
      `${r.page}: ${r.min} bytes minified, ${r.gzip} bytes gzip, ${r.brotli} bytes brotli in ${r.files.length} ` +
        `file(s) (${r.files.join(", ")}; gzip budget ${r.budget}: ${margin >= 0 ? `${margin} bytes under` : `${-margin} bytes over`})`,
    );
  }
}
const over = rows.filter((r) => r.gzip > r.budget);
for (const r of over)
  console.error(
    `The ${r.page} is over its ${r.budget}-byte gzip budget by ${r.gzip - r.budget} bytes`,
  );
if (over.length > 0) process.exit(1);
