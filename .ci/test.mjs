#!/usr/bin/env node
// `npm test`: installs what is missing, then builds, lints, typechecks and runs every test runner of the
// workspace, checks each against what .ci/runners.mjs expects of it, and ends with one line
// `N passed, N failed` summing them all.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensureBrowser } from "./lib/browser.mjs";
import {
  runAndJudge,
  subsetVariables,
  summaryLines,
  workspacePackages,
  workspaceProblems,
} from "./lib/tally.mjs";
import { ensureDependencies, ensurePnpm, ROOT, run } from "./lib/toolchain.mjs";
import { CI_SELF_TESTS, PACKAGES } from "./runners.mjs";

/** One row per check and per runner (see summaryLines). */
const rows = [];

function finish() {
  for (const line of summaryLines(rows)) console.log(line);
  process.exit(rows.some((r) => r.failed > 0) ? 1 : 0);
}

const subset = subsetVariables(process.env);
if (subset.length > 0) {
  console.log(
    `[sceau] npm test runs everything; unset ${subset.join(", ")} (it selects a subset).`,
  );
  rows.push({ name: "environment", kind: "check", passed: 0, failed: 1, problems: subset });
  finish();
}

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

const seconds = (since) => Math.round((Date.now() - since) / 1000);

function check(name, args) {
  console.log(`\n[sceau] ${name}: pnpm ${args.join(" ")}`);
  const started = Date.now();
  const ok = run(pnpm, args, { env }) === 0;
  rows.push({
    name,
    kind: "check",
    passed: ok ? 1 : 0,
    failed: ok ? 0 : 1,
    problems: [],
    seconds: seconds(started),
  });
}

/** Runs a command whose runners write their reports, and records the judgement of each. */
function runRunners(label, command, args, runners) {
  console.log(`\n[sceau] tests: ${label}`);
  const dir = join(resultsDir, label.replace(/[@/]/g, "_"));
  const started = Date.now();
  const judged = runAndJudge({ label, command, args, runners, dir, env, cwd: ROOT });
  judged[0].seconds = seconds(started);
  for (const row of judged) {
    for (const problem of row.problems) console.log(`[sceau] ${row.name}: ${problem}`);
  }
  rows.push(...judged);
}

const workspace = workspacePackages(ROOT);
const problems = workspaceProblems(workspace, PACKAGES);
for (const problem of problems) console.log(`[sceau] ${problem}`);
rows.push({
  name: "workspace",
  kind: "check",
  passed: problems.length === 0 ? 1 : 0,
  failed: problems.length,
  problems,
});

check("build", ["-r", "build"]);
check("lint", ["exec", "biome", "check", "."]);
check("typecheck", ["-r", "typecheck"]);
runRunners(
  "ci",
  process.execPath,
  [
    "--test",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    `--test-reporter=${join(ROOT, ".ci", "lib", "node-test-report.mjs")}`,
    `--test-reporter-destination=${join(resultsDir, "ci", `${CI_SELF_TESTS.report}.json`)}`,
    join(ROOT, ".ci", "test"),
  ],
  [CI_SELF_TESTS],
);
for (const pkg of workspace) {
  const runners = PACKAGES[pkg.name] ?? [];
  if (runners.length > 0 && pkg.hasTest) {
    runRunners(pkg.name, pnpm, ["--filter", pkg.name, "test"], runners);
  }
}
finish();
