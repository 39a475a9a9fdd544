import { book } from "../index.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { it } from "./it.js";
import { nl } from "./nl.js";

/**
 * The texts of the product page's elements (`<sceau-add-to-cart>`, `<sceau-cart-count>`), in the drop-in's main
 * file: the button, what a click says, `{n}` articles in the cart, a product out of stock, `{n}` still in stock.
 */
export const COMMON = book(["add", "added", "count", "soldOut", "stockLeft"], {
  fr,
  en,
  de,
  it,
  es,
  nl,
});
