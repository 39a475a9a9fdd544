import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { env } from "../../test/helpers.ts";
import type { CatalogEntry } from "../catalog-file.ts";
import {
  type CatalogRow,
  catalogDiff,
  catalogStatements,
  inlineSql,
  PRODUCTS_SQL,
  sqlLiteral,
} from "./catalog-sync.ts";
import type { ProductRow } from "./products.ts";

function product(sku: string, over: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    sku,
    name: `Name ${sku}`,
    description: "",
    unitAmount: 1000,
    currency: "EUR",
    active: true,
    maxInstalments: 1,
    subscription: false,
    vatRate: 2000,
    ships: true,
    weight: 0,
    stock: null,
    ...over,
  };
}

function row(sku: string, over: Partial<CatalogRow> = {}): CatalogRow {
  return {
    sku,
    name: `Name ${sku}`,
    description: "",
    unit_amount: 1000,
    currency: "EUR",
    active: 1,
    max_instalments: 1,
    subscription: 0,
    vat_rate: 2000,
    ships: 1,
    weight: 0,
    stock: null,
    ...over,
  };
}

async function apply(statements: string[]) {
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

async function rows(prefix: string): Promise<CatalogRow[]> {
  const { results } = await env.DB.prepare(PRODUCTS_SQL).all<ProductRow>();
  return results
    .filter((r) => r.sku.startsWith(prefix))
    .map(({ created_at: _, updated_at: __, ...rest }) => rest);
}

describe("catalogDiff", () => {
  it("adds, changes and retires; leaves equal and already retired products alone", () => {
    const changes = catalogDiff(
      [row("A"), row("B", { unit_amount: 900, active: 0 }), row("C"), row("D", { active: 0 })],
      [product("A"), product("B"), product("E", { active: false })],
    );
    expect(changes.map(({ sku, kind, fields }) => ({ sku, kind, fields }))).toEqual([
      {
        sku: "B",
        kind: "change",
        fields: [
          { member: "unitAmount", from: 900, to: 1000 },
          { member: "active", from: false, to: true },
        ],
      },
      { sku: "C", kind: "retire", fields: [] },
      { sku: "E", kind: "add", fields: [] },
    ]);
  });
});

describe("catalogStatements in D1", () => {
  it("makes the table sell exactly the file's products, twice in a row changing nothing", async () => {
    const first = [product("SYNC-A"), product("SYNC-B", { maxInstalments: 3 })];
    await apply(
      catalogStatements(catalogDiff(await rows("SYNC-"), first), "2026-11-30T10:00:00.000Z"),
    );
    const second = [product("SYNC-A", { name: "Renamed", unitAmount: 1250 })];
    await apply(
      catalogStatements(catalogDiff(await rows("SYNC-"), second), "2026-11-30T11:00:00.000Z"),
    );
    expect(await rows("SYNC-")).toEqual([
      row("SYNC-A", { name: "Renamed", unit_amount: 1250 }),
      row("SYNC-B", { active: 0, max_instalments: 3 }),
    ]);
    expect(catalogDiff(await rows("SYNC-"), second)).toEqual([]);
    const stamp = await env.DB.prepare(
      "SELECT created_at, updated_at FROM products WHERE sku = 'SYNC-A'",
    ).first();
    expect(stamp).toEqual({
      created_at: "2026-11-30T10:00:00.000Z",
      updated_at: "2026-11-30T11:00:00.000Z",
    });
  });

  it("stores VAT, shipping and weight; a counted stock is set once, then left to sales until it stops being counted", async () => {
    const push = async (entries: CatalogEntry[]) =>
      apply(
        catalogStatements(catalogDiff(await rows("STOCK-"), entries), "2026-11-30T10:00:00.000Z"),
      );
    const booklet = { vatRate: 550, ships: false, weight: 0 };
    await push([product("STOCK-A", { stock: 3, weight: 150 }), product("STOCK-B", booklet)]);
    expect(await rows("STOCK-")).toEqual([
      row("STOCK-A", { stock: 3, weight: 150 }),
      row("STOCK-B", { vat_rate: 550, ships: 0 }),
    ]);
    // Two units sold: the file's starting stock does not undo the sales.
    await env.DB.prepare("UPDATE products SET stock = 1 WHERE sku = 'STOCK-A'").run();
    const same = [product("STOCK-A", { stock: 3, weight: 150 }), product("STOCK-B", booklet)];
    expect(catalogDiff(await rows("STOCK-"), same)).toEqual([]);
    // Another member changes: the stock sold down to 1 stays.
    await push([product("STOCK-A", { stock: 3, weight: 160 }), product("STOCK-B", booklet)]);
    expect((await rows("STOCK-"))[0]).toEqual(row("STOCK-A", { stock: 1, weight: 160 }));
    // The file stops counting it (unlimited), then counts it again from its own figure.
    await push([product("STOCK-A", { weight: 160 }), product("STOCK-B", booklet)]);
    expect((await rows("STOCK-"))[0]?.stock).toBe(null);
    await push([product("STOCK-A", { stock: 5, weight: 160 }), product("STOCK-B", booklet)]);
    expect((await rows("STOCK-"))[0]?.stock).toBe(5);
  });

  it("stores any text exactly as written: quotes, semicolons, SQL, emoji", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ unit: "grapheme", minLength: 1, maxLength: 60 })
          .filter((s) => s.trim() !== "" && s.trim() === s),
        fc.string({ maxLength: 80 }),
        async (name, description) => {
          const sku = `PROP-${n++}`;
          await apply(
            catalogStatements(catalogDiff([], [product(sku, { name, description })]), "t"),
          );
          const stored = await env.DB.prepare(
            "SELECT name, description FROM products WHERE sku = ?",
          )
            .bind(sku)
            .first();
          expect(stored).toEqual({ name, description });
        },
      ),
      { numRuns: 60, examples: [["it's'; DROP TABLE products; --", "l'été ''"]] },
    );
  });
});

describe("inlineSql", () => {
  it("quotes text, keeps integers, and counts placeholders", () => {
    expect(inlineSql("SELECT ?, ?, ?, ?", ["it's", 42, true, null])).toBe(
      "SELECT 'it''s', 42, 1, NULL",
    );
    expect(inlineSql("SELECT ?", ["?"])).toBe("SELECT '?'");
    expect(() => inlineSql("SELECT ?, ?", [1])).toThrow(RangeError);
    expect(() => inlineSql("SELECT ?", [1, 2])).toThrow(RangeError);
    expect(() => sqlLiteral(1.5)).toThrow(RangeError);
  });
});
