// The judgement of `npm test`, apart from running anything: which inherited variables it refuses, which
// packages it expects, what a runner's report is worth against its floor, and the summary it prints.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Names of inherited environment variables that would make a runner test a subset (`E2E_ONLY`, any
 * `*_ONLY`, `*_GREP`, `*_FILTER`). npm's own `npm_*` settings are not the suite's.
 */
export function subsetVariables(env) {
  return Object.keys(env)
    .filter((name) => !name.startsWith("npm_") && /(^|_)(ONLY|GREP|FILTER)$/i.test(name))
    .filter((name) => env[name] !== undefined && env[name] !== "");
}

/** Every workspace package (folders of `packages/`, `worker`, `demo`): `{ name, dir, hasTest }`. */
export function workspacePackages(root) {
  const dirs = ["packages", "worker", "demo"].flatMap((top) => {
    const base = join(root, top);
    if (!existsSync(base)) return [];
    if (existsSync(join(base, "package.json"))) return [base];
    return readdirSync(base).map((d) => join(base, d));
  });
  return dirs
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return { name: manifest.name, dir, hasTest: Boolean(manifest.scripts?.test) };
    });
}

/** What is wrong between the workspace and the table of expected runners, one sentence each. */
export function workspaceProblems(workspace, declared) {
  const problems = [];
  for (const pkg of workspace) {
    if (!(pkg.name in declared)) {
      problems.push(`${pkg.name} is not in .ci/runners.mjs: declare its test runners (or [])`);
    }
  }
  for (const [name, runners] of Object.entries(declared)) {
    const pkg = workspace.find((p) => p.name === name);
    if (!pkg) problems.push(`${name} is in .ci/runners.mjs but not in the workspace`);
    else if (runners.length > 0 && !pkg.hasTest) problems.push(`${name} has no "test" script`);
  }
  return problems;
}

/**
 * Reads a runner's JSON report (vitest's `json` reporter and ours write the same counts):
 * `{ passed, failed, skipped }`, `undefined` when there is none, `{ unreadable }` when it cannot be read.
 */
export function readReport(file) {
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, "utf8"));
    const count = (key) => (Number.isInteger(report[key]) ? report[key] : 0);
    return {
      passed: count("numPassedTests"),
      failed: count("numFailedTests"),
      skipped: count("numPendingTests") + count("numTodoTests"),
    };
  } catch (error) {
    return { unreadable: String(error) };
  }
}

/**
 * One summary row for a declared runner and what it reported: a missing or unreadable report, a skipped
 * test and a count under the floor are failures, with the reason in `problems`.
 */
export function judgeRunner(pkg, runner, report) {
  const row = {
    name: `${pkg} ${runner.report}`,
    kind: runner.rerunOf ? "rerun" : "distinct",
    passed: 0,
    failed: 0,
    problems: [],
  };
  if (report === undefined) {
    row.failed = 1;
    row.problems.push("wrote no report");
    return row;
  }
  if (report.unreadable) {
    row.failed = 1;
    row.problems.push(`unreadable report: ${report.unreadable}`);
    return row;
  }
  row.passed = report.passed;
  row.failed = report.failed;
  if (report.skipped > 0) {
    row.failed += report.skipped;
    row.problems.push(`skipped ${report.skipped} test(s): a test runs or is deleted`);
  }
  if (report.passed < runner.floor) {
    row.failed += 1;
    row.problems.push(`passed ${report.passed}, fewer than its floor of ${runner.floor}`);
  }
  return row;
}

/** Reports in `dir` that no declared runner claims (a new runner must be declared to count). */
export function undeclaredReports(dir, runners) {
  if (!existsSync(dir)) return [];
  const known = new Set(runners.map((r) => `${r.report}.json`));
  return readdirSync(dir).filter((file) => file.endsWith(".json") && !known.has(file));
}

/**
 * Runs one command (a package's `test` script, the CI's own tests) with `$SCEAU_TEST_REPORT_DIR` = `dir` and
 * returns a row per declared runner, plus one per report nobody declared. A command that fails without any
 * runner reporting a failure (a crash, a config error) fails its first runner.
 */
export function runAndJudge({ label, command, args, runners, dir, env, cwd, stdio = "inherit" }) {
  mkdirSync(dir, { recursive: true });
  const result = spawnSync(command, args, {
    cwd,
    stdio,
    env: { ...env, SCEAU_TEST_REPORT_DIR: dir },
  });
  const status = result.error ? String(result.error) : (result.status ?? result.signal);
  const rows = runners.map((runner) =>
    judgeRunner(label, runner, readReport(join(dir, `${runner.report}.json`))),
  );
  if (status !== 0 && rows.every((row) => row.failed === 0)) {
    rows[0].failed += 1;
    rows[0].problems.push(`exited with status ${status}`);
  }
  for (const file of undeclaredReports(dir, runners)) {
    rows.push({
      name: `${label} ${file}`,
      kind: "check",
      passed: 0,
      failed: 1,
      problems: ["a report that no runner of .ci/runners.mjs declares"],
    });
  }
  return rows;
}

const KINDS = [
  ["check", "checks (build, lint, typecheck, workspace)"],
  ["distinct", "distinct tests"],
  ["rerun", "reruns in other environments"],
];

/**
 * The summary: a table of every row (with the seconds its command took, when known), a line per kind, and
 * last, alone, `N passed, N failed` over all rows
 * (a failed rerun or check fails the run as much as a failed test).
 */
export function summaryLines(rows) {
  const lines = [
    "",
    "| step | kind | passed | failed | seconds | problems |",
    "| --- | --- | ---: | ---: | ---: | --- |",
  ];
  for (const row of rows) {
    const cells = [row.name, row.kind, row.passed, row.failed, row.seconds ?? "", row.problems];
    lines.push(`| ${cells.map((c) => (Array.isArray(c) ? c.join("; ") : c)).join(" | ")} |`);
  }
  lines.push("");
  for (const [kind, label] of KINDS) {
    const of = rows.filter((r) => r.kind === kind);
    const passed = of.reduce((sum, r) => sum + r.passed, 0);
    const failed = of.reduce((sum, r) => sum + r.failed, 0);
    lines.push(`${label}: ${passed}, failed: ${failed}`);
  }
  const passed = rows.reduce((sum, r) => sum + r.passed, 0);
  const failed = rows.reduce((sum, r) => sum + r.failed, 0);
  lines.push("", `${passed} passed, ${failed} failed`);
  return lines;
}
