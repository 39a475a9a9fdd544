// Packs the public packages (building any without a dist/) and installs the tarballs with npm into an empty
// folder in the system's temporary directory, as a shop developer installs them from the registry. npm's
// cache serves the third-party dependencies (lit, hono) after the first run.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { packPublicPackages } from "../scripts/pack.mjs";
import type { Installation } from "./installation.ts";

export default function setup(project: TestProject): () => void {
  const root = mkdtempSync(join(tmpdir(), "sceau-installed-"));
  const app = join(root, "shop");
  mkdirSync(app);
  const tarballs = packPublicPackages(join(root, "tarballs"), { build: "missing" });
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "a-shop", version: "1.0.0", private: true, type: "module" }),
  );
  const npm = spawnSync(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--no-update-notifier",
      "--loglevel=error",
      ...tarballs.map((t) => t.file),
    ],
    { cwd: app, encoding: "utf8", env: { ...process.env, npm_config_workspaces: "false" } },
  );
  if (npm.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`npm install of the tarballs failed:\n${npm.stdout}\n${npm.stderr}`);
  }
  const installation: Installation = { app, tarballs };
  project.provide("installation", installation);
  return () => rmSync(root, { recursive: true, force: true });
}
