/** Dutch texts of the common book, one per line in the order of its keys (index.ts). */
export const nl = `In winkelwagen
Toegevoegd aan je winkelwagen.
{n} artikel(en) in de winkelwagen
Uitverkocht
Nog maar {n} op voorraad.`;
