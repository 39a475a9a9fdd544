/**
 * The keys of every text the elements show, in the order of the lines of each language file.
 * `{n}`, `{name}` and `{ref}` are placeholders.
 */
export const KEYS =
  // pay: the button · quantity: a line's quantity group · increase/decrease/remove: line buttons, {name} ·
  // terms: text before the terms link · instalments: legend of the instalment choice · times: {n} ·
  // errGone: {name} · count: {n} ·
  // anomaly: also for cancelled and refunded orders · reference: {ref} · monthly, every: a subscription's
  // renewals, {amount} and {n} months · collected, upcoming, missed: a scheduled payment's state
  "pay total quantity increase decrease remove empty quoting submitting redirecting email terms termsLink instalments once times address postalCode city country unavailable errNetwork errGone errPrice errQuantity errGeneric add count paid refused retry pending slow anomaly notFound reference monthly every collected upcoming missed".split(
    " ",
  ) as readonly MessageKey[];

/** The name of one text. */
export type MessageKey =
  | "pay"
  | "total"
  | "quantity"
  | "increase"
  | "decrease"
  | "remove"
  | "empty"
  | "quoting"
  | "submitting"
  | "redirecting"
  | "email"
  | "terms"
  | "termsLink"
  | "instalments"
  | "once"
  | "times"
  | "address"
  | "postalCode"
  | "city"
  | "country"
  | "unavailable"
  | "errNetwork"
  | "errGone"
  | "errPrice"
  | "errQuantity"
  | "errGeneric"
  | "add"
  | "count"
  | "paid"
  | "refused"
  | "retry"
  | "pending"
  | "slow"
  | "anomaly"
  | "notFound"
  | "reference"
  | "monthly"
  | "every"
  | "collected"
  | "upcoming"
  | "missed";

/** Every text the elements show, in one language. */
export type Messages = Readonly<Record<MessageKey, string>>;

/** The languages of the bank's payment page. */
export type Lang = "fr" | "en" | "de" | "it" | "es" | "nl";

/** Reads a language file: one text per line, in the order of {@link KEYS}. */
export function parseMessages(lines: string): Messages {
  const texts = lines.split("\n");
  return Object.fromEntries(KEYS.map((key, i) => [key, texts[i] ?? ""])) as Messages;
}
