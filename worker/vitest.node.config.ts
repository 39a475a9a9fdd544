import { join } from "node:path";
import { defineConfig } from "vitest/config";

/** The default reporter, plus a JSON report when the root test command asks for one. */
function reporters(): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.SCEAU_TEST_REPORT_DIR;
  if (!dir) return ["default"];
  return ["default", ["json", { outputFile: join(dir, "worker-scripts.json") }]];
}

// The merchant's command-line scripts (deploy, doctor, catalog) run in Node, beside wrangler: their tests
// too. The worker's own tests run inside workerd (vitest.config.ts).
export default defineConfig({
  test: {
    include: ["scripts/**/*.test.ts"],
    environment: "node",
    allowOnly: false,
    reporters: reporters(),
    testTimeout: 60_000,
  },
});
