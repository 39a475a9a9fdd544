/** French texts of the common book, one per line in the order of its keys (index.ts). */
export const fr = `Ajouter au panier
Ajouté au panier.
{n} article(s) au panier
Épuisé
Plus que {n} en stock.`;
