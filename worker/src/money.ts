/**
 * Amounts for people: integer minor units as the decimal text of spreadsheets and messages.
 * @module
 */
import { minorDigits } from "@sceau/protocol";

/**
 * A decimal amount without currency, as spreadsheets read it (`62.73`).
 *
 * @throws {FieldError} `ERR_CURRENCY_UNKNOWN` for a currency that is not ISO 4217.
 * @example
 * decimalAmount(6273, "EUR"); // "62.73"
 */
export function decimalAmount(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** An amount with its currency, for messages (`30.00 EUR`). */
export function moneyText(minor: number, currency: string): string {
  return `${decimalAmount(minor, currency)} ${currency}`;
}
