import { CheckoutError, type CheckoutErrorDetails } from "../errors.js";
import type {
  CheckoutRequest,
  CheckoutResponse,
  Order,
  Product,
  Quote,
  QuoteRequest,
} from "./types.js";

type Guard<T> = (body: unknown) => body is T;
// biome-ignore lint/suspicious/noExplicitAny: the guards below check shapes field by field
type Loose = any;

const isText = (v: unknown): v is string => typeof v === "string";
const isAmount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
/** Absent, or an amount. */
const maybeAmount = (v: unknown) => v === undefined || v === null || isAmount(v);

// Only what the elements rely on is checked: amounts are integers, names and fields are strings; the members a
// newer worker adds (subtotal, shipping, discount, VAT) are checked when present.
const isPricing = (b: Loose): boolean =>
  isText(b?.currency) &&
  isAmount(b.total) &&
  maybeAmount(b.subtotal) &&
  maybeAmount(b.shipping?.amount) &&
  maybeAmount(b.discount?.amount) &&
  (b.vat === undefined || b.vat?.every?.((v: Loose) => isAmount(v?.rate) && isAmount(v.amount))) &&
  b.lines?.every?.(
    (l: Loose) => isText(l?.sku) && isText(l.name) && isAmount(l.unitAmount) && isAmount(l.amount),
  );

const isQuote = ((b: Loose) =>
  isPricing(b) &&
  (b.shippingMethods === undefined ||
    b.shippingMethods?.every?.(
      (m: Loose) => isText(m?.method) && isAmount(m.amount),
    ))) as Guard<Quote>;

const hasOrder = (b: Loose): boolean => isText(b?.order?.reference) && isText(b.order.status);
const isOrder = ((b: Loose) =>
  hasOrder(b) && (b.order.lines === undefined || isPricing(b.order))) as Guard<{ order: Order }>;

const isCheckout = ((b: Loose) =>
  hasOrder(b) &&
  isText(b.order.token) &&
  isAmount(b.order.total) &&
  isText(b.form?.action) &&
  isText(b.form.method) &&
  Object.values(b.form.fields ?? 0).every(isText)) as Guard<CheckoutResponse>;

const isProducts = ((b: Loose) => b?.products?.every?.((p: Loose) => isText(p?.sku))) as Guard<{
  products: Product[];
}>;

/** Joins the worker's base URL (with or without a trailing slash; empty for this origin) and a path. */
export function apiUrl(endpoint: string, path: string): string {
  return `${endpoint.replace(/\/+$/, "")}${path}`;
}

/**
 * The numbers of an error answer, inside `error` or next to it: `available` units, a `minimum` amount (a number,
 * or `{ amount, currency }`), and `Retry-After`.
 */
function detailsOf(body: Loose, response: Response): CheckoutErrorDetails {
  const number = (name: "minimum" | "available") => {
    const value = body?.error?.[name] ?? body?.[name];
    const amount = isAmount(value?.amount) ? value.amount : value;
    return isAmount(amount) ? { [name]: amount } : {};
  };
  const retryAfter = Number(response.headers.get("retry-after"));
  return {
    ...number("minimum"),
    ...number("available"),
    ...(retryAfter > 0 && { retryAfter }),
  };
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
      details: detailsOf(body, response),
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
 * `ERR_PROMO_EXPIRED`, `ERR_OUT_OF_STOCK`, `ERR_SHIPPING_UNAVAILABLE`, …); an `AbortError` when `signal` aborts.
 * @example
 * ```ts
 * const quote = await fetchQuote("https://pay.example.com", { items: [{ sku: "MUG", quantity: 2 }] });
 * ```
 */
export function fetchQuote(
  endpoint: string,
  body: QuoteRequest,
  signal?: AbortSignal,
): Promise<Quote> {
  return request(
    apiUrl(endpoint, "/api/quote"),
    { method: "POST", body: JSON.stringify(body), signal },
    isQuote,
  );
}

/**
 * Creates the order (`POST /api/checkout`) and returns it with the sealed form to post to the bank.
 *
 * @throws {CheckoutError} as {@link fetchQuote}, plus `ERR_PRICE_CHANGED`, `ERR_BILLING_REQUIRED`,
 * `ERR_RATE_LIMITED`… when the worker says so.
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

const catalogs = new Map<string, Promise<readonly Product[]>>();

/**
 * The worker's products (`GET /api/products`), asked once per endpoint and page however many elements ask.
 *
 * @throws {CheckoutError} as {@link fetchOrder}.
 */
export function fetchProducts(endpoint: string): Promise<readonly Product[]> {
  let products = catalogs.get(endpoint);
  if (!products) {
    products = request(apiUrl(endpoint, "/api/products"), { method: "GET" }, isProducts).then(
      (b) => b.products,
    );
    // A failure is not kept: the next element (or page) asks again.
    products.catch(() => catalogs.delete(endpoint));
    catalogs.set(endpoint, products);
  }
  return products;
}
