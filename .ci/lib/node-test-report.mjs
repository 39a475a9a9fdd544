// A node:test reporter that writes the counts of a run as JSON (`numPassedTests`, `numFailedTests`,
// `numPendingTests`), the shape every runner of `npm test` reports in; suites are not tests.
export default async function* countReport(source) {
  let passed = 0;
  let failed = 0;
  let pending = 0;
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    if (event.data.details?.type === "suite") continue;
    if (event.data.skip || event.data.todo) pending += 1;
    else if (event.type === "test:pass") passed += 1;
    else failed += 1;
  }
  yield `${JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: pending })}\n`;
}
