import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportion, includedVat, type VatLine, vatBreakdown } from "./vat.ts";

describe("apportion", () => {
  it("splits by the largest remainder, ties to the earlier weight", () => {
    expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportion(7, [1, 0, 1])).toEqual([4, 0, 3]);
    expect(apportion(199, [1499, 490])).toEqual([150, 49]);
    expect(apportion(0, [5, 3])).toEqual([0, 0]);
    expect(apportion(10, [0, 0])).toEqual([0, 0]);
  });

  it("adds up exactly, each part within a unit of its exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          fc.pre(sum > 0);
          const parts = apportion(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((part, i) => {
            const exact = (total * (weights[i] ?? 0)) / sum;
            expect(part).toBeGreaterThanOrEqual(Math.floor(exact));
            expect(part).toBeLessThanOrEqual(Math.ceil(exact));
          });
        },
      ),
    );
  });
});

describe("includedVat", () => {
  it.each([
    [1499, 2000, 250], // 249.83
    [1200, 2000, 200], // exactly 200
    [3, 2000, 1], // 0.5, half up
    [1, 2000, 0], // 0.17
    [490, 550, 26], // 25.55
    [100, 550, 5], // 5.21
    [1000, 210, 21], // 20.57
    [5000, 0, 0],
  ])("%i at %i basis points includes %i", (gross, rate, vat) => {
    expect(includedVat(gross, rate)).toBe(vat);
  });
});

describe("vatBreakdown", () => {
  it("rounds per line: goods, shipping and discount (the contract's example)", () => {
    // 29.98 € includes 5.00 €, 4.90 € of shipping 0.82 €, 3.00 € of discount 0.50 €.
    expect(
      vatBreakdown([{ amount: 2998, vatRate: 2000, ships: true }], {
        shipping: 490,
        discount: 300,
      }),
    ).toEqual([{ rate: 2000, net: 3188 - 532, amount: 532 }]);
  });

  it("puts the shipping on the goods that ship, and the discount on all goods pro rata", () => {
    // A CD (20 %, ships) and an e-booklet (5.5 %, does not): the 2.90 € of shipping is all at 20 %; the
    // 1.99 € discount splits 1.50 € / 0.49 € (apportion above).
    // 20 %: 2.50 + 0.48 (of 2.90) − 0.25 (of 1.50) = 2.73 on 14.99 + 2.90 − 1.50 = 16.39.
    // 5.5 %: 0.26 (of 4.90) − 0.03 (of 0.49) = 0.23 on 4.90 − 0.49 = 4.41.
    const lines: VatLine[] = [
      { amount: 1499, vatRate: 2000, ships: true },
      { amount: 490, vatRate: 550, ships: false },
    ];
    expect(vatBreakdown(lines, { shipping: 290, discount: 199 })).toEqual([
      { rate: 2000, net: 1639 - 273, amount: 273 },
      { rate: 550, net: 441 - 23, amount: 23 },
    ]);
  });

  it("never loses a cent: Σ (net + VAT) = subtotal + shipping − discount, each rate's VAT within rounding", () => {
    const line = fc.record({
      amount: fc.integer({ min: 1, max: 1_000_000 }),
      vatRate: fc.oneof(
        fc.constantFrom(0, 210, 550, 1000, 2000),
        fc.integer({ min: 0, max: 10_000 }),
      ),
      ships: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lines, shippingIfAny, share) => {
          const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
          const shipping = lines.some((l) => l.ships) ? shippingIfAny : 0;
          const discount = Math.floor(subtotal * share);
          const parts = vatBreakdown(lines, { shipping, discount });
          expect(parts.reduce((sum, p) => sum + p.net + p.amount, 0)).toBe(
            subtotal + shipping - discount,
          );
          expect(parts.map((p) => p.rate)).toEqual(
            [...new Set(lines.map((l) => l.vatRate))].sort((a, b) => b - a),
          );
          for (const part of parts) {
            const gross = part.net + part.amount;
            expect(part.amount).toBeGreaterThanOrEqual(0);
            expect(part.amount).toBeLessThanOrEqual(gross);
            // Each line, the shipping part and the discount part round by at most half a unit.
            const roundings = lines.filter((l) => l.vatRate === part.rate).length + 2;
            const exact = (gross * part.rate) / (10_000 + part.rate);
            expect(Math.abs(part.amount - exact)).toBeLessThanOrEqual(roundings / 2);
            // A rate whose goods do not ship carries no shipping.
            const goods = lines
              .filter((l) => l.vatRate === part.rate)
              .reduce((sum, l) => sum + l.amount, 0);
            if (!lines.some((l) => l.vatRate === part.rate && l.ships)) {
              expect(gross).toBeLessThanOrEqual(goods);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
