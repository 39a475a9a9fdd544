/** Italian texts of the summary book, one per line in the order of its keys (index.ts). */
export const it = `Subtotale
Spedizione ({method})
Gratuita
Codice {code}
di cui IVA {rate}
Totale`;
