/**
 * The entry of the drop-in `sceau-checkout.js` (one script tag for a shop): defines the product page's elements
 * at once (`<sceau-add-to-cart>`, `<sceau-cart-count>`), and loads `<sceau-checkout>` and `<sceau-order-status>`
 * from the files next to it (`sceau-checkout-cart.js`, `sceau-checkout-status.js`, with the texts of the page's
 * language, `sceau-checkout-cart-fr.js`…) only when the page has them. So a page loads only what it shows.
 *
 * @example
 * ```html
 * <script type="module" src="/sceau-checkout.js"></script>
 * ```
 * @module
 */
import { SceauAddToCart } from "../components/add-to-cart/sceau-add-to-cart.js";
import { SceauCartCount } from "../components/cart-count/sceau-cart-count.js";
import { FILES as CART_TEXTS } from "../components/checkout/lang/files.js";
import { FILES as STATUS_TEXTS } from "../components/order-status/lang/files.js";
import { resolveLang } from "../lang/index.js";
import { defineOnce } from "../sceau-element.js";
import { loadOnDemand } from "./on-demand.js";

defineOnce("sceau-add-to-cart", SceauAddToCart);
defineOnce("sceau-cart-count", SceauCartCount);
// Each element's file and the texts of the page's language are fetched side by side.
loadOnDemand({
  "sceau-checkout": () => Promise.all([import("./cart.js"), CART_TEXTS[resolveLang()]()]),
  "sceau-order-status": () => Promise.all([import("./status.js"), STATUS_TEXTS[resolveLang()]()]),
});
