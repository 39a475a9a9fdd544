// Brings the pinned pnpm into `.tools/` and the workspace's dependencies, so the root scripts work on a
// machine that has only Node and npm (no global install, no corepack download).
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const PNPM_VERSION = "12.21.0";
const TOOLS = join(ROOT, ".tools");
const PNPM_BIN = join(TOOLS, "node_modules", ".bin", "pnpm");

/** Runs a command in the repository root, inheriting stdio; returns its exit status. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Returns the path of the pinned pnpm, installing it into `.tools/` with npm when it is missing. */
export function ensurePnpm() {
  const current = existsSync(PNPM_BIN)
    ? spawnSync(PNPM_BIN, ["--version"], { encoding: "utf8" }).stdout?.trim()
    : undefined;
  if (current !== PNPM_VERSION) {
    console.error(`[sceau] installing pnpm ${PNPM_VERSION} into .tools/`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const status = run(npm, [
      "install",
      "--prefix",
      TOOLS,
      "--no-save",
      "--no-package-lock",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      `pnpm@${PNPM_VERSION}`,
    ]);
    if (status !== 0) throw new Error(`npm could not install pnpm@${PNPM_VERSION}`);
  }
  return PNPM_BIN;
}

/** Installs the workspace's dependencies from the lockfile when node_modules is missing or older. */
export function ensureDependencies(pnpm = ensurePnpm()) {
  const marker = join(ROOT, "node_modules", ".modules.yaml");
  const lock = join(ROOT, "pnpm-lock.yaml");
  const fresh =
    existsSync(marker) && existsSync(lock) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  if (fresh) return;
  const status = run(pnpm, ["install", "--frozen-lockfile", "--reporter=append-only"]);
  if (status !== 0) throw new Error("pnpm install failed");
}
