/**
 * The elements' languages (the bank's six) and their texts. Texts come in books, one per part of the drop-in
 * (the common texts of the product page, the cart's, the return page's, the order summary's), so a page loads
 * only the texts of the elements it uses; the cart's and the return page's, the larger ones, are loaded one
 * language at a time. A book has one file per language with one text per line, in the order of the book's
 * keys; `{n}`, `{name}` and the like are placeholders.
 * @module
 */

/** The languages of the bank's payment page. */
export type Lang = "fr" | "en" | "de" | "it" | "es" | "nl";

/** The six languages, French first (the bank's default and the reference of every book). */
export const LANGS: readonly Lang[] = ["fr", "en", "de", "it", "es", "nl"];

/** One language's file of a book: its text, or a function that loads it (the drop-in's language files). */
export type TextFile = string | (() => Promise<string>);

/** A book of texts: its keys, and per language one text per line in the order of the keys. */
export interface TextBook<K extends string, F extends TextFile = TextFile> {
  readonly keys: readonly K[];
  readonly files: Readonly<Record<Lang, F>>;
}

/** Makes a book; its keys' type is the list given (`book(["add", "count"], files)`). */
export function book<const K extends string, F extends TextFile>(
  keys: readonly K[],
  files: Readonly<Record<Lang, F>>,
): TextBook<K, F> {
  return { keys, files };
}

/** The texts of a book in one language. */
export type Texts<K extends string> = Readonly<Record<K, string>>;

const parsed = new WeakMap<TextBook<string>, Partial<Record<Lang, Texts<string>>>>();

function parse<K extends string>(book: TextBook<K>, lang: Lang, file: string): Texts<K> {
  const known = parsed.get(book) ?? {};
  parsed.set(book, known);
  const lines = file.split("\n");
  known[lang] = Object.fromEntries(book.keys.map((key, i) => [key, lines[i] ?? ""]));
  return known[lang] as Texts<K>;
}

/** The texts of `book` in `lang`: always for a book of strings; once loaded ({@link loadTexts}) otherwise. */
export function textsOf<K extends string>(book: TextBook<K, string>, lang: Lang): Texts<K>;
export function textsOf<K extends string>(book: TextBook<K>, lang: Lang): Texts<K> | undefined;
export function textsOf<K extends string>(book: TextBook<K>, lang: Lang): Texts<K> | undefined {
  const known = parsed.get(book)?.[lang] as Texts<K> | undefined;
  if (known) return known;
  const file = book.files[lang];
  return typeof file === "string" ? parse(book, lang, file) : undefined;
}

/** Loads (once) and returns the texts of `book` in `lang`. */
export async function loadTexts<K extends string>(
  book: TextBook<K>,
  lang: Lang,
): Promise<Texts<K>> {
  const file = book.files[lang];
  return textsOf(book, lang) ?? parse(book, lang, typeof file === "string" ? file : await file());
}

/**
 * Picks the language from a `lang` value (`"de"`, `"de-CH"`, `"NL"`…), falling back to the page's
 * `<html lang>`, then to French (the bank's default). An unsupported language gives English.
 */
export function resolveLang(lang?: string | null): Lang {
  const wanted = (lang || document.documentElement.lang || "fr").slice(0, 2).toLowerCase();
  return (LANGS as readonly string[]).includes(wanted) ? (wanted as Lang) : "en";
}

/** Fills `{name}`-style placeholders of a message. */
export function format(message: string, values: Readonly<Record<string, string | number>>): string {
  return message.replace(/\{(\w+)\}/g, (all, key: string) =>
    key in values ? String(values[key]) : all,
  );
}
