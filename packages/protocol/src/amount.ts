/**
 * Amounts: integer minor units ↔ the bank's `62.73EUR` text (PROTOCOL.md §9.1).
 * @module
 */
import { FieldError } from "./errors.ts";

// ISO 4217 active codes, grouped by number of minor digits; every code not listed under 0, 3 or 4 has 2.
const ZERO = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const THREE = "BHD IQD JOD KWD LYD OMR TND";
const FOUR = "CLF UYW";
const TWO =
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD " +
  "CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ " +
  "GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK " +
  "MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB " +
  "SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN " +
  "UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG";

const MINOR_DIGITS: ReadonlyMap<string, number> = new Map([
  ...ZERO.split(" ").map((c) => [c, 0] as const),
  ...TWO.split(" ").map((c) => [c, 2] as const),
  ...THREE.split(" ").map((c) => [c, 3] as const),
  ...FOUR.split(" ").map((c) => [c, 4] as const),
]);

/** An amount in integer minor units (cents for EUR, yen for JPY) with its ISO 4217 currency. */
export interface Money {
  /** Integer number of minor units, ≥ 0. */
  readonly minor: number;
  /** ISO 4217 code, upper case. */
  readonly currency: string;
}

/**
 * The number of minor digits of an ISO 4217 currency (EUR 2, JPY 0, KWD 3).
 *
 * @throws {FieldError} `ERR_CURRENCY_UNKNOWN` for a code that is not an active ISO 4217 currency.
 */
export function minorDigits(currency: string, field = "montant"): number {
  const digits = MINOR_DIGITS.get(currency);
  if (digits === undefined) {
    throw new FieldError(
      "ERR_CURRENCY_UNKNOWN",
      field,
      `${JSON.stringify(currency)} is not an ISO 4217 currency code; use three upper-case letters such as EUR.`,
    );
  }
  return digits;
}

/**
 * Writes integer minor units as the bank's amount text: `6273, "EUR"` → `"62.73EUR"`, `1500, "JPY"` →
 * `"1500JPY"`, `0, "EUR"` → `"0EUR"` (the documentation's form for zero). Never a thousands separator.
 *
 * @throws {FieldError} `ERR_AMOUNT_INVALID` for a negative, fractional or unsafe number;
 *   `ERR_CURRENCY_UNKNOWN` for an unknown currency.
 * @example
 * formatAmount(6273, "EUR"); // "62.73EUR"
 */
export function formatAmount(minor: number, currency: string, field = "montant"): string {
  const digits = minorDigits(currency, field);
  if (!Number.isSafeInteger(minor) || minor < 0) {
    throw new FieldError(
      "ERR_AMOUNT_INVALID",
      field,
      `The amount must be a non-negative integer number of minor units (cents); got ${String(minor)}.`,
    );
  }
  if (minor === 0 || digits === 0) return `${minor}${currency}`;
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}${currency}`;
}

const BANK_AMOUNT = /^(\d+)(?:[.,](\d*))?([.,\d]*)([A-Z]{3})$/;

/**
 * Reads an amount text with the bank's rule: the first `,` or `.` is the decimal mark, what follows the
 * decimals before the currency is ignored, and extra decimals are rounded (half up) to the currency's digits.
 * So `"1.234,50EUR"` is 1.23 EUR, and `"62,73EUR"` is 62.73 EUR.
 *
 * @throws {FieldError} `ERR_AMOUNT_INVALID` when the text is not digits and a currency;
 *   `ERR_CURRENCY_UNKNOWN` for an unknown currency.
 * @example
 * parseAmount("62.73EUR"); // { minor: 6273, currency: "EUR" }
 */
export function parseAmount(text: string, field = "montant"): Money {
  const match = typeof text === "string" && text.length <= 20 ? BANK_AMOUNT.exec(text) : null;
  if (!match) {
    throw new FieldError(
      "ERR_AMOUNT_INVALID",
      field,
      `${JSON.stringify(String(text).slice(0, 40))} is not a bank amount: write digits, an optional "." and decimals, then the currency, e.g. 62.73EUR (at most 20 characters).`,
    );
  }
  const [, units = "", decimals = "", , currency = ""] = match;
  const digits = minorDigits(currency, field);
  const kept = decimals.slice(0, digits).padEnd(digits, "0");
  const roundUp = decimals.length > digits && (decimals[digits] ?? "0") >= "5" ? 1 : 0;
  const minor = Number(units + kept) + roundUp;
  if (!Number.isSafeInteger(minor)) {
    throw new FieldError("ERR_AMOUNT_INVALID", field, `${text} is too large an amount.`);
  }
  return { minor, currency };
}
