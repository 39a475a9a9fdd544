import type { Lang } from "../lang/messages.js";

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
