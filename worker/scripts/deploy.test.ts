import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { script, WORKER } from "./testing/run-script.ts";

describe("npm run deploy -- --dry-run", () => {
  it("prints the whole plan and builds the production bundle, offline, changing nothing", () => {
    const run = script("deploy", [
      "--dry-run",
      "--var",
      "TPE=1234567",
      "--var",
      "SOCIETE=maboutique",
      "--var",
      "SHOP_ORIGINS=https://www.ma-boutique.fr",
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const line of [
      "1. Check that wrangler is logged in",
      '2. Find the D1 database "sceau", or create it',
      "3. Write wrangler.production.jsonc",
      "4. Apply the D1 migrations to the remote database",
      "5. Put the secrets MERCHANT_KEY, ADMIN_TOKEN",
      "6. Build the merchant console (served by the worker at /admin/)",
      "7. Deploy the worker and the console's assets",
      "8. Print the URLs to give the bank",
      "RETURN_URL_OK=https://www.ma-boutique.fr/merci.html",
      "BANK_ENV=test",
    ]) {
      expect(run.stdout).toContain(line);
    }
    expect(run.stdout).not.toContain("BANK_SANDBOX_URL");
    expect(run.stdout).not.toContain("To fix before");
    expect(run.stdout).toMatch(
      /Dry run: wrangler deploy --dry-run built the production bundle \(\d+ KiB\)/,
    );
    expect(existsSync(join(WORKER, "wrangler.production.jsonc"))).toBe(false);
  });

  it("names what the answers get wrong before anything is deployed", () => {
    const run = script("deploy", [
      "--dry-run",
      "--production",
      "--var",
      "TPE=12*",
      "--var",
      "SHOP_ORIGINS=http://shop.test",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("BANK_ENV=production");
    expect(run.stdout).toContain("To fix before the worker can take payments:");
    expect(run.stdout).toContain("✗ TPE: must be 7 letters or digits.");
    expect(run.stdout).toContain("✗ not https: RETURN_URL_OK http://shop.test/merci.html");
    expect(run.stdout).toContain("SHOP_ORIGINS http://shop.test (fix: use https:// addresses");
  });
});

describe("npm run deploy, against a stand-in for the Cloudflare account", () => {
  it("runs every step of the plan: database created and written down, migrations, secrets, deploy, URLs", () => {
    const dir = mkdtempSync(join(tmpdir(), "sceau-deploy-test-"));
    const production = join(WORKER, "wrangler.production.jsonc");
    const key = "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678";
    try {
      const log = join(dir, "calls.jsonl");
      const run = script(
        "deploy",
        [
          "--yes",
          "--var",
          "TPE=1234567",
          "--var",
          "SOCIETE=maboutique",
          "--var",
          "SHOP_ORIGINS=https://shop.fr",
        ],
        {
          SCEAU_WRANGLER: join(WORKER, "scripts", "testing", "fake-wrangler.mjs"),
          FAKE_WRANGLER_LOG: log,
          SCEAU_MERCHANT_KEY: key,
        },
      );
      // Only pnpm's echo of the console's build command ("$ vite build …") may reach stderr.
      expect(run.stderr.replace(/^\$ .*\n?/gm, "").trim(), run.stdout).toBe("");
      expect(run.status).toBe(0);
      const calls = readFileSync(log, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { args: string[]; input: string });
      const config = ["--config", "wrangler.production.jsonc"];
      expect(calls.map((c) => c.args)).toEqual([
        ["whoami"],
        ["d1", "list", "--json"],
        ["d1", "create", "sceau"],
        ["d1", "migrations", "apply", "DB", "--remote", ...config],
        ["secret", "list", "--format", "json", ...config],
        ["secret", "put", "MERCHANT_KEY", ...config],
        ["secret", "put", "ADMIN_TOKEN", ...config],
        ["deploy", ...config],
      ]);
      expect(calls[5]?.input).toBe(key);
      const token = calls[6]?.input ?? "";
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(run.stdout).toContain(token);
      expect(run.stdout).not.toContain(key);
      expect(run.stdout).toContain("https://sceau.boutique.workers.dev/api/retour");
      const written = readFileSync(production, "utf8");
      expect(written).toContain('"database_id": "5b2d1c7e-3f4a-4b6c-8d9e-0a1b2c3d4e5f"');
      expect(written).toContain('"RETURN_URL_OK": "https://shop.fr/merci.html"');
      expect(written).not.toContain(key);
    } finally {
      rmSync(production, { force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
