import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { script } from "./testing/run-script.ts";
import { wranglerOk } from "./wrangler-cli.ts";

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
          subscription: false,
          vatRate: 20,
          ships: true,
          weight: 0,
        },
        {
          sku: "CD-B",
          name: "Beta",
          description: "",
          unitAmount: 990,
          currency: "EUR",
          active: true,
          maxInstalments: 1,
          subscription: false,
          vatRate: 20,
          ships: true,
          weight: 0,
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
