// The judgement of `npm test`: a runner that writes no report, skips, or runs under its floor fails; so do an
// inherited subset variable, a package that loses its `test` script and one nobody declared.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  judgeRunner,
  readReport,
  runAndJudge,
  subsetVariables,
  summaryLines,
  workspacePackages,
  workspaceProblems,
} from "../lib/tally.mjs";
import { ROOT } from "../lib/toolchain.mjs";
import { PACKAGES } from "../runners.mjs";

const work = mkdtempSync(join(tmpdir(), "sceau-tally-"));
after(() => rmSync(work, { recursive: true, force: true }));

const RUNNER = { report: "unit", floor: 3, what: "a runner" };

/** Runs a Node one-liner as a package's test script would run, reports in a fresh folder. */
function runScript(script, runners = [RUNNER]) {
  const dir = mkdtempSync(join(work, "run-"));
  return runAndJudge({
    label: "fixture",
    command: process.execPath,
    args: ["-e", script],
    runners,
    dir,
    env: process.env,
  });
}

/** A script line that writes the counts as the runner `name`'s report. */
const report = (name, counts) =>
  `require("node:fs").writeFileSync(require("node:path").join(process.env.SCEAU_TEST_REPORT_DIR, "${name}.json"), ${JSON.stringify(JSON.stringify(counts))});`;

describe("a runner's result", () => {
  it("fails a runner that exits 0 without writing its report", () => {
    const [row] = runScript("process.exit(0)");
    assert.equal(row.failed, 1);
    assert.deepEqual(row.problems, ["wrote no report"]);
  });

  it("counts a runner that reports enough passed tests, and nothing else", () => {
    const rows = runScript(report("unit", { numPassedTests: 3, numFailedTests: 0 }));
    assert.deepEqual(rows, [
      { name: "fixture unit", kind: "distinct", passed: 3, failed: 0, problems: [] },
    ]);
  });

  it("fails a runner under its floor", () => {
    const [row] = runScript(report("unit", { numPassedTests: 2, numFailedTests: 0 }));
    assert.equal(row.failed, 1);
    assert.deepEqual(row.problems, ["passed 2, fewer than its floor of 3"]);
  });

  it("fails every skipped or todo test", () => {
    const [row] = runScript(
      report("unit", { numPassedTests: 5, numPendingTests: 1, numTodoTests: 1 }),
    );
    assert.equal(row.failed, 2);
    assert.match(row.problems[0], /^skipped 2 test/);
  });

  it("fails a crash that reported nothing failed", () => {
    const [row] = runScript(
      `${report("unit", { numPassedTests: 5, numFailedTests: 0 })} process.exit(3);`,
    );
    assert.equal(row.failed, 1);
    assert.deepEqual(row.problems, ["exited with status 3"]);
  });

  it("fails a report that no runner declares", () => {
    const rows = runScript(
      report("unit", { numPassedTests: 5 }) + report("extra", { numPassedTests: 9 }),
    );
    assert.equal(rows.length, 2);
    assert.deepEqual(rows[1], {
      name: "fixture extra.json",
      kind: "check",
      passed: 0,
      failed: 1,
      problems: ["a report that no runner of .ci/runners.mjs declares"],
    });
  });

  it("reads an unreadable report as a failure, not as zero", () => {
    const file = join(work, "broken.json");
    writeFileSync(file, "{ not json");
    const row = judgeRunner("fixture", RUNNER, readReport(file));
    assert.equal(row.failed, 1);
    assert.match(row.problems[0], /^unreadable report/);
  });

  it("counts a rerun apart from distinct tests", () => {
    const row = judgeRunner("fixture", { ...RUNNER, rerunOf: "unit" }, { passed: 4, failed: 0 });
    assert.equal(row.kind, "rerun");
  });
});

describe("the workspace", () => {
  it("declares every package of this workspace, each with its test script", () => {
    assert.deepEqual(workspaceProblems(workspacePackages(ROOT), PACKAGES), []);
  });

  it("fails a package that lost its test script, and one nobody declared", () => {
    const declared = { "@x/a": [RUNNER], "@x/gone": [RUNNER], "@x/none": [] };
    const workspace = [
      { name: "@x/a", hasTest: false },
      { name: "@x/new", hasTest: true },
      { name: "@x/none", hasTest: false },
    ];
    assert.deepEqual(workspaceProblems(workspace, declared), [
      "@x/new is not in .ci/runners.mjs: declare its test runners (or [])",
      '@x/a has no "test" script',
      "@x/gone is in .ci/runners.mjs but not in the workspace",
    ]);
  });

  it("refuses inherited variables that select a subset of the tests", () => {
    assert.deepEqual(
      subsetVariables({
        E2E_ONLY: "3-D Secure",
        VITEST_FILTER: "x",
        WTR_GREP: "y",
        ONLY: "z",
        E2E_ONLY_EMPTY: "",
        npm_config_only: "prod",
        PATH: "/bin",
        BENCH_ONLY_NOT: "1",
      }),
      ["E2E_ONLY", "VITEST_FILTER", "WTR_GREP", "ONLY"],
    );
  });
});

describe("the summary", () => {
  const rows = [
    { name: "build", kind: "check", passed: 1, failed: 0, problems: [] },
    { name: "p node", kind: "distinct", passed: 10, failed: 1, problems: [] },
    { name: "p workerd", kind: "rerun", passed: 9, failed: 0, problems: [] },
  ];

  it("shows distinct tests, reruns and checks apart", () => {
    const lines = summaryLines(rows);
    assert.ok(lines.includes("distinct tests: 10, failed: 1"));
    assert.ok(lines.includes("reruns in other environments: 9, failed: 0"));
    assert.ok(lines.includes("checks (build, lint, typecheck, workspace): 1, failed: 0"));
  });

  it("ends with one line `N passed, N failed`, the only line of that form", () => {
    const lines = summaryLines(rows);
    assert.equal(lines.at(-1), "20 passed, 1 failed");
    assert.equal(lines.filter((l) => /\d+ passed, \d+ failed/.test(l)).length, 1);
  });
});
