/**
 * The admin API client: same origin as the console (`/api/admin`), the bearer token on every call, the
 * worker's error answers turned into {@link ConsoleError}.
 * @module
 */
import { ConsoleError } from "./errors.js";
import type {
  CreatedOrder,
  NewOrder,
  NotificationsPage,
  OperationKind,
  OperationResult,
  OrderDetail,
  OrderNotificationsPage,
  OrdersPage,
  OrderTotals,
  Product,
  SealedForm,
  Settings,
  Stats,
} from "./types.js";

/** What the client calls to reach the worker (`fetch`; tests give their own). */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Query parameters; `undefined` ones are left out. */
export type Query = Record<string, string | undefined>;

export interface AdminApiOptions {
  /** The admin token (`ADMIN_TOKEN`), sent as `Authorization: Bearer …`. */
  token: string;
  /** Defaults to the page's `fetch`. */
  fetch?: Fetch;
  /** Defaults to `/api/admin`, on the console's own origin. */
  base?: string;
  /** Called when the worker refuses the token (401), before the error is thrown. */
  onUnauthorized?: () => void;
}

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) params.set(name, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Calls the worker's admin API.
 *
 * @example
 * const api = new AdminApi({ token: "dev-admin-token" });
 * const { orders } = await api.orders({ status: "paid" });
 */
export class AdminApi {
  readonly #options: AdminApiOptions;

  constructor(options: AdminApiOptions) {
    this.#options = options;
  }

  /**
   * One call; resolves with the answer when it is a 2xx.
   *
   * @throws {ConsoleError} `ERR_NETWORK` when no answer arrives; the worker's code (with its status and
   *   field) for an error answer; `ERR_RESPONSE_INVALID` for an error answer that is not the worker's JSON.
   */
  async request(method: string, path: string, query?: Query, body?: unknown): Promise<Response> {
    const { token, base = "/api/admin" } = this.#options;
    const fetcher = this.#options.fetch ?? ((input, init) => fetch(input, init));
    let response: Response;
    try {
      response = await fetcher(withQuery(`${base}${path}`, query), {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body !== undefined && { "Content-Type": "application/json" }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        cache: "no-store",
      });
    } catch (error) {
      throw new ConsoleError("ERR_NETWORK", error instanceof Error ? error.message : String(error));
    }
    if (response.ok) return response;
    if (response.status === 401) this.#options.onUnauthorized?.();
    const answer = (await response.json().catch(() => null)) as {
      error?: { code?: unknown; message?: unknown; field?: unknown };
    } | null;
    const error = answer?.error;
    if (typeof error?.code !== "string") {
      throw new ConsoleError("ERR_RESPONSE_INVALID", `HTTP ${response.status}`, {
        status: response.status,
      });
    }
    throw new ConsoleError(error.code, String(error.message ?? ""), {
      status: response.status,
      ...(typeof error.field === "string" && { field: error.field }),
      body: answer as Record<string, unknown>,
    });
  }

  async #json<T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> {
    const response = await this.request(method, path, query, body);
    try {
      return (await response.json()) as T;
    } catch {
      throw new ConsoleError("ERR_RESPONSE_INVALID", "The answer is not JSON.", {
        status: response.status,
      });
    }
  }

  /** The worker's configuration, without secrets; also how the sign-in checks a token. */
  settings(): Promise<Settings> {
    return this.#json("GET", "/settings");
  }

  /** Today, 7 and 30 days in a time zone, and what needs the merchant. */
  stats(timeZone: string): Promise<Stats> {
    return this.#json("GET", "/stats", { tz: timeZone });
  }

  /** One page of orders, newest first (`status`, `from`, `to`, `reference`, `email`, `limit`, `cursor`). */
  orders(query: Query): Promise<OrdersPage> {
    return this.#json("GET", "/orders", query);
  }

  /** Count and amounts of the orders a filter selects. */
  totals(query: Query): Promise<OrderTotals> {
    return this.#json("GET", "/totals", query);
  }

  /** The filtered history as CSV: `excel` (BOM, `;`, decimal comma) or plain `rfc4180`. */
  async exportCsv(query: Query, format: "excel" | "rfc4180"): Promise<Blob> {
    return (await this.request("GET", "/orders.csv", { ...query, format })).blob();
  }

  order(reference: string): Promise<OrderDetail> {
    return this.#json("GET", `/orders/${encodeURIComponent(reference)}`);
  }

  /** The next page of an order's notifications, after the sequence number the previous page gave. */
  orderNotifications(reference: string, after: string): Promise<OrderNotificationsPage> {
    return this.#json("GET", `/orders/${encodeURIComponent(reference)}/notifications`, { after });
  }

  /**
   * Runs a capture, cancel, refund or stop of recurrence: `amount` in minor units (all that is offered when
   * absent), `authorisation` the bank's number a refund is made under.
   */
  operate(
    reference: string,
    kind: OperationKind,
    options: { amount?: number | undefined; authorisation?: string | undefined } = {},
  ): Promise<OperationResult> {
    const { amount, authorisation } = options;
    return this.#json("POST", `/orders/${encodeURIComponent(reference)}/${kind}`, undefined, {
      ...(amount !== undefined && { amount }),
      ...(authorisation !== undefined && { authorisation }),
    });
  }

  /** Creates a phone order or a payment link. */
  createOrder(order: NewOrder): Promise<CreatedOrder> {
    return this.#json("POST", "/orders", undefined, order);
  }

  /** A new payment link for an order the merchant created (the old one stops working). */
  renewLink(reference: string): Promise<{ payUrl: string; link: { expiresAt: string } }> {
    return this.#json("POST", `/orders/${encodeURIComponent(reference)}/link`);
  }

  /** A freshly sealed form for the merchant to key a card the buyer dictates. */
  async keyedForm(reference: string): Promise<SealedForm> {
    const path = `/orders/${encodeURIComponent(reference)}/keyed-form`;
    return (await this.#json<{ form: SealedForm }>("POST", path)).form;
  }

  async products(): Promise<Product[]> {
    return (await this.#json<{ products: Product[] }>("GET", "/products")).products;
  }

  /** Creates or replaces a product (deactivating is `active: false`). */
  async saveProduct(product: Product): Promise<Product> {
    const { sku, ...fields } = product;
    return (
      await this.#json<{ product: Product }>(
        "PUT",
        `/products/${encodeURIComponent(sku)}`,
        undefined,
        fields,
      )
    ).product;
  }

  /** The Retour log, newest first (`classification`, `limit`, `before`). */
  notifications(query: Query): Promise<NotificationsPage> {
    return this.#json("GET", "/notifications", query);
  }
}
