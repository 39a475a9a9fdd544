#!/usr/bin/env node
// Vite's library mode keeps whitespace: minify the drop-in fully with esbuild, in place. `build` (not
// `transform`) so that top-level names are shortened and unused code is dropped too.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const file = fileURLToPath(new URL("../dist/sceau-checkout.js", import.meta.url));
await build({
  entryPoints: [file],
  outfile: file,
  allowOverwrite: true,
  bundle: false,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
