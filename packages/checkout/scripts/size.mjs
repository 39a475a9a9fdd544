#!/usr/bin/env node
// Prints the drop-in's minified, gzip and brotli sizes; fails above the 15 KB (15 000 bytes) gzip budget.
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const BUDGET = 15_000; // bytes of gzip (level 9), decimal KB as in the issue
const file = new URL("../dist/sceau-checkout.js", import.meta.url);
const code = readFileSync(file);
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length },
}).length;
const margin = BUDGET - gzip;
console.log(
  `dist/sceau-checkout.js: ${code.length} bytes minified, ${gzip} bytes gzip, ${brotli} bytes brotli ` +
    `(gzip budget ${BUDGET}: ${margin >= 0 ? `${margin} bytes under` : `${-margin} bytes over`})`,
);
if (margin < 0) {
  console.error(`Over the ${BUDGET}-byte gzip budget by ${-margin} bytes`);
  process.exit(1);
}
