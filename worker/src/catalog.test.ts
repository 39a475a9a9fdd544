import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { env } from "../test/helpers.ts";
import { isoDay, MAX_LINES, parseCart, priceCart } from "./catalog.ts";

const SKUS = ["CD-KIND-OF-BLUE", "CD-BLUE-TRAIN", "CD-GOLDBERG", "CD-BREL-INTEGRALE"];
const PRICES: Record<string, number> = {
  "CD-KIND-OF-BLUE": 1499,
  "CD-BLUE-TRAIN": 1299,
  "CD-GOLDBERG": 1150,
  "CD-BREL-INTEGRALE": 17990,
};
/** Only the box set may be paid in instalments (the seed's maxInstalments). */
const SPLITTABLE = new Set(["CD-BREL-INTEGRALE"]);

describe("parseCart", () => {
  it("merges repeated skus and keeps the first order", () => {
    expect(
      parseCart({
        items: [
          { sku: "B", quantity: 1 },
          { sku: "A", quantity: 2 },
          { sku: "B", quantity: 3 },
        ],
      }),
    ).toEqual({
      items: [
        { sku: "B", quantity: 4 },
        { sku: "A", quantity: 2 },
      ],
      instalments: 1,
    });
  });

  it("accepts instalments 1 (or null) as a single payment", () => {
    expect(parseCart({ items: [{ sku: "A", quantity: 1 }], instalments: 1 }).instalments).toBe(1);
    expect(parseCart({ items: [{ sku: "A", quantity: 1 }], instalments: null }).instalments).toBe(
      1,
    );
  });

  it("never throws anything but an ApiError on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (items) => {
        try {
          parseCart({ items, instalments: undefined });
        } catch (error) {
          expect((error as { code?: string }).code).toMatch(/^ERR_/);
        }
      }),
    );
  });
});

describe("priceCart", () => {
  it("prices every cart from the catalog: subtotal = Σ unit × quantity, schedule sums to the total", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 99 }) }),
          { selector: (i) => i.sku, minLength: 1, maxLength: SKUS.length },
        ),
        fc.constantFrom(1, 2, 3, 4),
        async (items, instalments) => {
          const price = () =>
            priceCart(
              env.DB,
              { items, instalments },
              { now: new Date("2026-01-31T10:00:00Z"), splitTerminal: true, country: "FR" },
            );
          if (instalments > 1 && !items.every((i) => SPLITTABLE.has(i.sku))) {
            await expect(price()).rejects.toMatchObject({ code: "ERR_INSTALMENTS_UNAVAILABLE" });
            return;
          }
          const quote = await price();
          const expected = items.reduce((sum, i) => sum + (PRICES[i.sku] ?? 0) * i.quantity, 0);
          expect(quote.subtotal).toBe(expected);
          expect(quote.total).toBe(expected + (quote.shipping?.amount ?? 0));
          if (instalments > 1) {
            expect(quote.schedule).toHaveLength(instalments);
            expect(quote.schedule?.reduce((s, i) => s + i.amount, 0)).toBe(quote.total);
            expect(isoDay(quote.schedule?.[1]?.date ?? { year: 0, month: 0, day: 0 })).toBe(
              "2026-02-28",
            );
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it("caps carts at MAX_LINES lines", () => {
    expect(MAX_LINES).toBe(50);
  });
});
