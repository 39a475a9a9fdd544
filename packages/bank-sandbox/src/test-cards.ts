/**
 * The sandbox's test cards: clearly fake numbers that pass the Luhn check, each with a scripted outcome.
 * Any other valid-looking number is refused (`Refus test`), as the bank's test server accepts only its
 * own cards.
 * @module
 */

/** How the card's issuer answers. */
export type CardOutcome =
  | "accept"
  | "refuse"
  | "challenge"
  | "lost-stolen"
  | "fraud-filter"
  | "phone-call";

/**
 * How the issuer answers later authorisations (partial captures, renewals, split instalments 2–4):
 * `refuse-once` refuses the first attempt of each payment and accepts the next; `refuse-four` refuses the
 * order's first four later attempts, then accepts; `lost` is a critical refusal (card reported lost).
 */
export type LaterOutcome = "accept" | "refuse" | "refuse-once" | "refuse-four" | "lost";

/** A test card. */
export interface TestCard {
  /** Short id used by the card page's fill links (`?fill=visa`). */
  readonly id: string;
  readonly number: string;
  /** Label shown in the TEST panel (English; the panel is for developers). */
  readonly label: string;
  /** The network: `VI` Visa, `MC` Mastercard, `AM` Amex. */
  readonly brand: "VI" | "MC" | "AM";
  readonly outcome: CardOutcome;
  readonly later: LaterOutcome;
  /** Issuer country, ISO 3166-1 alpha-3. */
  readonly country: string;
  /** CVV to type (4 digits for Amex). */
  readonly cvv: string;
}

/** Every test card, in the order of the TEST panel. */
export const TEST_CARDS: readonly TestCard[] = [
  card("visa", "4000000000000002", "Visa — accepted", "VI", "accept", "accept", "FRA"),
  card("mastercard", "5100000000000008", "Mastercard — accepted", "MC", "accept", "accept", "FRA"),
  card(
    "amex",
    "340000000000009",
    "Amex (15 digits, 4-digit CVV) — accepted",
    "AM",
    "accept",
    "accept",
    "FRA",
  ),
  card("refused", "4000000000000101", "Refused by the issuer", "VI", "refuse", "refuse", "FRA"),
  card(
    "3ds",
    "4000000000000309",
    "3-D Secure challenge (pass or fail)",
    "VI",
    "challenge",
    "accept",
    "FRA",
  ),
  card(
    "lost",
    "4000000000000408",
    "Lost / stolen (critical refusal)",
    "VI",
    "lost-stolen",
    "lost",
    "FRA",
  ),
  card(
    "fraud",
    "4000000000000507",
    "Blocked by the fraud filter",
    "VI",
    "fraud-filter",
    "refuse",
    "FRA",
  ),
  card(
    "foreign",
    "4000000000000606",
    "Foreign card (Belgium) — accepted",
    "VI",
    "accept",
    "accept",
    "BEL",
  ),
  card(
    "later-refused",
    "4000000000000705",
    "Accepted, later authorisations refused",
    "VI",
    "accept",
    "refuse",
    "FRA",
  ),
  card(
    "later-retry",
    "4000000000000804",
    "Accepted, each later authorisation refused once",
    "VI",
    "accept",
    "refuse-once",
    "FRA",
  ),
  card(
    "later-four",
    "4000000000001000",
    "Accepted, the next four later authorisations refused",
    "VI",
    "accept",
    "refuse-four",
    "FRA",
  ),
  card(
    "later-lost",
    "4000000000001109",
    "Accepted, then reported lost (later authorisations: critical refusal)",
    "VI",
    "accept",
    "lost",
    "FRA",
  ),
  card(
    "phone",
    "4000000000000903",
    "Refused: call the issuer (Appel Phonie)",
    "VI",
    "phone-call",
    "refuse",
    "FRA",
  ),
];

function card(
  id: string,
  number: string,
  label: string,
  brand: TestCard["brand"],
  outcome: CardOutcome,
  later: LaterOutcome,
  country: string,
): TestCard {
  return {
    id,
    number,
    label,
    brand,
    outcome,
    later,
    country,
    cvv: brand === "AM" ? "1234" : "123",
  };
}

/** The test card with this number (spaces ignored), if any. */
export function findCard(number: string): TestCard | undefined {
  const digits = number.replace(/\s+/g, "");
  return TEST_CARDS.find((c) => c.number === digits);
}

/** The test card with this panel id, if any. */
export function cardById(id: string): TestCard | undefined {
  return TEST_CARDS.find((c) => c.id === id);
}

/** True when the digits pass the Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The network of a card number from its prefix (Amex 34/37, Mastercard 51–55/2221–2720, Visa 4). */
export function brandOf(digits: string): "VI" | "MC" | "AM" | "CB" {
  if (/^3[47]/.test(digits)) return "AM";
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return "MC";
  if (digits.startsWith("4")) return "VI";
  return "CB";
}

/** `cbmasquee` in the v4 format: 8 + `******` + last 2 for ≥ 16 digits, 6 + `******` + the rest otherwise. */
export function maskV4(digits: string): string {
  return digits.length >= 16
    ? `${digits.slice(0, 8)}******${digits.slice(-2)}`
    : `${digits.slice(0, 6)}******${digits.slice(12)}`;
}

/** `cbmasquee` in the v3 format: first 6 + `******` + last 4. */
export function maskV3(digits: string): string {
  return `${digits.slice(0, 6)}******${digits.slice(-4)}`;
}

/** `bincb`: 8 digits in v4 (6 + `XX` for cards shorter than 16), 6 digits in v3. */
export function binOf(digits: string, format: "v3" | "v4"): string {
  if (format === "v3") return digits.slice(0, 6);
  return digits.length >= 16 ? digits.slice(0, 8) : `${digits.slice(0, 6)}XX`;
}
