/** The drop-in's return-page file, `sceau-checkout-status.js`: defines `<sceau-order-status>`. @module */
import { SceauOrderStatus } from "../components/order-status/sceau-order-status.js";
import { defineOnce } from "../sceau-element.js";

defineOnce("sceau-order-status", SceauOrderStatus);
