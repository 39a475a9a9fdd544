#!/usr/bin/env node
// Prints the drop-in's minified, gzip and brotli sizes; fails above the gzip budget: 15 KB (15 000 bytes), raised
// to 15.5 KB by issue 12 (the schedule on the order-status page and a subscription's "then … per month", in six
// languages: ~530 bytes) until the bundle is split per language and per element.
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const BUDGET = 15_500; // bytes of gzip (level 9), decimal KB
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
