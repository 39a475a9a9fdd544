/**
 * Amounts for people: integer minor units as the decimal text of spreadsheets and messages.
 * @module
 */
import { minorDigits } from "@sceau/protocol";

/**
 * A decimal amount without currency, as spreadsheets read it (`62.73`, or `62,73` with a decimal comma).
 *
 * @throws {FieldError} `ERR_CURRENCY_UNKNOWN` for a currency that is not ISO 4217.
 * @example
 * decimalAmount(6273, "EUR"); // "62.73"
 */
export function decimalAmount(minor: number, currency: string, mark = "."): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${text.slice(0, -digits)}${mark}${text.slice(-digits)}`;
}

/**
 * A rate in basis points as a percentage (`2000` → `20`, `550` → `5.5`).
 *
 * @example
 * percentText(210); // "2.1"
 */
export function percentText(basisPoints: number, mark = "."): string {
  return String(basisPoints / 100).replace(".", mark);
}

/** An amount with its currency, for messages (`30.00 EUR`). */
export function moneyText(minor: number, currency: string): string {
  return `${decimalAmount(minor, currency)} ${currency}`;
}
