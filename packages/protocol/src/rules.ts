/**
 * The shapes of the values the bank identifies a merchant and a buyer by, written once for every package.
 * @module
 */

/** A TPE (terminal) number: 7 letters or digits (PROTOCOL.md §3.1). */
export const TPE_PATTERN = /^[A-Za-z0-9]{7}$/;

/** A site code (`societe`): 1 to 20 letters or digits (PROTOCOL.md §3.1). */
export const SOCIETE_PATTERN = /^[A-Za-z0-9]{1,20}$/;

/**
 * An e-mail address as sceau accepts it from a buyer: ASCII letters, digits and `. _ % + -` before the `@`,
 * dot-separated labels of letters, digits and `-` after it, a top-level domain of letters. It is narrower
 * than RFC 5322 on purpose: no `*` (the seal's separator), no `=`, `;`, quotes or spaces, which could end
 * up inside a sealed string, a CSV cell or a log line.
 */
export const EMAIL_PATTERN =
  /^[A-Za-z0-9._%+-]{1,64}@(?=.{4,190}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;

/**
 * Characters no text a person types may carry into a page, a CSV cell, a log line or the bank's order
 * context: C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional overrides and
 * isolates that make a text display in another order than it is stored.
 */
export const CONTROL_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * The bank's limits on one payment request (PROTOCOL.md §9.5): at most 4 card attempts per reference; a
 * reference still pending an hour after it was first posted, or a form posted more than 12 hours after its
 * `date`, is refused as expired ("La date de validité de votre commande est dépassée"); the buyer has 45
 * minutes on the card page.
 */
export const BANK_LIMITS = {
  attemptsPerReference: 4,
  pendingReferenceMinutes: 60,
  formValidityHours: 12,
  cardEntryMinutes: 45,
} as const;

/** The e-mail rule the bank documents for `contexte_commande` (PROTOCOL.md §7.3), looser than sceau's. */
export const BANK_EMAIL_PATTERN = /^.+@.+\..+$/;

/**
 * Which rules a check applies: `"sceau"` (the default) — the bank's, and the stricter ones sceau holds
 * everything it seals to (no `*` in a sealed value, plain e-mail addresses); `"bank"` — only what the bank
 * itself documents, for a stand-in that must accept what the bank accepts (the bank sandbox).
 */
export type RuleSet = "sceau" | "bank";

/**
 * True when a value is an e-mail address sceau accepts (see {@link EMAIL_PATTERN}), at most 254 characters.
 *
 * @example
 * isEmailAddress("client@example.fr"); // true
 * isEmailAddress("a*b@example.fr"); // false
 */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL_PATTERN.test(value);
}
