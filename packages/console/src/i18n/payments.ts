/**
 * The names of an order's payments and of their states, as the worker's ledger writes them (`order`,
 * `instalment-2`, `renewal-3`; the bank sandbox's state words), in the console's languages.
 * @module
 */
import type { Lang } from "./lang.js";

const NAMES = {
  fr: { order: "la commande", instalment: "échéance", renewal: "renouvellement" },
  en: { order: "the order", instalment: "instalment", renewal: "renewal" },
} as const;

const STATES: Record<Lang, Record<string, string>> = {
  fr: {
    pending: "En attente",
    scheduled: "Prévu",
    open: "Ouvert",
    authorised: "Autorisé",
    captured: "Capturé",
    refused: "Refusé",
    "carried-over": "Reporté",
    cancelled: "Annulé",
    abandoned: "Abandonné",
    expired: "Expiré",
    closed: "Clos",
  },
  en: {
    pending: "Pending",
    scheduled: "Scheduled",
    open: "Open",
    authorised: "Authorised",
    captured: "Captured",
    refused: "Refused",
    "carried-over": "Carried over",
    cancelled: "Cancelled",
    abandoned: "Abandoned",
    expired: "Expired",
    closed: "Closed",
  },
};

/**
 * A payment's label in words: `instalment-2` → « échéance 2 », `order` → "the order"; an unknown label as is.
 *
 * @example
 * paymentName("en", "renewal-3"); // "renewal 3"
 */
export function paymentName(language: Lang, label: string): string {
  const [kind, number] = label.split("-") as [keyof (typeof NAMES)["fr"], string | undefined];
  const name = NAMES[language][kind];
  if (!name) return label;
  return number ? `${name} ${number}` : name;
}

/** A payment's state in words; an unknown state as is. */
export function paymentState(language: Lang, state: string): string {
  return STATES[language][state] ?? state;
}
