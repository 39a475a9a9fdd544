#!/usr/bin/env node
/**
 * `npm run catalog`: the merchant's catalog as a file in their repository.
 *
 * - `check [file]`: reads and checks the file, offline;
 * - `push [file] [--local | --remote] [--yes]`: shows what differs from the D1 products table and applies it;
 * - `pull [--local | --remote]`: prints the table as catalog.json, to start from what is on sale.
 *
 * `file` defaults to catalog.json where npm was run; `.csv` files are read as CSV. `--remote` is the deployed
 * database (wrangler.production.jsonc, written by `npm run deploy`).
 * @module
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatAmount } from "@sceau/protocol";
import { type CatalogEntry, catalogFileProduct, readCatalogFile } from "../src/catalog-file.ts";
import {
  type CatalogChange,
  catalogDiff,
  catalogStatements,
  PRODUCTS_SQL,
} from "../src/db/catalog-sync.ts";
import { type ProductRow, productJson } from "../src/db/products.ts";
import { type D1Target, d1ExecuteFile, d1Query } from "./d1.ts";
import { confirm } from "./terminal.ts";
import { WORKER_DIR } from "./wrangler-cli.ts";
import { PRODUCTION_CONFIG } from "./wrangler-config.ts";

const HELP = `npm run catalog -- <check | push | pull> [file] [options]

  check [file]     read and check the catalog file (default catalog.json; .csv read as CSV)
  push [file]      show what differs from the D1 products table, then apply it
  pull             print the products table as catalog.json

  --local          the local database of npm start / wrangler dev (default)
  --remote         the deployed database (${PRODUCTION_CONFIG}, from npm run deploy)
  --persist-to <d> the local database's folder, when not wrangler's default
  --yes            apply without asking
  -h, --help       this text

A product: { "sku", "name", "description"?, "unitAmount" (minor units: 1499 = 14.99), "currency"?
(the file's "currency" by default), "active"? (true), "maxInstalments"? (1–4), "vatRate"? (percent, 20 by default),
"ships"? (true; false: nothing to send), "weight"? (grams, 0), "stock"? (units; absent: not counted — a starting
stock, set when the product is added or starts being counted, then moved by sales and the admin API),
"subscription"? (false; true: sold per period on a recurring terminal, whose RECURRING_* settings
say how often and how many times) }.
Products on sale that the file does not list are taken off sale (never deleted).`;

/** The diff as lines a merchant reads before saying yes. */
export function describeChanges(changes: readonly CatalogChange[]): string {
  return changes
    .map((change) => {
      if (change.kind === "retire")
        return `  - ${change.sku}: taken off sale (absent from the file)`;
      const e = change.entry as CatalogEntry;
      if (change.kind === "add") {
        return `  + ${e.sku}: ${e.name}, ${formatAmount(e.unitAmount, e.currency)}${e.active ? "" : " (not on sale)"}`;
      }
      const fields = change.fields.map(
        (f) => `${f.member} ${JSON.stringify(f.from)} → ${JSON.stringify(f.to)}`,
      );
      return `  ~ ${e.sku}: ${fields.join(", ")}`;
    })
    .join("\n");
}

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    local: { type: "boolean" },
    remote: { type: "boolean" },
    "persist-to": { type: "string" },
    yes: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
const [command, fileArgument] = positionals;
if (flags.help || !command || !["check", "push", "pull"].includes(command)) {
  console.log(HELP);
  process.exit(flags.help ? 0 : 2);
}

const cwd = process.env.INIT_CWD ?? process.cwd();
const file = resolve(cwd, fileArgument ?? "catalog.json");
const target: D1Target = {
  remote: flags.remote === true,
  ...(flags.remote && { config: PRODUCTION_CONFIG }),
  ...(flags["persist-to"] && { persistTo: resolve(cwd, flags["persist-to"]) }),
};
if (target.remote && !existsSync(join(WORKER_DIR, PRODUCTION_CONFIG))) {
  console.error(`--remote needs worker/${PRODUCTION_CONFIG}: run npm run deploy first.`);
  process.exit(2);
}

function currentRows(): ProductRow[] {
  const result = d1Query<ProductRow>(PRODUCTS_SQL, target);
  if ("error" in result) {
    console.error(
      `Could not read the products table: ${result.error}\n(Are the migrations applied?)`,
    );
    process.exit(1);
  }
  return result.rows;
}

if (command === "pull") {
  const products = currentRows().map((row) => catalogFileProduct(productJson(row)));
  console.log(JSON.stringify({ products }, null, 2));
  process.exit(0);
}

if (!existsSync(file)) {
  console.error(`${file} does not exist (npm run catalog -- pull > catalog.json starts one).`);
  process.exit(2);
}
const reading = readCatalogFile(file, readFileSync(file, "utf8"));
if (!reading.ok) {
  console.error(`${file}: ${reading.problems.length} problem(s)`);
  for (const p of reading.problems) console.error(`  ${p.at}: ${p.message}`);
  process.exit(1);
}
console.log(`${file}: ${reading.products.length} products, valid.`);
if (command === "check") process.exit(0);

const changes = catalogDiff(currentRows(), reading.products);
const where = target.remote ? "the deployed database" : "the local database";
if (changes.length === 0) {
  console.log(`Nothing to change in ${where}.`);
  process.exit(0);
}
console.log(`\nChanges to ${where}:\n${describeChanges(changes)}\n`);
if (!flags.yes && !(process.stdin.isTTY && (await confirm("Apply them?", false)))) {
  console.log(
    process.stdin.isTTY
      ? "Nothing applied."
      : "Nothing applied: run with --yes to apply without a terminal.",
  );
  process.exit(flags.yes ? 0 : 1);
}
const dir = mkdtempSync(join(tmpdir(), "sceau-catalog-"));
try {
  const sql = join(dir, "catalog.sql");
  writeFileSync(sql, `${catalogStatements(changes, new Date().toISOString()).join("\n")}\n`);
  d1ExecuteFile(sql, target);
  console.log(`Applied ${changes.length} change(s) to ${where}.`);
} catch (error) {
  console.error(`The push failed:\n${(error as Error).message}`);
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
