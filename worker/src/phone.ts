/**
 * Phone numbers as buyers type them (`06 12 34 56 78`, `+32 470 12 34 56`, `0049 (0)30 1234567`) → the form
 * the bank's order context requires: `+` country code `-` number, at most 18 characters (`+33-612345678`,
 * PROTOCOL.md §7.3). A number written without its country code is read in the address's country.
 * @module
 */

/** How a country writes its numbers at home: its calling code and its trunk prefix. */
interface Numbering {
  code: string;
  /** `"0"`: the national `0` is dropped after the code; `"keep"`: it stays (Italy); `""`: none. */
  trunk: "0" | "1" | "keep" | "";
}

const TRUNK_0 =
  "FR33 BE32 DE49 NL31 CH41 AT43 GB44 IE353 SE46 FI358 SI386 HR385 RO40 BG359 SK421 TR90 " +
  "GP590 MQ596 GF594 RE262 YT262 PM508 NC687 PF689";
const NO_TRUNK =
  "LU352 MC377 ES34 PT351 DK45 NO47 PL48 CZ420 GR30 CY357 EE372 LV371 LT370 MT356 IS354 AD376 LI423";

function table(list: string, trunk: Numbering["trunk"]): [string, Numbering][] {
  return list.split(" ").map((entry) => [entry.slice(0, 2), { code: entry.slice(2), trunk }]);
}

/** The countries whose national numbers are understood (others must be written with `+` and their code). */
const NUMBERING: ReadonlyMap<string, Numbering> = new Map([
  ...table(TRUNK_0, "0"),
  ...table(NO_TRUNK, ""),
  ["IT", { code: "39", trunk: "keep" }],
  ["SM", { code: "378", trunk: "keep" }],
  ["US", { code: "1", trunk: "1" }],
  ["CA", { code: "1", trunk: "1" }],
]);

/** Every known calling code, longest first (so 352 is tried before 35 or 3). */
const CODES = [...new Set([...NUMBERING.values()].map((n) => n.code))].sort(
  (a, b) => b.length - a.length,
);

const BANK_FORM = /^\+\d{1,3}-\d{4,15}$/;

function numberingOf(code: string): Numbering | undefined {
  return [...NUMBERING.values()].find((n) => n.code === code);
}

/** `+CC-national`, dropping a national trunk prefix written after the code (`+33 (0)6…`). */
function bankForm(code: string, national: string): string | undefined {
  const numbering = numberingOf(code);
  const rest = numbering?.trunk === "0" && national.startsWith("0") ? national.slice(1) : national;
  const phone = `+${code}-${rest}`;
  return BANK_FORM.test(phone) && phone.length <= 18 ? phone : undefined;
}

/**
 * The bank's form of a phone number, or `undefined` when it cannot be read as one.
 *
 * @example
 * bankPhone("06 12 34 56 78", "FR"); // "+33-612345678"
 * bankPhone("+32 470 12 34 56", "FR"); // "+32-470123456"
 */
export function bankPhone(text: string, country: string | undefined): string | undefined {
  const trimmed = text.trim();
  if (BANK_FORM.test(trimmed) && trimmed.length <= 18) return trimmed;
  let compact = trimmed.replace(/[\s.()/-]/g, "");
  if (compact.startsWith("00")) compact = `+${compact.slice(2)}`;
  if (compact.startsWith("+")) {
    const digits = compact.slice(1);
    if (!/^\d+$/.test(digits)) return undefined;
    const own = country ? NUMBERING.get(country)?.code : undefined;
    const code =
      own && digits.startsWith(own) ? own : CODES.find((candidate) => digits.startsWith(candidate));
    return code ? bankForm(code, digits.slice(code.length)) : undefined;
  }
  const home = country ? NUMBERING.get(country) : undefined;
  if (!home || !/^\d+$/.test(compact)) return undefined;
  const national =
    (home.trunk === "0" && compact.startsWith("0")) ||
    (home.trunk === "1" && compact.length === 11 && compact.startsWith("1"))
      ? compact.slice(1)
      : compact;
  return bankForm(home.code, national);
}
