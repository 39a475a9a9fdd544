import type { Lang } from "../lang/index.js";

/**
 * Formats an integer amount in minor units for a language and currency, with the currency's own number
 * of decimals (2 for EUR, 0 for JPY).
 *
 * @example
 * ```ts
 * formatMoney(123456, "EUR", "fr"); // "1 234,56 €"
 * ```
 */
export function formatMoney(minor: number, currency: string, lang: Lang): string {
  const formatter = new Intl.NumberFormat(lang, { style: "currency", currency });
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minor / 10 ** digits);
}

/** Formats a VAT rate in basis points as a percentage for a language (`2000` → "20 %", `550` → "5,5 %"). */
export function formatRate(basisPoints: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 2 }).format(
    basisPoints / 10_000,
  );
}
