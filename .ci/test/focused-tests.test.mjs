// A `.only` (or a skipped test) committed in any package fails `npm test`: each test runner of the workspace is
// run on a planted copy, and so is Biome. Planted files are written beside the real tests (so the runners'
// own `include` patterns pick them) and removed afterwards.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, describe, it } from "node:test";
import { runAndJudge, workspacePackages } from "../lib/tally.mjs";
import { ROOT } from "../lib/toolchain.mjs";

const work = mkdtempSync(join(tmpdir(), "sceau-focused-"));
const planted = new Set();
after(() => {
  for (const file of planted) rmSync(file, { force: true });
  rmSync(work, { recursive: true, force: true });
});

/** Writes a test file into the tree, removed when this file's tests end. */
function plant(path, text) {
  planted.add(path);
  writeFileSync(path, text);
  return path;
}

/**
 * The environment of a planted run: no report folder (the run is not one of `npm test`'s runners), and no
 * `CI` (vitest forbids `.only` when `CI` is set whatever its config says: the config must forbid it alone).
 */
function plainEnv() {
  const env = { ...process.env };
  delete env.CI;
  delete env.SCEAU_TEST_REPORT_DIR;
  return env;
}

/** Runs a command to its end: `{ status, output }`. */
function exec(command, args, cwd, env = plainEnv()) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("close", (status) => resolve({ status, output }));
  });
}

const VITEST_ONLY = `import { expect, it } from "vitest";
it.only("planted focused test", () => {
  expect(1).toBe(1);
});
it("a test the focus would leave out", () => {
  expect(1).toBe(1);
});
`;

/** The folder a config's first `include` pattern starts with (`src` when it names none). */
function testFolder(configPath) {
  const include = /include:\s*\[\s*"([\w-]+)\//.exec(readFileSync(configPath, "utf8"));
  return include?.[1] ?? "src";
}

const vitestConfigs = workspacePackages(ROOT).flatMap((pkg) =>
  readdirSync(pkg.dir)
    .filter((file) => /^vitest(\.[\w-]+)?\.config\.[mc]?[jt]s$/.test(file))
    .map((config) => ({ pkg, config, folder: testFolder(join(pkg.dir, config)) })),
);

// The planted runs are independent: run them side by side.
describe("a planted focused test", { concurrency: 3 }, () => {
  describe("vitest refuses a focused test in every config", () => {
    it("finds the workspace's vitest configs", () => {
      assert.ok(vitestConfigs.length >= 4, vitestConfigs.map((c) => c.config).join(", "));
    });

    for (const { pkg, config, folder } of vitestConfigs) {
      it(`${relative(ROOT, join(pkg.dir, config))}`, async () => {
        const file = plant(
          join(pkg.dir, folder, `zz-planted-only.${config.replace(/\./g, "-")}.test.ts`),
          VITEST_ONLY,
        );
        const { status, output } = await exec(
          join(pkg.dir, "node_modules", ".bin", "vitest"),
          ["run", "--config", config, relative(pkg.dir, file)],
          pkg.dir,
        );
        assert.notEqual(status, 0, output);
        assert.match(output, /Unexpected \.only modifier/);
      });
    }
  });

  describe("a focused test fails the package's runner in npm test", () => {
    it("counts the planted run as failed", () => {
      const pkg = workspacePackages(ROOT).find((p) => p.name === "@sceau/bank-sandbox");
      assert.ok(pkg);
      const file = plant(join(pkg.dir, "src", "zz-planted-only-chain.test.ts"), VITEST_ONLY);
      const rows = runAndJudge({
        label: pkg.name,
        command: join(pkg.dir, "node_modules", ".bin", "vitest"),
        args: ["run", relative(pkg.dir, file)],
        runners: [{ report: "sandbox", floor: 1, what: "the planted file" }],
        dir: mkdtempSync(join(work, "reports-")),
        env: plainEnv(),
        cwd: pkg.dir,
        stdio: "ignore",
      });
      assert.deepEqual(rows, [
        {
          name: "@sceau/bank-sandbox sandbox",
          kind: "distinct",
          passed: 0,
          failed: 3,
          problems: [
            "skipped 1 test(s): a test runs or is deleted",
            "passed 0, fewer than its floor of 1",
          ],
        },
      ]);
    });
  });

  describe("the browser runner refuses a focused test", () => {
    it("packages/checkout/web-test-runner.config.mjs", async () => {
      const dir = join(ROOT, "packages", "checkout");
      const file = plant(
        join(dir, "src", "zz-planted-only.test.ts"),
        `import { expect } from "@open-wc/testing";
  it.only("planted focused test", () => {
    expect(1).to.equal(1);
  });
  it("a test the focus would leave out", () => {
    expect(1).to.equal(1);
  });
  `,
      );
      const { status, output } = await exec(
        join(dir, "node_modules", ".bin", "wtr"),
        ["--files", relative(dir, file)],
        dir,
      );
      assert.notEqual(status, 0, output);
      assert.match(output, /\.only` forbidden/);
    });

    it("the drop-in run keeps the same test framework settings", async () => {
      const base = (await import(join(ROOT, "packages", "checkout", "web-test-runner.config.mjs")))
        .default;
      const dropIn = (
        await import(join(ROOT, "packages", "checkout", "web-test-runner.drop-in.config.mjs"))
      ).default;
      assert.equal(base.testFramework.config.forbidOnly, true);
      assert.deepEqual(dropIn.testFramework, base.testFramework);
    });
  });

  describe("Biome refuses focused, skipped and conditional tests", () => {
    it("errs on .only, .skip, skipIf and todo", async () => {
      const file = plant(
        join(ROOT, "packages", "protocol", "src", "zz-planted-lint.test.ts"),
        `import { describe, expect, it } from "vitest";
  describe.only("focused", () => {
    it.skip("skipped", () => {
      expect(1).toBe(1);
    });
    it.skipIf(true)("skipped under a condition", () => {
      expect(1).toBe(1);
    });
    it.todo("never written");
  });
  `,
      );
      const { status, output } = await exec(
        join(ROOT, "node_modules", ".bin", "biome"),
        ["lint", "--max-diagnostics=50", relative(ROOT, file)],
        ROOT,
      );
      assert.notEqual(status, 0, output);
      assert.match(output, /Found 4 errors/);
      assert.match(output, /noFocusedTests/);
      assert.match(output, /noSkippedTests/);
      assert.equal((output.match(/runs only under a condition, or not at all/g) ?? []).length, 2);
    });
  });
});
