import { describe, expect, it } from "vitest";
import { parseCsv, readCatalogCsv, readCatalogJson } from "./catalog-file.ts";

function problems(source: string, reader = readCatalogJson) {
  const reading = reader(source);
  if (reading.ok) throw new Error("expected problems");
  return reading.problems;
}

describe("readCatalogJson", () => {
  it("reads products with the file's currency and every default", () => {
    const reading = readCatalogJson(
      JSON.stringify({
        currency: "EUR",
        products: [
          { sku: "CD-1", name: "  Kind of Blue ", unitAmount: 1499 },
          {
            sku: "BOX.2",
            name: "Coffret",
            description: "16 CD",
            unitAmount: 17990,
            currency: "CHF",
            active: false,
            maxInstalments: 4,
            vatRate: 5.5,
            ships: false,
            weight: 1400,
            stock: 3,
            subscription: true,
          },
        ],
      }),
    );
    expect(reading).toEqual({
      ok: true,
      products: [
        {
          sku: "CD-1",
          name: "Kind of Blue",
          description: "",
          unitAmount: 1499,
          currency: "EUR",
          active: true,
          maxInstalments: 1,
          subscription: false,
          vatRate: 2000,
          ships: true,
          weight: 0,
          stock: null,
        },
        {
          sku: "BOX.2",
          name: "Coffret",
          description: "16 CD",
          unitAmount: 17990,
          currency: "CHF",
          active: false,
          maxInstalments: 4,
          vatRate: 550,
          ships: false,
          weight: 1400,
          stock: 3,
          subscription: true,
        },
      ],
    });
  });

  it("takes a bare array and the French VAT rates, in percent, stored as basis points", () => {
    const rates = [20, 10, 5.5, 2.1, 0];
    const reading = readCatalogJson(
      JSON.stringify(
        rates.map((vatRate, i) => ({
          sku: `P${i}`,
          name: "x",
          unitAmount: 100,
          currency: "EUR",
          vatRate,
        })),
      ),
    );
    expect(reading.ok && reading.products.map((p) => p.vatRate)).toEqual([2000, 1000, 550, 210, 0]);
  });

  it("reports every problem at once, each where it is", () => {
    const found = problems(
      JSON.stringify({
        products: [
          { sku: "CD 1", name: "", unitAmount: 14.99, currency: "EUR", prix: 3 },
          { sku: "CD-2", name: "B", unitAmount: "1499", currency: "EURO", active: "yes" },
          {
            sku: "CD-3",
            name: "C\u0007",
            unitAmount: 0,
            currency: "EUR",
            maxInstalments: 5,
            vatRate: 2.125,
            ships: "non",
            weight: -5,
            stock: 2.5,
          },
          {
            sku: "CD-4",
            name: "D",
            unitAmount: 100,
            currency: "EUR",
            subscription: "monthly",
          },
          { sku: "CD-4", name: "D", unitAmount: 100, currency: "EUR" },
          "not a product",
        ],
      }),
    );
    expect(found.map((p) => p.at)).toEqual([
      "products[0].prix",
      "products[0].sku",
      "products[0].name",
      "products[0].unitAmount",
      "products[1].unitAmount",
      "products[1].currency",
      "products[1].active",
      "products[2].name",
      "products[2].unitAmount",
      "products[2].maxInstalments",
      "products[2].vatRate",
      "products[2].ships",
      "products[2].weight",
      "products[2].stock",
      "products[3].subscription",
      "products[4].sku",
      "products[5]",
    ]);
    expect(found[3]?.message).toContain("(14.99 is not: write 1499 for 14.99)");
    expect(found[15]?.message).toBe("CD-4 appears twice.");
  });

  it("refuses what is not a catalog", () => {
    expect(problems("{ not json")[0]?.at).toBe("catalog.json");
    expect(problems('{ "items": [] }')[0]?.message).toBe('expected { "products": [ … ] }.');
  });
});

describe("readCatalogCsv", () => {
  it("reads a French spreadsheet's export: ';', quotes, BOM, decimal comma, oui/non", () => {
    const csv =
      "\uFEFFsku;name;description;unitAmount;currency;active;vatRate;subscription\r\n" +
      'CD-1;"Brel; l\'intégrale";"Coffret ""16 CD""";17990;EUR;oui;5,5;\r\n' +
      "ABO-1;Abonnement;;990;EUR;non;20;oui\r\n";
    expect(readCatalogCsv(csv)).toEqual({
      ok: true,
      products: [
        {
          sku: "CD-1",
          name: "Brel; l'intégrale",
          description: 'Coffret "16 CD"',
          unitAmount: 17990,
          currency: "EUR",
          active: true,
          maxInstalments: 1,
          subscription: false,
          vatRate: 550,
          ships: true,
          weight: 0,
          stock: null,
        },
        {
          sku: "ABO-1",
          name: "Abonnement",
          description: "",
          unitAmount: 990,
          currency: "EUR",
          active: false,
          maxInstalments: 1,
          vatRate: 2000,
          ships: true,
          weight: 0,
          stock: null,
          subscription: true,
        },
      ],
    });
  });

  it("names the line of each problem, and refuses an unknown column", () => {
    const found = problems(
      "sku,name,unitAmount,currency\nA,Alpha,12.5,EUR\nB,,100,EUR\n",
      readCatalogCsv,
    );
    expect(found.map((p) => p.at)).toEqual(["line 2.unitAmount", "line 3.name"]);
    expect(problems("sku,nom,unitAmount\n", readCatalogCsv)[0]?.message).toContain("unknown: nom");
  });

  it("splits cells as RFC 4180 says", () => {
    expect(parseCsv('a,"b,""c""\nd",e\r\n\r\nf,g', ",")).toEqual([
      ["a", 'b,"c"\nd', "e"],
      ["f", "g"],
    ]);
  });
});
