/** English texts of the common book, one per line in the order of its keys (index.ts). */
export const en = `Add to cart
Added to your cart.
{n} item(s) in the cart
Sold out
Only {n} left in stock.`;
