/**
 * The rules a buyer's entries are checked against before anything is sent: the e-mail rule and the characters
 * refused in an address, from `@sceau/protocol` (the ones the worker applies, written once; lengths are the
 * inputs' `maxlength`), plus what only the element checks: postal codes per country, and phone numbers put
 * into the bank's form (`+33-612345678`, PROTOCOL.md §7.3).
 * @module
 */
import { CONTROL_CHARACTERS, isEmailAddress } from "@sceau/protocol";

export { isEmailAddress };

/** The countries offered in address fields, the shop's own first. */
export const COUNTRIES = "FR BE CH LU MC DE IT ES NL PT AT IE GB US CA".split(" ");

/** Per country: the postal code's pattern (upper case, single spaces) and an example for the message. */
const POSTAL_CODES: Readonly<Record<string, readonly [RegExp, string]>> = {
  FR: [/^\d{5}$/, "75002"],
  BE: [/^\d{4}$/, "1000"],
  CH: [/^\d{4}$/, "1200"],
  LU: [/^\d{4}$/, "1111"],
  MC: [/^980\d{2}$/, "98000"],
  DE: [/^\d{5}$/, "10115"],
  IT: [/^\d{5}$/, "00184"],
  ES: [/^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, "28013"],
  NL: [/^[1-9]\d{3} [A-Z]{2}$/, "1012 AB"],
  PT: [/^\d{4}-\d{3}$/, "1100-148"],
  AT: [/^\d{4}$/, "1010"],
  IE: [/^[A-Z]\d[\dW] [\dA-Z]{4}$/, "D02 X285"],
  GB: [/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/, "SW1A 1AA"],
  US: [/^\d{5}(-\d{4})?$/, "10001"],
  CA: [/^[A-Z]\d[A-Z] \d[A-Z]\d$/, "K1A 0B1"],
};

/** Where a country's postal code has a space: how many characters follow it. */
const SPACE_BEFORE_LAST: Readonly<Record<string, number>> = { NL: 2, GB: 3, CA: 3, IE: 4 };

/**
 * A postal code as the post writes it: upper case, single spaces, `L-` dropped in Luxembourg, the space put
 * where a country's format has one (`1012AB` → `1012 AB`, `SW1A1AA` → `SW1A 1AA`, `D02X285` → `D02 X285`).
 */
export function normalizePostalCode(code: string, country: string): string {
  let text = code.trim().toUpperCase().replace(/\s+/g, " ");
  if (country === "LU") text = text.replace(/^L-?/, "");
  const tail = SPACE_BEFORE_LAST[country];
  const compact = text.replace(/ /g, "");
  if (tail && compact.length > tail) text = `${compact.slice(0, -tail)} ${compact.slice(-tail)}`;
  return text;
}

/** The example of a valid postal code for a country's message (none for a country without a rule). */
export function postalCodeExample(country: string): string | undefined {
  return POSTAL_CODES[country]?.[1];
}

/** True when the (normalised) postal code has the country's format; any code of 2–10 characters elsewhere. */
export function isPostalCode(code: string, country: string): boolean {
  const rule = POSTAL_CODES[country];
  return rule ? rule[0].test(code) : /^[\dA-Z -]{2,10}$/.test(code);
}

/** The calling codes of the countries offered (several share `1`). */
const CALLING_CODES: Readonly<Record<string, string>> = {
  FR: "33",
  BE: "32",
  CH: "41",
  LU: "352",
  MC: "377",
  DE: "49",
  IT: "39",
  ES: "34",
  NL: "31",
  PT: "351",
  AT: "43",
  IE: "353",
  GB: "44",
  US: "1",
  CA: "1",
};

/**
 * A phone number in the bank's form, `+<country code>-<number>` (6–15 digits in all), from what a buyer types:
 * `06 12 34 56 78` in France, `+32 470 12 34 56`, `0032 470…`; the national leading 0 is dropped except in
 * Italy, where it is part of the number. `undefined` when it is not a number we can place.
 *
 * @example
 * bankPhone("06 12 34 56 78", "FR"); // "+33-612345678"
 */
export function bankPhone(input: string, country: string): string | undefined {
  let digits = input.trim().replace(/[\s.()/-]/g, "");
  if (digits.startsWith("00")) digits = `+${digits.slice(2)}`;
  let code: string | undefined;
  if (digits.startsWith("+")) {
    const number = digits.slice(1);
    code = [...new Set(Object.values(CALLING_CODES))]
      .sort((a, b) => b.length - a.length)
      .find((c) => number.startsWith(c));
    digits = code ? number.slice(code.length) : "";
  } else {
    code = CALLING_CODES[country];
    if (country !== "IT") digits = digits.replace(/^0/, "");
  }
  if (!code || !/^\d+$/.test(digits) || code.length + digits.length < 6) return undefined;
  if (code.length + digits.length > 15) return undefined;
  return `+${code}-${digits}`;
}

/**
 * True when a text may go into an address as the bank takes it: no control characters, line breaks or
 * bidirectional overrides (the rule the worker applies).
 */
export function isAddressText(value: string): boolean {
  return !CONTROL_CHARACTERS.test(value);
}
