/**
 * Money in integer minor units, with each currency's own number of decimals (ISO 4217, the table of
 * `@sceau/protocol` the worker uses): shown with `Intl`, typed by the merchant and read back with integer
 * arithmetic only, so that "15" is 15 yen on a JPY order and "12,50" is 1250 cents on a EUR one.
 * @module
 */
import { minorDigits } from "@sceau/protocol";

/** The number of minor digits of a currency (EUR 2, JPY 0, KWD 3); 2 for a code the table does not know. */
export function digitsOf(currency: string): number {
  try {
    return minorDigits(currency);
  } catch {
    return 2;
  }
}

/** True when the currency is an ISO 4217 code the bank's amounts can carry. */
export function isKnownCurrency(currency: string): boolean {
  try {
    minorDigits(currency);
    return true;
  } catch {
    return false;
  }
}

/** Integer minor units as a plain decimal string with the currency's digits: `1250, 2` → `"12.50"`. */
export function decimalText(minor: number, digits: number, mark = "."): string {
  const sign = minor < 0 ? "-" : "";
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return digits === 0
    ? `${sign}${text}`
    : `${sign}${text.slice(0, -digits)}${mark}${text.slice(-digits)}`;
}

/**
 * Formats minor units for a locale, with exactly the currency's digits (the number is handed to `Intl` as a
 * decimal string, never divided as a float).
 *
 * @example
 * formatMoney(123456, "EUR", "fr-FR"); // "1 234,56 €"
 * formatMoney(1500, "JPY", "fr-FR");   // "1 500 JPY"
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = digitsOf(currency);
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(decimalText(minor, digits) as `${number}`);
  } catch {
    return `${decimalText(minor, digits)} ${currency}`;
  }
}

/** What the merchant types in an amount field, in the form it is prefilled: `1250, "EUR", ","` → `"12,50"`. */
export function moneyInputText(minor: number, currency: string, decimalMark: string): string {
  return decimalText(minor, digitsOf(currency), decimalMark);
}

/** Why a typed amount was not read. */
export type MoneyInputError = "empty" | "format" | "decimals" | "zero" | "too-large";

/** A typed amount: its minor units, or why it was refused. */
export type MoneyInput = { ok: true; minor: number } | { ok: false; error: MoneyInputError };

/** Spaces a locale may put between digit groups (space, no-break space, narrow no-break space, thin space). */
const GROUPING = /[ \u00a0\u202f\u2009]/g;

/**
 * Reads an amount typed in a currency: digits, optionally grouped by spaces, and at most one decimal mark
 * (`,` or `.`) followed by no more than the currency's digits. Anything else is refused rather than guessed:
 * `1.234,50` has two marks, `12,505` has three decimals in EUR, `15,5` has a decimal in JPY.
 *
 * @example
 * parseMoney("12,50", "EUR"); // { ok: true, minor: 1250 }
 * parseMoney("15", "JPY");    // { ok: true, minor: 15 }
 * parseMoney("15,5", "JPY");  // { ok: false, error: "decimals" }
 */
export function parseMoney(text: string, currency: string): MoneyInput {
  const compact = text.trim().replace(GROUPING, "");
  if (compact === "") return { ok: false, error: "empty" };
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(compact);
  if (!match) return { ok: false, error: "format" };
  const [, units = "", decimals = ""] = match;
  const digits = digitsOf(currency);
  if (decimals.length > digits) return { ok: false, error: "decimals" };
  const all = (units + decimals.padEnd(digits, "0")).replace(/^0+(?=\d)/, "");
  if (all.length > 15) return { ok: false, error: "too-large" };
  const minor = Number(all);
  if (minor === 0) return { ok: false, error: "zero" };
  return { ok: true, minor };
}
