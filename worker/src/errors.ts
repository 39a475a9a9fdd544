/**
 * The worker's errors: one closed list of codes with their HTTP status, and the one error type handlers
 * throw; the single `onError` in app.ts turns it into `{ "error": { "code", "message", "field"? } }`.
 * @module
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The HTTP status of every code the worker answers with; the keys are the closed list of codes. */
const STATUS = {
  // 400: the request itself is wrong.
  ERR_JSON_INVALID: 400,
  ERR_CART_EMPTY: 400,
  ERR_CART_TOO_LARGE: 400,
  ERR_SKU_INVALID: 400,
  ERR_QUANTITY_INVALID: 400,
  ERR_INSTALMENTS_INVALID: 400,
  ERR_LANGUAGE_INVALID: 400,
  ERR_EMAIL_INVALID: 400,
  ERR_BILLING_REQUIRED: 400,
  ERR_SHIPPING_REQUIRED: 400,
  ERR_PHONE_REQUIRED: 400,
  ERR_EMAIL_REQUIRED: 400,
  ERR_ADDRESS_INVALID: 400,
  ERR_AMOUNT_INVALID: 400,
  ERR_FILTER_INVALID: 400,
  ERR_CURSOR_INVALID: 400,
  ERR_PRODUCT_INVALID: 400,
  ERR_AUTHORISATION_INVALID: 400,
  ERR_SHIPPING_METHOD_INVALID: 400,
  ERR_PROMO_INVALID: 400,
  ERR_WEBHOOK_URL_INVALID: 400,
  ERR_WEBHOOK_EVENTS_INVALID: 400,
  ERR_WEBHOOK_ENDPOINT_INVALID: 400,
  ERR_REPLAY_INVALID: 400,
  ERR_CURRENCY_UNKNOWN: 400,
  ERR_CHANNEL_INVALID: 400,
  ERR_ORDER_CONTENT_INVALID: 400,
  ERR_TEXT_INVALID: 400,
  ERR_UNAUTHORIZED: 401,
  ERR_ORIGIN_NOT_ALLOWED: 403,
  ERR_ORDER_NOT_FOUND: 404,
  ERR_NOT_FOUND: 404,
  ERR_ENDPOINT_NOT_FOUND: 404,
  ERR_EVENT_NOT_FOUND: 404,
  // 409: the order's state or the bank does not allow it.
  ERR_ORDER_NOT_PAID: 409,
  ERR_ORDER_NOT_PAYABLE: 409,
  ERR_ORDER_NOT_CAPTURED: 409,
  ERR_AMOUNT_EXCEEDS_AUTHORISED: 409,
  ERR_AMOUNT_EXCEEDS_REFUNDABLE: 409,
  ERR_NOTHING_TO_CANCEL: 409,
  ERR_NOTHING_TO_REFUND: 409,
  ERR_RECURRENCE_ALREADY_STOPPED: 409,
  ERR_AUTHORISATION_UNKNOWN: 409,
  ERR_OPERATION_UNAVAILABLE: 409,
  ERR_OPERATION_IN_PROGRESS: 409,
  ERR_BANK_REFUSED: 409,
  ERR_OUT_OF_STOCK: 409,
  ERR_STOCK_NOT_COUNTED: 409,
  ERR_ENDPOINT_LIMIT: 409,
  ERR_BODY_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  // 422: well-formed, but the catalog or the terminal cannot honour it.
  ERR_INSTALMENTS_UNAVAILABLE: 422,
  ERR_PRODUCT_UNKNOWN: 422,
  ERR_PRODUCT_INACTIVE: 422,
  ERR_CURRENCY_MIXED: 422,
  ERR_AMOUNT_EXCEEDS_LIMIT: 422,
  ERR_SUBSCRIPTION_UNAVAILABLE: 422,
  ERR_SUBSCRIPTION_ONLY: 422,
  ERR_AUTHORISATION_REQUIRED: 422,
  ERR_SHIPPING_METHOD_UNKNOWN: 422,
  ERR_SHIPPING_UNAVAILABLE: 422,
  ERR_PROMO_UNKNOWN: 422,
  ERR_PROMO_NOT_STARTED: 422,
  ERR_PROMO_EXPIRED: 422,
  ERR_PROMO_NOT_APPLICABLE: 422,
  ERR_PROMO_MINIMUM: 422,
  ERR_PROMO_EXHAUSTED: 422,
  ERR_RATE_LIMITED: 429,
  ERR_CONFIG_INVALID: 500,
  ERR_INTERNAL: 500,
  ERR_BANK_UNAVAILABLE: 502,
  ERR_BANK_BUSY: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

/** Every code the worker's own errors carry; stable across versions. */
export type ErrorCode = keyof typeof STATUS;

/** True for a code of the closed list. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(STATUS, code);
}

/** Options of {@link ApiError}. */
export interface ApiErrorOptions {
  /** The field or variable at fault (`items[0].sku`, `BANK_ENV`). */
  field?: string | undefined;
  /** Extra top-level members of the error body (e.g. the recorded bank operation). */
  extra?: Record<string, unknown>;
  /** Another status than the code's own, where a route must answer differently (the Retour's 503). */
  status?: ContentfulStatusCode;
  /** Headers of the answer (`Retry-After`). */
  headers?: Record<string, string>;
}

/**
 * An error with a stable code, safe to show to the caller (never key material, never a stack).
 *
 * @example
 * throw new ApiError("ERR_ORDER_NOT_FOUND", `No order ${reference}.`);
 * throw new ApiError("ERR_SKU_INVALID", "items[0].sku must be a catalog sku.", { field: "items[0].sku" });
 */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly extra: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(options.status ?? STATUS[code], { message });
    this.code = code;
    this.field = options.field;
    this.extra = options.extra;
    this.headers = options.headers;
    this.name = "ApiError";
  }
}

/** The JSON body of an error answer. */
export function errorBody(code: string, message: string, field?: string) {
  return { error: { code, message, ...(field !== undefined && { field }) } };
}

/**
 * A configuration error naming the variable at fault (never echoing a secret's value).
 *
 * @example
 * throw configError("BANK_ENV", 'must be "test" or "production".');
 */
export function configError(variable: string, message: string): ApiError {
  return new ApiError("ERR_CONFIG_INVALID", `${variable}: ${message}`, { field: variable });
}
