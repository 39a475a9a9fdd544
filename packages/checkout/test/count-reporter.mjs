// A Web Test Runner reporter that writes `$SCEAU_TEST_REPORT_DIR/<name>.json` as
// `{ "numPassedTests": N, "numFailedTests": M, "numPendingTests": S }`, counting test cases across every
// file (skipped ones apart: the root test command fails a run that skipped any).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function count(suite, totals) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite?.suites ?? []) count(child, totals);
}

/** The reporter, writing `<name>.json`; does nothing unless SCEAU_TEST_REPORT_DIR is set. */
export function countReporter(name = "wtr") {
  return {
    onTestRunFinished({ sessions }) {
      const dir = process.env.SCEAU_TEST_REPORT_DIR;
      if (!dir) return;
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        count(session.testResults, totals);
        // A file that failed to load, or failed outside any test, counts as one failure.
        if (!session.passed && totals.failed === before) totals.failed += 1;
      }
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, `${name}.json`),
        `${JSON.stringify({
          numPassedTests: totals.passed,
          numFailedTests: totals.failed,
          numPendingTests: totals.skipped,
        })}\n`,
      );
    },
  };
}
