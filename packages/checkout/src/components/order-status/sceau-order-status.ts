import { html, nothing } from "lit";
import { fetchOrder } from "../../api/client.js";
import type { Order, ScheduleEntry } from "../../api/types.js";
import { announceCart } from "../../cart/cart-store.js";
import { CheckoutError } from "../../errors.js";
import { SceauOrderStatusEvent } from "../../events.js";
import { format, type MessageKey } from "../../lang/index.js";
import { SceauElement, warn } from "../../sceau-element.js";
import { sharedStyles } from "../../styles/shared.js";
import { scheduleList } from "../schedule-list.js";
import { orderStatusStyles } from "./sceau-order-status.styles.js";

/** What `<sceau-order-status>` shows. */
export type OrderView =
  | "checking"
  | "pending"
  | "slow"
  | "paid"
  | "refused"
  | "anomaly"
  | "cancelled"
  | "refunded"
  | "error";

const PAID = new Set(["paid", "captured", "partially_captured", "partially_refunded"]);
const MAX_DELAY = 15_000;

/** Maps the worker's order status to what the buyer is shown. */
export function viewOf(status: string): OrderView {
  if (PAID.has(status)) return "paid";
  // An order whose authorisation lapsed: as a cancelled one, the buyer should ask the shop.
  if (status === "expired") return "cancelled";
  if (
    status === "refused" ||
    status === "anomaly" ||
    status === "cancelled" ||
    status === "refunded"
  )
    return status;
  return "pending";
}

/**
 * For the pages the bank sends the buyer back to: reads `reference` and `token` from the URL (then keeps the
 * token in this tab's sessionStorage and removes it from the address bar), asks the
 * worker for the order's status (arriving on the "ok" page proves nothing), polls with back-off while it is
 * pending, and empties the cart once the order is paid.
 *
 * @summary Order status for the return pages.
 * @tag sceau-order-status
 * @event sceau-order-status - Each time the worker reports a status; `detail: { reference, status }`.
 * @event sceau-cart-change - The cart was emptied because the order is paid.
 * @csspart message - The status sentence.
 * @csspart spinner - Shown while waiting.
 * @csspart reference - The order reference.
 * @csspart retry - The "try again" link after a refusal.
 * @csspart check-again - The button that checks again after a long wait.
 * @csspart schedule - The instalments or the renewals, each with its date, amount and state.
 * @cssproperty [--sceau-success-color=#15803d] - Colour of the "paid" message.
 * @cssproperty [--sceau-error-color=#b91c1c] - Colour of the "refused" message.
 * @cssproperty [--sceau-accent=#1d4ed8] - Button background.
 * @example
 * ```html
 * <sceau-order-status endpoint="https://pay.shop.example" retry-url="/panier/"></sceau-order-status>
 * ```
 */
export class SceauOrderStatus extends SceauElement {
  static override styles = [sharedStyles, orderStatusStyles];
  static override properties = {
    endpoint: {},
    reference: {},
    token: {},
    retryUrl: { attribute: "retry-url" },
    pollInterval: { type: Number, attribute: "poll-interval" },
    pollTimeout: { type: Number, attribute: "poll-timeout" },
    status: { reflect: true },
    order: { state: true },
  };

  /** The worker's base URL; empty for this origin. */
  declare endpoint: string;
  /** The order reference; read from the URL (`reference` or `ref`) when absent. */
  declare reference: string;
  /** The order token; read from the URL (`token`) when absent. */
  declare token: string;
  /** Where "try again" leads after a refusal (the cart page). */
  declare retryUrl: string;
  /** The first polling delay in milliseconds; it doubles up to 15 s. */
  declare pollInterval: number;
  /** How long to poll a pending order, in milliseconds, before asking the buyer to come back later. */
  declare pollTimeout: number;
  /** What is shown (read-only, reflected so a page can style it). */
  declare status: OrderView;

  declare private order: Order | undefined;

