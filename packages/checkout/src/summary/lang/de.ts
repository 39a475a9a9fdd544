/** German texts of the summary book, one per line in the order of its keys (index.ts). */
export const de = `Zwischensumme
Versand ({method})
Kostenlos
Code {code}
inkl. MwSt. {rate}
Gesamt`;
