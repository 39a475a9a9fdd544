import { book } from "../../lang/index.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { it } from "./it.js";
import { nl } from "./nl.js";

/**
 * The texts of the order summary that `<sceau-checkout>` and `<sceau-order-status>` share: subtotal, shipping
 * (`{method}`: its name), free shipping, the promo code's line (`{code}`), the VAT included at a rate (`{rate}`,
 * e.g. "20 %"), the total.
 */
export const SUMMARY = book(["subtotal", "shipping", "free", "discount", "vat", "total"], {
  fr,
  en,
  de,
  it,
  es,
  nl,
});

/** The name of one text of the book. */
export type SummaryKey = (typeof SUMMARY.keys)[number];
