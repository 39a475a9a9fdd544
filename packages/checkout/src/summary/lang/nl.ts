/** Dutch texts of the summary book, one per line in the order of its keys (index.ts). */
export const nl = `Subtotaal
Verzending ({method})
Gratis
Code {code}
waarvan btw {rate}
Totaal`;
