#!/usr/bin/env node
// Prints the drop-in's minified and gzipped size; fails above the 15 KB gzip budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 15 * 1024;
const file = new URL("../dist/sceau-checkout.js", import.meta.url);
const code = readFileSync(file);
const gzip = gzipSync(code, { level: 9 }).length;
console.log(
  `dist/sceau-checkout.js: ${code.length} bytes minified, ${gzip} bytes gzip (budget ${BUDGET})`,
);
if (gzip > BUDGET) {
  console.error(`Over budget by ${gzip - BUDGET} bytes`);
  process.exit(1);
}
