#!/usr/bin/env node
// `npm test`: installs what is missing, then builds, lints, typechecks and runs every test runner of the
// workspace, and ends with one line `N passed, N failed` summing them all.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensureBrowser } from "./lib/browser.mjs";
import { ensureDependencies, ensurePnpm, ROOT, run } from "./lib/toolchain.mjs";

const pnpm = ensurePnpm();
ensureDependencies(pnpm);

const chrome = ensureBrowser();
if (!chrome) {
  console.log(
    "No Chromium found: install it (Debian: apt-get install -y chromium) or set CHROME_PATH.",
  );
  process.exit(1);
}

const env = {
  ...process.env,
  CHROME_PATH: chrome,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};
const resultsDir = join(ROOT, ".test-results");
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

/** One row of the summary: a check (pass/fail) or a runner (counted tests). */
const rows = [];

function check(name, args) {
  console.log(`\n[sceau] ${name}: pnpm ${args.join(" ")}`);
  const ok = run(pnpm, args, { env }) === 0;
  rows.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
}

/** Sums the Jest-style JSON reports (vitest's `json` reporter, our WTR reporter) a runner wrote. */
function readReports(dir) {
  let passed = 0;
  let failed = 0;
  let found = false;
  if (!existsSync(dir)) return { passed, failed, found };
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    try {
      const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
      passed += report.numPassedTests ?? 0;
      failed += report.numFailedTests ?? 0;
      found = true;
    } catch {
      failed += 1;
    }
  }
  return { passed, failed, found };
}

function testPackage(pkg) {
  const dir = join(resultsDir, pkg.replace(/[@/]/g, "_"));
  mkdirSync(dir, { recursive: true });
  console.log(`\n[sceau] tests: ${pkg}`);
  const status = run(pnpm, ["--filter", pkg, "test"], {
    env: { ...env, SCEAU_TEST_REPORT_DIR: dir },
  });
  const { passed, failed, found } = readReports(dir);
  // A runner that failed without reporting a failed test (crash, config error) still counts as a failure.
  const extra = status !== 0 && failed === 0 ? 1 : 0;
  if (!found) console.log(`[sceau] ${pkg} wrote no test report`);
  rows.push({ name: `tests ${pkg}`, passed, failed: failed + extra });
}

function workspacePackagesWithTests() {
  const dirs = ["packages", "worker", "demo"].flatMap((top) => {
    const base = join(ROOT, top);
    if (!existsSync(base)) return [];
    if (existsSync(join(base, "package.json"))) return [base];
    return readdirSync(base).map((d) => join(base, d));
  });
  return dirs
    .filter((d) => existsSync(join(d, "package.json")))
    .map((d) => JSON.parse(readFileSync(join(d, "package.json"), "utf8")))
    .filter((p) => p.scripts?.test)
    .map((p) => p.name);
}

check("build", ["-r", "build"]);
check("lint", ["exec", "biome", "check", "."]);
check("typecheck", ["-r", "typecheck"]);
for (const pkg of workspacePackagesWithTests()) testPackage(pkg);
console.log("\n| step | passed | failed |\n| --- | ---: | ---: |");
for (const row of rows) console.log(`| ${row.name} | ${row.passed} | ${row.failed} |`);
const passed = rows.reduce((sum, r) => sum + r.passed, 0);
const failed = rows.reduce((sum, r) => sum + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
