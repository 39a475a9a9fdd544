import { SceauAddToCart } from "./components/add-to-cart/sceau-add-to-cart.js";
import { SceauCartCount } from "./components/cart-count/sceau-cart-count.js";
import { SceauCheckout } from "./components/checkout/sceau-checkout.js";
import { SceauOrderStatus } from "./components/order-status/sceau-order-status.js";
import { defineOnce } from "./sceau-element.js";

/** The tags and their classes. */
const ELEMENTS = {
  "sceau-checkout": SceauCheckout,
  "sceau-add-to-cart": SceauAddToCart,
  "sceau-cart-count": SceauCartCount,
  "sceau-order-status": SceauOrderStatus,
} as const;

/**
 * Registers the four tags, skipping any already defined (the drop-in may be included twice, or next to
 * the npm build).
 *
 * @example
 * ```ts
 * import { defineElements } from "@sceau/checkout";
 * defineElements();
 * ```
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of Object.entries(ELEMENTS)) defineOnce(tag, element, registry);
}

declare global {
  interface HTMLElementTagNameMap {
    "sceau-checkout": SceauCheckout;
    "sceau-add-to-cart": SceauAddToCart;
    "sceau-cart-count": SceauCartCount;
    "sceau-order-status": SceauOrderStatus;
  }
}
