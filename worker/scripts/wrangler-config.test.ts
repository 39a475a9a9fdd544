import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  PLACEHOLDER_DATABASE_ID,
  parseJsonc,
  productionConfig,
  productionConfigText,
  type WranglerConfig,
} from "./wrangler-config.ts";

const WORKER = join(import.meta.dirname, "..");

describe("parseJsonc", () => {
  it("reads the worker's wrangler.jsonc, URLs with // included", () => {
    const config = parseJsonc(
      readFileSync(join(WORKER, "wrangler.jsonc"), "utf8"),
    ) as WranglerConfig;
    expect(config.main).toBe("src/index.ts");
    expect(config.vars?.BANK_SANDBOX_URL).toBe("http://127.0.0.1:8788/test/");
    expect(config.d1_databases?.[0]).toMatchObject({
      binding: "DB",
      database_id: PLACEHOLDER_DATABASE_ID,
    });
  });

  it("drops line and block comments and trailing commas, not what strings hold", () => {
    const text = `{
      // a comment "with quotes"
      "a": "x // not a comment", /* block
      comment */ "b": ["/* kept */", "say \\"hi\\" // too",],
    }`;
    expect(parseJsonc(text)).toEqual({
      a: "x // not a comment",
      b: ["/* kept */", 'say "hi" // too'],
    });
  });
});

describe("productionConfig", () => {
  const base: WranglerConfig = {
    $schema: "node_modules/wrangler/config-schema.json",
    name: "sceau-worker",
    main: "src/index.ts",
    compatibility_date: "2026-04-01",
    vars: { BANK: "sandbox", BANK_SANDBOX_URL: "http://127.0.0.1:8788/test/" },
    d1_databases: [
      {
        binding: "DB",
        database_name: "sceau",
        database_id: PLACEHOLDER_DATABASE_ID,
        migrations_dir: "migrations",
      },
    ],
    assets: { directory: "../packages/console/dist", binding: "ASSETS" },
  };
  const answers = {
    workerName: "boutique-pay",
    databaseName: "boutique",
    databaseId: "2f1c7a3e-8b0d-4c55-9e61-0a7b3c2d4e5f",
    vars: { BANK: "monetico", BANK_ENV: "test" },
  };

  it("takes the merchant's name, database, variables, and keeps the rest", () => {
    const config = productionConfig(base, answers, { workerDir: "/w" });
    expect(config).toEqual({
      name: "boutique-pay",
      main: "src/index.ts",
      compatibility_date: "2026-04-01",
      vars: { BANK: "monetico", BANK_ENV: "test" },
      d1_databases: [
        {
          binding: "DB",
          database_name: "boutique",
          database_id: "2f1c7a3e-8b0d-4c55-9e61-0a7b3c2d4e5f",
          migrations_dir: "migrations",
        },
      ],
      assets: { directory: "../packages/console/dist", binding: "ASSETS" },
    });
  });

  it("keeps the paths right from another folder, and adds a custom domain", () => {
    const config = productionConfig(
      base,
      { ...answers, domain: "pay.boutique.fr" },
      { workerDir: "/repo/worker", configDir: "/tmp/dry" },
    );
    expect(config.main).toBe("../../repo/worker/src/index.ts");
    expect(config.d1_databases?.[0]?.migrations_dir).toBe("../../repo/worker/migrations");
    expect(config.assets?.directory).toBe("../../repo/packages/console/dist");
    expect(config.routes).toEqual([{ pattern: "pay.boutique.fr", custom_domain: true }]);
  });

  it("writes JSON a person can read, saying that no secret is in it", () => {
    const text = productionConfigText(productionConfig(base, answers, { workerDir: "/w" }));
    expect(text).toMatch(/^\/\/ Written by `npm run deploy`/);
    expect(text).toContain("No secret is here");
    expect(parseJsonc(text)).toMatchObject({ name: "boutique-pay" });
  });
});
