/**
 * @module @sceau/checkout — the element classes, events, cart store and API client, without registering
 * any tag (import `@sceau/checkout/define` for that).
 *
 * @example
 * ```ts
 * import { defineElements, getCart } from "@sceau/checkout";
 * defineElements();
 * getCart().add("MUG-BLUE", 1);
 * ```
 */
export { createCheckout, fetchOrder, fetchProducts, fetchQuote } from "./api/client.js";
export type {
  Address,
  CheckoutRequest,
  CheckoutResponse,
  Discount,
  ItemRequest,
  Order,
  PriceBreakdown,
  Product,
  Quote,
  QuoteLine,
  QuoteRequest,
  Requirements,
  ScheduleEntry,
  SealedForm,
  ShippingMethod,
  VatAmount,
} from "./api/types.js";
export { CartController } from "./cart/cart-controller.js";
export {
  type CartItem,
  type CartListener,
  CartStore,
  getCart,
  STORAGE_KEY,
} from "./cart/cart-store.js";
export { MAX_LINES, MAX_QUANTITY, parseCart } from "./cart/parse-cart.js";
export { SceauAddToCart } from "./components/add-to-cart/sceau-add-to-cart.js";
export { SceauCartCount } from "./components/cart-count/sceau-cart-count.js";
export {
  type CheckoutResult,
  type CheckoutStatus,
  SceauCheckout,
} from "./components/checkout/sceau-checkout.js";
export { type OrderView, SceauOrderStatus } from "./components/order-status/sceau-order-status.js";
export { CheckoutError, type CheckoutErrorCode, type CheckoutErrorDetails } from "./errors.js";
export {
  type CartChangeDetail,
  type CheckoutErrorDetail,
  type CheckoutRedirectDetail,
  type CheckoutStartDetail,
  type OrderStatusDetail,
  SceauCartChangeEvent,
  SceauCheckoutErrorEvent,
  SceauCheckoutRedirectEvent,
  SceauCheckoutStartEvent,
  SceauOrderStatusEvent,
} from "./events.js";
export { formatMoney, formatRate } from "./format/money.js";
export { LANGS, type Lang, resolveLang } from "./lang/index.js";
export { defineElements } from "./register.js";
