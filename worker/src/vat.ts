/**
 * The VAT included in a cart's total, per rate. Prices include VAT; rates are integer basis points (2000 =
 * 20 %). The invoice has one line per product, one shipping line and one discount line:
 *
 * - the shipping line is split between the rates of the goods that ship, in proportion to their amounts (in
 *   France shipping follows the VAT of the goods it carries; with several rates, pro rata);
 * - the discount line is split between the rates of all goods, in proportion to their amounts;
 * - the VAT of every line (and of each rate's part of the shipping and discount lines) is rounded to the
 *   nearest minor unit, half up — rounding per line, as an invoice prints it.
 *
 * The splits use the largest remainder, so they add up to the shipping and the discount exactly, and each rate's
 * `net + amount` is what the buyer pays at that rate: Σ (net + amount) = total, no cent lost or made up.
 * @module
 */

/** A priced line, as far as VAT is concerned. */
export interface VatLine {
  /** What the line costs, VAT included, in minor units. */
  amount: number;
  /** Basis points. */
  vatRate: number;
  /** True for goods that travel (the shipping line follows their rates). */
  ships: boolean;
}

/** What the total includes at one rate: `net + amount` is paid at `rate`. */
export interface VatPart {
  rate: number;
  net: number;
  amount: number;
}

/**
 * Splits `total` into integer parts proportional to `weights` (largest remainder; ties go to the earlier
 * weight). The parts add up to `total` exactly; all parts are 0 when every weight is 0.
 *
 * @example
 * apportion(100, [1, 1, 1]); // [34, 33, 33]
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const order = weights
    .map((w, i) => ({ i, remainder: (total * w) % sum }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

/**
 * The VAT included in an amount at a rate, rounded to the nearest minor unit (half up).
 *
 * @example
 * includedVat(1499, 2000); // 250 (14.99 € at 20 % includes 2.498… €)
 */
export function includedVat(gross: number, rate: number): number {
  // gross × rate / (10000 + rate), rounded half up, in integers (gross ≤ 10^8 and rate ≤ 10^4 stay exact).
  return Math.floor((2 * gross * rate + 10_000 + rate) / (2 * (10_000 + rate)));
}

/**
 * The VAT breakdown of a cart: one part per rate present in its lines, highest rate first.
 *
 * @example
 * vatBreakdown([{ amount: 2998, vatRate: 2000, ships: true }], { shipping: 490, discount: 300 });
 * // [{ rate: 2000, net: 2656, amount: 532 }]  (500 on the goods + 82 on the shipping − 50 on the discount)
 */
export function vatBreakdown(
  lines: readonly VatLine[],
  { shipping, discount }: { shipping: number; discount: number },
): VatPart[] {
  const rates = [...new Set(lines.map((line) => line.vatRate))].sort((a, b) => b - a);
  const sumAt = (rate: number, only: (line: VatLine) => boolean) =>
    lines.filter((l) => l.vatRate === rate && only(l)).reduce((sum, l) => sum + l.amount, 0);
  const goods = rates.map((rate) => sumAt(rate, () => true));
  const shipped = rates.map((rate) => sumAt(rate, (line) => line.ships));
  // Nothing ships when there is no shipping line; should one come anyway, it follows all the goods.
  const shippingParts = apportion(shipping, shipped.some((w) => w > 0) ? shipped : goods);
  const discountParts = apportion(discount, goods);
  return rates.map((rate, i) => {
    const onLines = lines
      .filter((line) => line.vatRate === rate)
      .reduce((sum, line) => sum + includedVat(line.amount, rate), 0);
    const shippingPart = shippingParts[i] ?? 0;
    const discountPart = discountParts[i] ?? 0;
    const gross = (goods[i] ?? 0) + shippingPart - discountPart;
    const rounded = onLines + includedVat(shippingPart, rate) - includedVat(discountPart, rate);
    // Per-line rounding could leave a cent of VAT on goods discounted to nothing; keep 0 ≤ VAT ≤ gross.
    const amount = Math.min(Math.max(rounded, 0), gross);
    return { rate, net: gross - amount, amount };
  });
}
