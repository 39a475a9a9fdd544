/**
 * @module @sceau/checkout/define — registers `<sceau-checkout>`, `<sceau-add-to-cart>`, `<sceau-cart-count>`
 * and `<sceau-order-status>` (never twice). This is also the entry of the drop-in `sceau-checkout.js`.
 *
 * @example
 * ```html
 * <script type="module" src="/sceau-checkout.js"></script>
 * ```
 */
import { defineElements } from "./register.js";

defineElements();
