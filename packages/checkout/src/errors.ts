/**
 * Error codes the elements report, in `CheckoutError.code` and in `sceau-checkout-error` events.
 *
 * Codes sent by the worker (`{ "error": { "code" } }`) are passed through unchanged, so the union stays open.
 */
export type CheckoutErrorCode =
  | "ERR_NETWORK"
  | "ERR_SERVER"
  | "ERR_RESPONSE_INVALID"
  | "ERR_PRODUCT_UNKNOWN"
  | "ERR_PRODUCT_INACTIVE"
  | "ERR_PRICE_CHANGED"
  | "ERR_QUANTITY_INVALID"
  | "ERR_CART_EMPTY"
  | "ERR_ORDER_MISSING"
  | "ERR_ORDER_NOT_FOUND"
  | "ERR_OUT_OF_STOCK"
  | "ERR_RATE_LIMITED"
  | "ERR_ORIGIN_NOT_ALLOWED"
  | "ERR_BILLING_REQUIRED"
  | "ERR_SHIPPING_REQUIRED"
  | "ERR_PHONE_REQUIRED"
  | "ERR_EMAIL_REQUIRED"
  | "ERR_SHIPPING_UNAVAILABLE"
  | "ERR_PROMO_UNKNOWN"
  | "ERR_PROMO_EXPIRED"
  | "ERR_PROMO_NOT_STARTED"
  | "ERR_PROMO_MINIMUM"
  | "ERR_PROMO_EXHAUSTED"
  | (string & {});

/** Numbers a worker error may carry: a promo code's minimum, a product's stock left, seconds to wait. */
export interface CheckoutErrorDetails {
  /** `ERR_PROMO_MINIMUM`: the cart total the code needs, in minor units. */
  readonly minimum?: number;
  /** `ERR_OUT_OF_STOCK`: how many are left. */
  readonly available?: number;
  /** `ERR_RATE_LIMITED`: seconds before trying again (`Retry-After`). */
  readonly retryAfter?: number;
}

/** Optional details of a {@link CheckoutError}. */
export interface CheckoutErrorOptions {
  /** The request field the worker blamed, e.g. `items[1].sku`. */
  field?: string;
  /** The HTTP status of the response, when there was one. */
  status?: number;
  /** The underlying error. */
  cause?: unknown;
  /** Numbers the worker gave with the error. */
  details?: CheckoutErrorDetails;
}

/**
 * The one error class of `@sceau/checkout`: a stable `code`, plus the field and HTTP status when known.
 *
 * @example
 * ```ts
 * try { await fetchQuote(endpoint, items); }
 * catch (e) { if (e instanceof CheckoutError && e.code === "ERR_NETWORK") retryLater(); }
 * ```
 */
export class CheckoutError extends Error {
  /** A stable, machine-readable code such as `ERR_NETWORK`. */
  readonly code: CheckoutErrorCode;
  /** The request field the worker blamed, if any. */
  readonly field: string | undefined;
  /** The HTTP status, if the error came from a response. */
  readonly status: number | undefined;
  /** Numbers the worker gave with the error (a promo code's minimum, stock left, seconds to wait). */
  readonly details: CheckoutErrorDetails;

  /** Creates an error with a stable code and a developer-facing message. */
  constructor(code: CheckoutErrorCode, message: string, options: CheckoutErrorOptions = {}) {
    super(message, options);
    this.name = "CheckoutError";
    this.code = code;
    this.field = options.field;
    this.status = options.status;
    this.details = options.details ?? {};
  }
}
