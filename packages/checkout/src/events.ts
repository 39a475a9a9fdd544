import type { CartItem } from "./cart/cart-store.js";

/**
 * The base of every sceau event: it bubbles, crosses shadow roots and carries a typed `detail`.
 */
export class SceauEvent<T> extends Event {
  /** What happened. */
  readonly detail: T;
  /** Creates an event of `type`; `cancelable` only for events a listener may stop. */
  constructor(type: string, detail: T, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = detail;
  }
}

/** Detail of {@link SceauCartChangeEvent}. */
export interface CartChangeDetail {
  /** The cart after the change. */
  readonly items: readonly CartItem[];
  /** The number of articles (sum of quantities). */
  readonly count: number;
}

/**
 * Fired when the cart changes: by the element through which it changed, or on `document` when another tab
 * changed it.
 *
 * @example
 * ```js
 * document.addEventListener("sceau-cart-change", (e) => console.log(e.detail.count));
 * ```
 */
export class SceauCartChangeEvent extends SceauEvent<CartChangeDetail> {
  /** Creates the event. */
  constructor(detail: CartChangeDetail) {
    super("sceau-cart-change", detail);
  }
}

/** Detail of {@link SceauCheckoutStartEvent}. */
export interface CheckoutStartDetail {
  /** The items about to be ordered. */
  readonly items: readonly CartItem[];
  /** The buyer's e-mail, when the element asks for it. */
  readonly email?: string;
  /** The number of instalments chosen (1 = pay at once). */
  readonly instalments: number;
}

/**
 * Fired when the buyer asks to pay, before the order is created. Cancelable: call `preventDefault()` to
 * stop the checkout (for instance when the shop's own fields are invalid).
 */
export class SceauCheckoutStartEvent extends SceauEvent<CheckoutStartDetail> {
  /** Creates the event. */
  constructor(detail: CheckoutStartDetail) {
    super("sceau-checkout-start", detail, true);
  }
}

/** Detail of {@link SceauCheckoutRedirectEvent}. */
export interface CheckoutRedirectDetail {
  /** The order reference. */
  readonly reference: string;
  /** The bank URL the sealed form is posted to. */
  readonly action: string;
}

/** Fired once the order exists, just before the sealed form is posted to the bank. */
export class SceauCheckoutRedirectEvent extends SceauEvent<CheckoutRedirectDetail> {
  /** Creates the event. */
  constructor(detail: CheckoutRedirectDetail) {
    super("sceau-checkout-redirect", detail);
  }
}

/** Detail of {@link SceauCheckoutErrorEvent}. */
export interface CheckoutErrorDetail {
  /** A stable code, see `CheckoutErrorCode`. */
  readonly code: string;
  /** The localised message shown to the buyer. */
  readonly message: string;
}

/** Fired when quoting or checking out fails; the cart is left as it was. */
export class SceauCheckoutErrorEvent extends SceauEvent<CheckoutErrorDetail> {
  /** Creates the event. */
  constructor(detail: CheckoutErrorDetail) {
    super("sceau-checkout-error", detail);
  }
}

/** Detail of {@link SceauOrderStatusEvent}. */
export interface OrderStatusDetail {
  /** The order reference. */
  readonly reference: string;
  /** The status the worker reported (`pending`, `paid`, `refused`, …). */
  readonly status: string;
}

/** Fired by `<sceau-order-status>` each time the worker reports a new status. */
export class SceauOrderStatusEvent extends SceauEvent<OrderStatusDetail> {
  /** Creates the event. */
  constructor(detail: OrderStatusDetail) {
    super("sceau-order-status", detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "sceau-cart-change": SceauCartChangeEvent;
    "sceau-checkout-start": SceauCheckoutStartEvent;
    "sceau-checkout-redirect": SceauCheckoutRedirectEvent;
    "sceau-checkout-error": SceauCheckoutErrorEvent;
    "sceau-order-status": SceauOrderStatusEvent;
  }
}
