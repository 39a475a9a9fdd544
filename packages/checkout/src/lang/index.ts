import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { it } from "./it.js";
import { type Lang, type Messages, parseMessages } from "./messages.js";
import { nl } from "./nl.js";

export { KEYS, type Lang, type MessageKey, type Messages } from "./messages.js";

const FILES: Readonly<Record<Lang, string>> = { fr, en, de, it, es, nl };
const cache: Partial<Record<Lang, Messages>> = {};

/** The texts of a supported language. */
export function messagesOf(lang: Lang): Messages {
  cache[lang] ??= parseMessages(FILES[lang]);
  return cache[lang];
}

/**
 * Picks the language from a `lang` value (`"de"`, `"de-CH"`, `"NL"`…), falling back to the page's
 * `<html lang>`, then to French (the bank's default). An unsupported language gives English.
 */
export function resolveLang(lang?: string | null): Lang {
  const wanted = (lang || document.documentElement.lang || "fr").slice(0, 2).toLowerCase();
  return wanted in FILES ? (wanted as Lang) : "en";
}

/** Fills `{name}`-style placeholders of a message. */
export function format(message: string, values: Readonly<Record<string, string | number>>): string {
  return message.replace(/\{(\w+)\}/g, (all, key: string) =>
    key in values ? String(values[key]) : all,
  );
}
