import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatChecklist, parseDevVars } from "./checklist.ts";
import { wranglerOk } from "./wrangler-cli.ts";

const WORKER = join(import.meta.dirname, "..");

/** Runs one of the merchant's scripts as `npm run <name>` does, without a terminal. */
function script(name: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", join(WORKER, "scripts", `${name}.ts`), ...args],
    {
      cwd: WORKER,
      encoding: "utf8",
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: "false",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
        ...env,
      },
    },
  );
}

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
      "6. Deploy the worker",
      "7. Print the URLs to give the bank",
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
      expect(run.stderr, run.stdout).toBe("");
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

describe("npm run doctor", () => {
  it("lists what the local development configuration must change for production", () => {
    const run = script("doctor", []);
    expect(run.status).toBe(1);
    for (const line of [
      "✓ Every variable follows its rule",
      "✗ A real bank: BANK=sandbox",
      "✗ The bank's production server: BANK_ENV=test",
      "✗ The merchant key is a real key: MERCHANT_KEY: is the documentation's example key",
      "✗ The admin token is strong",
      "✗ https everywhere the buyer goes: not https: RETURN_URL_OK http://localhost:5173/merci.html",
      "fix: set BANK to monetico, cm, cic, obc",
    ]) {
      expect(run.stdout).toContain(line);
    }
    expect(run.stdout).not.toContain("dev-admin-token");
    expect(run.stdout).not.toContain("0123456789ABCDEF");
  });

  it("reads .dev.vars lines and formats the checklist", () => {
    expect(parseDevVars('# note\nA=1\n  B = "two words" \nnot a line\n#C=3\n')).toEqual({
      A: "1",
      B: "two words",
    });
    const text = formatChecklist([
      { id: "bank", title: "A real bank", ok: true, detail: "BANK=cic" },
      { id: "https", title: "https", ok: false, detail: "not https: X", fix: "use https" },
    ]);
    expect(text).toBe(
      "✓ A real bank: BANK=cic\n✗ https: not https: X\n    fix: use https\n\n1 of 2 checks to fix before production (worker/GOING-LIVE.md).",
    );
  });
});

describe("npm run catalog", () => {
  it("says what is wrong in a catalog file, line by line", () => {
    const dir = mkdtempSync(join(tmpdir(), "sceau-catalog-test-"));
    try {
      const file = join(dir, "catalog.csv");
      writeFileSync(file, "sku;name;unitAmount;currency\nCD-1;Un;14,99;EUR\nCD-1;Deux;1000;EUR\n");
      const run = script("catalog", ["check", file]);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        "line 2.unitAmount: unitAmount must be a positive integer in minor units",
      );
      expect(run.stderr).toContain("line 3.sku: CD-1 appears twice.");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("pushes a catalog into a local D1, pulls it back, and shows what a new file would change", () => {
    const dir = mkdtempSync(join(tmpdir(), "sceau-catalog-test-"));
    try {
      const state = join(dir, "state");
      wranglerOk(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
        input: "y\n",
      });
      const file = join(dir, "catalog.json");
      const write = (products: object[]) =>
        writeFileSync(file, JSON.stringify({ currency: "EUR", products }));
      write([
        { sku: "CD-A", name: "Alpha", unitAmount: 1499 },
        { sku: "CD-B", name: "Beta", unitAmount: 990 },
      ]);
      const first = script("catalog", ["push", file, "--persist-to", state, "--yes"]);
      expect(first.stdout).toContain("+ CD-A: Alpha, 14.99EUR");
      expect(first.stdout).toContain("Applied 2 change(s) to the local database.");
      const pulled = JSON.parse(script("catalog", ["pull", "--persist-to", state]).stdout);
      expect(pulled.products).toEqual([
        {
          sku: "CD-A",
          name: "Alpha",
          description: "",
          unitAmount: 1499,
          currency: "EUR",
          active: true,
          maxInstalments: 1,
        },
        {
          sku: "CD-B",
          name: "Beta",
          description: "",
          unitAmount: 990,
          currency: "EUR",
          active: true,
          maxInstalments: 1,
        },
      ]);
      write([{ sku: "CD-A", name: "Alpha", unitAmount: 1599 }]);
      const second = script("catalog", ["push", file, "--persist-to", state]);
      expect(second.stdout).toContain("~ CD-A: unitAmount 1499 → 1599");
      expect(second.stdout).toContain("- CD-B: taken off sale (absent from the file)");
      expect(second.stdout).toContain("Nothing applied: run with --yes");
      expect(second.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
