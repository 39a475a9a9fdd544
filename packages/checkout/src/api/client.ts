import { CheckoutError } from "../errors.js";
import type { CheckoutRequest, CheckoutResponse, ItemRequest, Order, Quote } from "./types.js";

type Guard<T> = (body: unknown) => body is T;
// biome-ignore lint/suspicious/noExplicitAny: the guards below check shapes field by field
type Loose = any;

const isText = (v: unknown): v is string => typeof v === "string";
const isAmount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

// Only what the elements rely on is checked: amounts are integers, names and fields are strings.
const isQuote = ((b: Loose) =>
  isText(b?.currency) &&
  isAmount(b.total) &&
  b.lines?.every?.(
    (l: Loose) => isText(l?.sku) && isText(l.name) && isAmount(l.unitAmount) && isAmount(l.amount),
  )) as Guard<Quote>;

const hasOrder = (b: Loose): boolean => isText(b?.order?.reference) && isText(b.order.status);
const isOrder = hasOrder as Guard<{ order: Order }>;

const isCheckout = ((b: Loose) =>
  hasOrder(b) &&
  isText(b.order.token) &&
  isAmount(b.order.total) &&
  isText(b.form?.action) &&
  isText(b.form.method) &&
  Object.values(b.form.fields ?? 0).every(isText)) as Guard<CheckoutResponse>;

/** Joins the worker's base URL (with or without a trailing slash; empty for this origin) and a path. */
export function apiUrl(endpoint: string, path: string): string {
  return `${endpoint.replace(/\/+$/, "")}${path}`;
}

async function request<T>(url: string, init: RequestInit, guard: Guard<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      credentials: "omit",
      headers: {
        accept: "application/json",
        ...(init.body ? { "content-type": "application/json" } : {}),
      },
    });
  } catch (cause) {
    if ((cause as Error)?.name === "AbortError") throw cause;
    throw new CheckoutError("ERR_NETWORK", `Unreachable: ${url}`, { cause });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    if ((cause as Error)?.name === "AbortError") throw cause;
    body = undefined;
  }
  const { status } = response;
  if (!response.ok) {
    const error = (body as Loose)?.error;
    const code = isText(error?.code) ? error.code : "ERR_SERVER";
    const message = isText(error?.message) ? error.message : `HTTP ${status}`;
    throw new CheckoutError(code, message, {
      status,
      field: isText(error?.field) ? error.field : undefined,
    });
  }
  if (!guard(body))
    throw new CheckoutError("ERR_RESPONSE_INVALID", `Bad response: ${url}`, { status });
  return body;
}

/**
 * Asks the worker to price the cart (`POST /api/quote`); prices never come from the page.
 *
 * @throws {CheckoutError} `ERR_NETWORK`, `ERR_RESPONSE_INVALID`, or the worker's code (`ERR_PRODUCT_UNKNOWN`,
 * `ERR_PRODUCT_INACTIVE`, `ERR_QUANTITY_INVALID`, …); an `AbortError` when `signal` aborts.
 * @example
 * ```ts
 * const quote = await fetchQuote("https://pay.example.com", [{ sku: "MUG", quantity: 2 }]);
 * ```
 */
export function fetchQuote(
  endpoint: string,
  items: readonly ItemRequest[],
  options: { instalments?: number; signal?: AbortSignal } = {},
): Promise<Quote> {
  const body =
    options.instalments && options.instalments > 1
      ? { items, instalments: options.instalments }
      : { items };
  return request(
    apiUrl(endpoint, "/api/quote"),
    { method: "POST", body: JSON.stringify(body), signal: options.signal },
    isQuote,
  );
}

/**
 * Creates the order (`POST /api/checkout`) and returns it with the sealed form to post to the bank.
 *
 * @throws {CheckoutError} as {@link fetchQuote}, plus `ERR_PRICE_CHANGED` when the worker says so.
 */
export function createCheckout(
  endpoint: string,
  payload: CheckoutRequest,
): Promise<CheckoutResponse> {
  return request(
    apiUrl(endpoint, "/api/checkout"),
    { method: "POST", body: JSON.stringify(payload) },
    isCheckout,
  );
}

/**
 * Reads an order's status (`GET /api/orders/:reference?token=…`).
 *
 * @throws {CheckoutError} `ERR_NETWORK`, `ERR_RESPONSE_INVALID`, or the worker's code (`ERR_ORDER_NOT_FOUND`, …).
 */
export function fetchOrder(
  endpoint: string,
  reference: string,
  token: string,
  signal?: AbortSignal,
): Promise<Order> {
  const path = `/api/orders/${encodeURIComponent(reference)}?token=${encodeURIComponent(token)}`;
  return request(apiUrl(endpoint, path), { method: "GET", signal }, isOrder).then((b) => b.order);
}
