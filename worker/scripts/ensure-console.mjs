#!/usr/bin/env node
// The worker's static assets are the merchant console's build (wrangler.jsonc, `assets`): wrangler refuses
// to start, test or build without that folder. Builds the console when it has never been built.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const consoleDir = fileURLToPath(new URL("../../packages/console/", import.meta.url));
if (!existsSync(`${consoleDir}dist/admin/index.html`)) {
  console.log(
    "[worker] building the merchant console (packages/console), the worker's static assets",
  );
  const result = spawnSync(`${consoleDir}node_modules/.bin/vite`, ["build", "--logLevel", "warn"], {
    cwd: consoleDir,
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}
