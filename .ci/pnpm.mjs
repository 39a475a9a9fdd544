#!/usr/bin/env node
// `node .ci/pnpm.mjs <args>`: runs the pinned pnpm with the workspace installed.
import { ensureDependencies, ensurePnpm, run } from "./lib/toolchain.mjs";

const pnpm = ensurePnpm();
ensureDependencies(pnpm);
process.exit(run(pnpm, process.argv.slice(2)));
