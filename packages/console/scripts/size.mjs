#!/usr/bin/env node
// Prints the console's first load (what the browser fetches before the sign-in form shows: index.html and the
// scripts and styles it links) and the whole build, raw and gzip -9.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const DIST = fileURLToPath(new URL("../dist/admin/", import.meta.url));

/** The files index.html links (scripts, module preloads, styles), as paths under dist/admin/. */
export function firstLoadFiles(html) {
  const linked = [...html.matchAll(/(?:src|href)="\/admin\/(assets\/[^"]+\.(?:js|css))"/g)];
  return ["index.html", ...new Set(linked.map((m) => m[1]))];
}

/** Raw and gzip -9 bytes of files under dist/admin/. */
export function measure(files, dir = DIST) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files: files.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const first = measure(firstLoadFiles(readFileSync(join(DIST, "index.html"), "utf8")));
  const all = measure([
    "index.html",
    ...readdirSync(join(DIST, "assets")).map((f) => `assets/${f}`),
  ]);
  console.log(
    `console first load: ${first.files} files, ${first.raw} bytes, ${first.gzip} bytes gzip; ` +
      `whole console: ${all.files} files, ${all.raw} bytes, ${all.gzip} bytes gzip`,
  );
}
