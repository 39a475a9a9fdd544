#!/usr/bin/env node
// The root's `npm run deploy | doctor | catalog`: installs what is missing (pnpm and the workspace, as
// `npm test` does), then runs worker/scripts/<name>.ts with tsx in the worker's folder, passing the arguments.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDependencies, ensurePnpm } from "../../.ci/lib/toolchain.mjs";

ensureDependencies(ensurePnpm());
const here = dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2);
const child = spawnSync(process.execPath, ["--import", "tsx", join(here, `${name}.ts`), ...args], {
  cwd: join(here, ".."),
  stdio: "inherit",
});
process.exit(child.status ?? 1);