  constructor() {
    super();
    this.endpoint = "";
    this.reference = "";
    this.token = "";
    this.retryUrl = "/";
    this.pollInterval = 1000;
    this.pollTimeout = 120_000;
    this.status = "checking";
  }

  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  #started = 0;
  #attempt = 0;
  #notFound = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#keepToken();
    this.check();
  }

  /**
   * Moves the token out of the address bar into this tab's sessionStorage, so that it leaks through neither
   * the history, a bookmark, a shared link nor a Referer header; a reload finds it there.
   */
  #keepToken(): void {
    const url = new URL(location.href);
    const token = url.searchParams.get("token");
    const reference = url.searchParams.get("reference") || url.searchParams.get("ref");
    if (!token || !reference) return;
    try {
      sessionStorage.setItem(`sceau-token:${reference}`, token);
    } catch {
      return; // storage refused: keep the token where it is, or a reload would lose the order
    }
    url.searchParams.delete("token");
    history.replaceState(history.state, "", url);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  #order(): { reference: string; token: string } {
    const query = new URLSearchParams(location.search);
    const reference = this.reference || query.get("reference") || query.get("ref") || "";
    let stored: string | null = null;
    try {
      stored = sessionStorage.getItem(`sceau-token:${reference}`);
    } catch {
      // storage refused: only the attribute or the URL can give the token
    }
    return { reference, token: this.token || query.get("token") || stored || "" };
  }

  /** Asks the worker again now and restarts the back-off. */
  check(): void {
    this.#stop();
    this.#started = Date.now();
    this.#attempt = 0;
    this.#notFound = false;
    this.status = "checking";
    void this.#poll();
  }

  async #poll(): Promise<void> {
    const { reference, token } = this.#order();
    if (!reference || !token) {
      warn("<sceau-order-status>: no reference or token");
      this.#notFound = true;
      this.status = "error";
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    let view: OrderView = "pending";
    try {
      const order = await fetchOrder(this.endpoint, reference, token, abort.signal);
      this.order = order;
      view = viewOf(order.status);
      this.dispatchEvent(new SceauOrderStatusEvent({ reference, status: order.status }));
    } catch (error) {
      if (abort.signal.aborted) return;
      // A network failure is worth retrying; anything else (unknown order, bad token) is final.
      if (!(error instanceof CheckoutError && error.code === "ERR_NETWORK")) {
        this.#notFound =
          error instanceof CheckoutError && (error.status === 404 || error.status === 403);
        this.status = "error";
        return;
      }
    }
    if (view === "paid" && this.status !== "paid") {
      this.cart.clear();
      announceCart(this, this.cart);
    }
    if (view !== "pending") {
      this.status = view;
      return;
    }
    const delay = Math.min(this.pollInterval * 2 ** this.#attempt++, MAX_DELAY);
    if (Date.now() + delay - this.#started > this.pollTimeout) {
      this.status = "slow";
      return;
    }
    this.status = "pending";
    this.#timer = setTimeout(() => void this.#poll(), delay);
  }

  /** A scheduled payment's state in a word: paid (or authorised), to come, or not collected. */
  #state = (entry: ScheduleEntry): string => {
    const m = this.messages;
    if (entry.status === "captured" || entry.status === "authorised") return m.collected;
    return ["pending", "scheduled", "open"].includes(entry.status ?? "") ? m.upcoming : m.missed;
  };

  override render() {
    const m = this.messages;
    const order = this.order;
    const { reference } = this.#order();
    const status = this.status;
    // Views are named after their texts; cancelled and refunded orders also ask to contact the shop.
    const text = this.#notFound
      ? m.notFound
      : status === "error"
        ? m.errGeneric
        : status === "checking"
          ? m.pending
          : (m[status as MessageKey] ?? m.anomaly);
    const waiting = status === "checking" || status === "pending";
    return html`
      <p part="message" role="status">
        ${waiting ? html`<span part="spinner" class="spinner" aria-hidden="true"></span>` : nothing}${text}
      </p>
      ${reference ? html`<p part="reference">${format(m.reference, { ref: reference })}</p>` : nothing}
      ${
        order?.schedule?.length && order.currency
          ? scheduleList(
              order.schedule,
              order.currency,
              this.activeLang,
              m.instalments,
              this.#state,
            )
          : nothing
      }
      ${
        status === "refused"
          ? html`<a part="retry" class="primary" href=${this.retryUrl}>${m.retry}</a>`
          : nothing
      }
      ${
        status === "slow" || (status === "error" && !this.#notFound)
          ? html`<button part="check-again" class="primary" @click=${this.check}>${m.retry}</button>`
          : nothing
      }`;
  }
}
