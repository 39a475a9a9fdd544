import { join } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/** The default reporter, plus a JSON report when the root test command asks for one. */
function reporters(): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.SCEAU_TEST_REPORT_DIR;
  if (!dir) return ["default"];
  return ["default", ["json", { outputFile: join(dir, "worker.json") }]];
}

// Every test runs inside workerd with the worker's own wrangler.jsonc (vars, .dev.vars secrets) and a
// fresh local D1 to which the migrations are applied.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.jsonc" },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
      }),
    ],
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      setupFiles: ["./test/apply-migrations.ts"],
      reporters: reporters(),
    },
  };
});
