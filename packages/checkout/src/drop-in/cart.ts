/** The drop-in's cart-page file, `sceau-checkout-cart.js`: defines `<sceau-checkout>`. @module */
import { SceauCheckout } from "../components/checkout/sceau-checkout.js";
import { defineOnce } from "../sceau-element.js";

defineOnce("sceau-checkout", SceauCheckout);
