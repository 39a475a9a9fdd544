/** The book's language files, each loaded on demand (its own file in the drop-in). */
export const FILES = {
  fr: () => import("./fr.js").then((m) => m.fr),
  en: () => import("./en.js").then((m) => m.en),
  de: () => import("./de.js").then((m) => m.de),
  it: () => import("./it.js").then((m) => m.it),
  es: () => import("./es.js").then((m) => m.es),
  nl: () => import("./nl.js").then((m) => m.nl),
};
