/**
 * The console's language: French by default, English on request; the choice is remembered in this browser
 * (it is not a secret) and every element follows it through {@link LangController}.
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

export type Lang = "fr" | "en";
export const LANGS: readonly Lang[] = ["fr", "en"];

const STORAGE_KEY = "sceau-console-lang";
const listeners = new Set<() => void>();

function stored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "fr";
  } catch {
    return "fr";
  }
}

let current: Lang = stored();

/** The language in use. */
export function getLang(): Lang {
  return current;
}

/** Switches the language, remembers it and re-renders every element that follows it. */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  for (const listener of listeners) listener();
}

/** The `Intl` locale of a language: day-month-year dates in English too, as the merchant is French. */
export function localeOf(lang: Lang): string {
  return lang === "fr" ? "fr-FR" : "en-GB";
}

/** The decimal mark the merchant types and sees in amount fields. */
export function decimalMarkOf(lang: Lang): "," | "." {
  return lang === "fr" ? "," : ".";
}

/** This language's entry of a `{ fr, en }` pair of texts. */
export function pick<T>(texts: Record<Lang, T>): T {
  return texts[current];
}

/** Re-renders its host when the language changes. */
export class LangController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #update = () => this.#host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    listeners.add(this.#update);
  }

  hostDisconnected(): void {
    listeners.delete(this.#update);
  }
}
