/** Spanish texts of the common book, one per line in the order of its keys (index.ts). */
export const es = `Añadir al carrito
Añadido al carrito.
{n} artículo(s) en el carrito
Agotado
Solo quedan {n} en stock.`;
