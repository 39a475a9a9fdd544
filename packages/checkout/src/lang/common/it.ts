/** Italian texts of the common book, one per line in the order of its keys (index.ts). */
export const it = `Aggiungi al carrello
Aggiunto al carrello.
{n} articolo/i nel carrello
Esaurito
Solo {n} disponibili.`;
