import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/** The default reporter, plus a JSON report when the root test command asks for one. */
function reporters(): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.SCEAU_TEST_REPORT_DIR;
  if (!dir) return ["default"];
  return ["default", ["json", { outputFile: join(dir, "worker.json") }]];
}

/** Every file of a package's build (name → text), for the "no secret in the bundle" tests. */
function packageDist(name: string): Record<string, string> {
  const root = join(import.meta.dirname, "..", "packages", name, "dist");
  if (!existsSync(root)) return {};
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|mjs|map|css|d\.ts|html)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(root, path)] = readFileSync(path, "utf8");
  }
  return files;
}

/** The worker's own source files (tests excluded), path → text, for the layering test. */
function workerSources(): Record<string, string> {
  const root = join(import.meta.dirname, "src");
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts") || entry.name.endsWith(".test.ts")) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(root, path)] = readFileSync(path, "utf8");
  }
  return files;
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
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_CHECKOUT_DIST: packageDist("checkout"),
            TEST_CONSOLE_DIST: packageDist("console"),
            TEST_WORKER_SOURCES: workerSources(),
          },
        },
      }),
    ],
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      setupFiles: ["./test/apply-migrations.ts", "./test/secret-scan.ts"],
      reporters: reporters(),
    },
  };
});
