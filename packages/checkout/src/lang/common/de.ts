/** German texts of the common book, one per line in the order of its keys (index.ts). */
export const de = `In den Warenkorb
In den Warenkorb gelegt.
{n} Artikel im Warenkorb
Ausverkauft
Nur noch {n} auf Lager.`;
