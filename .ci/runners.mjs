// What `npm test` expects, in one place: every workspace package, the test runners its `test` script runs
// (each writes `<report>.json` into $SCEAU_TEST_REPORT_DIR) and the fewest tests each must pass (its floor).
//
// The run fails when a workspace package is missing from this table, a listed package has no `test` script,
// a runner writes no report, writes one that is not listed, skips a test, or passes fewer tests than its
// floor. A new package (packages/console, …) adds its line here: `[]` while it has no tests, then one entry
// per runner. Floors follow the suites: raise them when tests are added; lower one only in the commit that
// removes tests on purpose, and say why in its message.
//
// `rerunOf` marks a runner that runs (part of) another runner's tests again in another environment: the
// summary counts those as reruns, not as distinct tests.

/** @type {Record<string, { report: string; floor: number; what: string; rerunOf?: string }[]>} */
export const PACKAGES = {
  "@sceau/protocol": [
    { report: "node", floor: 223, what: "unit, property and vector tests in Node" },
    { report: "workerd", floor: 180, what: "the same, inside workerd", rerunOf: "node" },
  ],
  "@sceau/bank-sandbox": [
    { report: "sandbox", floor: 237, what: "the sandbox's routes and clock" },
  ],
  "@sceau/checkout": [
    { report: "wtr", floor: 201, what: "elements in Chromium, from the sources" },
    {
      report: "wtr-drop-in",
      floor: 153,
      what: "the element tests again, on the built drop-in",
      rerunOf: "wtr",
    },
  ],
  "@sceau/console": [
    { report: "wtr", floor: 79, what: "the console's pages and elements in Chromium" },
  ],
  "@sceau/worker": [
    { report: "worker", floor: 510, what: "the worker in workerd with a local D1" },
    {
      report: "worker-scripts",
      floor: 17,
      what: "the merchant's deploy, doctor and catalog scripts in Node",
    },
  ],
  "@sceau/release": [
    {
      report: "release",
      floor: 21,
      what: "the packed packages installed with npm outside the workspace",
    },
  ],
  "@sceau/demo": [
    { report: "e2e", floor: 21, what: "purchases in Chromium through the whole stack" },
  ],
};

/** The CI's own tests (`.ci/test/*.test.mjs`, node:test): the guards above, proven. */
export const CI_SELF_TESTS = {
  report: "self-tests",
  floor: 22,
  what: "the guards of npm test, proven",
};
