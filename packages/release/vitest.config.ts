import { join } from "node:path";
import { defineConfig } from "vitest/config";

/** The default reporter, plus a JSON report when the root test command asks for one. */
function reporters(): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.SCEAU_TEST_REPORT_DIR;
  if (!dir) return ["default"];
  return ["default", ["json", { outputFile: join(dir, "release.json") }]];
}

// The global setup packs the public packages and installs the tarballs with npm into a temporary folder
// outside the workspace, once; every test file then uses that installation as a shop developer would.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    allowOnly: false,
    globalSetup: ["./test/install.global.ts"],
    reporters: reporters(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
