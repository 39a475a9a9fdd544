import { html, nothing } from "lit";
import { fetchOrder } from "../../api/client.js";
import type { Order, ScheduleEntry } from "../../api/types.js";
import { announceCart } from "../../cart/cart-store.js";
import { CheckoutError } from "../../errors.js";
import { SceauOrderStatusEvent } from "../../events.js";
import { formatDateTime } from "../../format/date.js";
import { format } from "../../lang/index.js";
import { SceauElement, warn } from "../../sceau-element.js";
import { sharedStyles } from "../../styles/shared.js";
import { receiptLinesTemplate, totalsTemplate } from "../../summary/order-summary.js";
import { summaryStyles } from "../../summary/order-summary.styles.js";
import { scheduleList } from "../schedule-list.js";
import { STATUS, type StatusKey } from "./lang/index.js";
import { orderStatusStyles } from "./sceau-order-status.styles.js";

/** What `<sceau-order-status>` shows. */
export type OrderView =
  | "checking"
  | "pending"
  | "slow"
  | "incomplete"
  | "paid"
  | "refused"
  | "abandoned"
  | "anomaly"
  | "cancelled"
  | "refunded"
  | "not-found"
  | "error";

const PAID = new Set(["paid", "captured", "partially_captured", "partially_refunded"]);
const FINAL = new Set(["refused", "abandoned", "anomaly", "cancelled", "refunded"]);
const MAX_DELAY = 15_000;
/** After `poll-timeout`, how often and until when a page that is still open keeps asking (late acceptances). */
const LATE_DELAY = 60_000;
const LATE_UNTIL = 3_600_000;

/**
 * Maps the worker's order status to what the buyer is shown; `returned` is set when the bank sent the buyer back
 * through the error or cancel URL, where a pending order means the payment did not go through.
 */
export function viewOf(status: string, returned = false): OrderView {
  if (PAID.has(status)) return "paid";
  // An order whose authorisation lapsed: as a cancelled one, the buyer should ask the shop.
  if (status === "expired") return "cancelled";
  if (FINAL.has(status)) return status as OrderView;
  return returned ? "incomplete" : "pending";
}

/** Per view: the title (also the start of the page's title) and what the buyer reads. */
const TEXTS: Readonly<Record<OrderView, readonly [StatusKey, StatusKey | ""]>> = {
  checking: ["titleChecking", ""],
  pending: ["titlePending", "pending"],
  slow: ["titlePending", "slow"],
  incomplete: ["titleIncomplete", "incomplete"],
  paid: ["titlePaid", "paid"],
  refused: ["titleRefused", "refused"],
  abandoned: ["titleIncomplete", "abandoned"],
  anomaly: ["titleAnomaly", "anomaly"],
  cancelled: ["titleCancelled", "cancelled"],
  refunded: ["titleRefunded", "refunded"],
  "not-found": ["titleNotFound", "notFound"],
  error: ["titleError", "error"],
};

/** The views after which the buyer may pay again: the cart is still there. */
const RETRY = new Set<OrderView>(["refused", "incomplete", "abandoned"]);

/**
 * For the pages the bank sends the buyer back to: reads `reference` and `token` from the URL (then keeps the
 * token in this tab's sessionStorage and removes it from the address bar), asks the worker for the order
 * (arriving on the "ok" page proves nothing), and says in plain words where the payment stands — paid (and what
 * happens next), waiting for the bank, refused or not completed (no money taken, try again: the cart is still
 * there) — with the order's receipt: what was bought, shipping, VAT, total, date. On the error/cancel URL
 * (`return=error`) it says at once that the payment did not complete, and keeps listening for a late acceptance.
 * The page's title follows the state. It empties the cart once the order is paid.
 *
 * @summary Order status and receipt for the return pages.
 * @tag sceau-order-status
 * @event sceau-order-status - Each time the worker reports a status; `detail: { reference, status }`.
 * @event sceau-cart-change - The cart was emptied because the order is paid.
 * @csspart title - The state in a few words (a heading).
 * @csspart message - What the buyer reads about the state.
 * @csspart listening - The note that a late acceptance will still show.
 * @csspart spinner - Shown while waiting.
 * @csspart retry - The "try the payment again" link, to the cart.
 * @csspart check-again - The button that checks again.
 * @csspart receipt - The order's summary: `reference`, `date`, `receipt-lines`, `totals`, `print` inside.
 * @csspart reference - The order reference.
 * @csspart schedule - The instalments or the renewals, each with its date, amount and state.
 * @csspart date - When the order was placed (and paid).
 * @csspart print - The button that prints the receipt.
 * @cssproperty [--sceau-success-color=#15803d] - Colour of the "paid" title.
 * @cssproperty [--sceau-error-color=#b91c1c] - Colour of the "refused" title.
 * @cssproperty [--sceau-accent=#1d4ed8] - Button background.
 * @example
 * ```html
 * <sceau-order-status endpoint="https://pay.shop.example" retry-url="/panier/"></sceau-order-status>
 * ```
 */
export class SceauOrderStatus extends SceauElement {
  static override styles = [sharedStyles, summaryStyles, orderStatusStyles];
  static override textBooks = [STATUS];
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
  /** Where "try again" leads (the cart page, where the cart is still there). */
  declare retryUrl: string;
  /** The first polling delay in milliseconds; it doubles up to 15 s. */
  declare pollInterval: number;
  /** How long to poll quickly, in milliseconds; then every minute for an hour, while the page stays open. */
  declare pollTimeout: number;
  /** What is shown (read-only, reflected so a page can style it). */
  declare status: OrderView;

  declare private order: Order | undefined;

  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  #started = 0;
  #attempt = 0;
  #title = "";
  /** Whether the bank sent the buyer back through the error or cancel URL. */
  #returned = false;

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

  override connectedCallback(): void {
    super.connectedCallback();
    this.#title = document.title;
    this.#returned = /^(error|cancel)$/.test(
      new URL(location.href).searchParams.get("return") ?? "",
    );
    this.#keepToken();
    this.check();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
    document.title = this.#title;
  }

  override updated(): void {
    const title = this.texts(STATUS)[TEXTS[this.status][0]];
    document.title = this.#title ? `${title} – ${this.#title}` : title;
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

  #stop(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
  }

  #credentials(): { reference: string; token: string } {
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
    if (!this.order) this.status = "checking";
    void this.#poll();
  }

  /**
   * The next poll: doubling from `poll-interval` up to 15 s until `poll-timeout`, then (`late`) every minute for
   * an hour, then none.
   */
  #nextPoll(): { delay: number; late: boolean } | undefined {
    const elapsed = Date.now() - this.#started;
    const quick = Math.min(this.pollInterval * 2 ** this.#attempt++, MAX_DELAY);
    if (elapsed + quick <= this.pollTimeout) return { delay: quick, late: false };
    return elapsed + LATE_DELAY <= LATE_UNTIL ? { delay: LATE_DELAY, late: true } : undefined;
  }

  async #poll(): Promise<void> {
    const { reference, token } = this.#credentials();
    if (!reference || !token) {
      warn("<sceau-order-status>: no reference or token (the URL's ?reference=…&token=…)");
      this.status = "not-found";
      return;
    }
    const abort = new AbortController();
    this.#abort = abort;
    try {
      const order = await fetchOrder(this.endpoint, reference, token, abort.signal);
      this.order = order;
      this.dispatchEvent(new SceauOrderStatusEvent({ reference, status: order.status }));
    } catch (error) {
      if (abort.signal.aborted) return;
      // A network failure is worth retrying; anything else (unknown order, bad token) is final.
      if (!(error instanceof CheckoutError && error.code === "ERR_NETWORK")) {
        const missing = error instanceof CheckoutError && [403, 404].includes(error.status ?? 0);
        this.status = missing ? "not-found" : "error";
        return;
      }
    }
    // Unreachable before any answer: say so, and keep trying in the background.
    const view = this.order ? viewOf(this.order.status, this.#returned) : "error";
    if (view === "paid" && this.status !== "paid") {
      this.cart.clear();
      announceCart(this, this.cart);
    }
    const open = view === "pending" || view === "incomplete" || view === "error";
    const next = open ? this.#nextPoll() : undefined;
    this.status = view === "pending" && (!next || next.late) ? "slow" : view;
    if (next) this.#timer = setTimeout(() => void this.#poll(), next.delay);
  }

  #receipt(order: Order) {
    const s = this.texts(STATUS);
    const lang = this.activeLang;
    const placed = formatDateTime(order.createdAt, lang);
    const paid = this.status === "paid" ? formatDateTime(order.paidAt, lang) : "";
    return html`<section part="receipt" aria-labelledby="receipt-title">
      <h3 id="receipt-title">${s.summary}</h3>
      <p part="reference">${format(s.reference, { ref: order.reference })}</p>
      ${placed ? html`<p part="date">${format(s.orderDate, { date: placed })}${paid ? html`<br />${format(s.paidOn, { date: paid })}` : nothing}</p>` : nothing}
      ${order.lines?.length && order.currency ? receiptLinesTemplate(order.lines, order.currency, lang) : nothing}
      ${
        order.currency && order.total !== undefined
          ? totalsTemplate(
              { ...order, currency: order.currency, total: order.total, lines: order.lines ?? [] },
              lang,
            )
          : nothing
      }
      ${this.status === "paid" ? html`<button part="print" type="button" @click=${() => print()}>${s.print}</button>` : nothing}
    </section>`;
  }

  /** A scheduled payment's state in a word: paid (or authorised), to come, or not collected. */
  #state = (entry: ScheduleEntry): string => {
    const s = this.texts(STATUS);
    if (entry.status === "captured" || entry.status === "authorised") return s.collected;
    return ["pending", "scheduled", "open"].includes(entry.status ?? "") ? s.upcoming : s.missed;
  };

  override render() {
    const s = this.texts(STATUS);
    const status = this.status;
    const [title, message] = TEXTS[status];
    const waiting = status === "checking" || status === "pending";
    const { reference } = this.#credentials();
    return html`
      <div part="state" role="status">
        <h2 part="title">${waiting ? html`<span part="spinner" class="spinner" aria-hidden="true"></span>` : nothing}${s[title]}</h2>
        ${message ? html`<p part="message">${s[message]}</p>` : nothing}
        ${status === "incomplete" ? html`<p part="listening">${s.stillListening}</p>` : nothing}
      </div>
      ${RETRY.has(status) ? html`<a part="retry" class="primary" href=${this.retryUrl}>${s.retryPayment}</a>` : nothing}
      ${
        this.order?.schedule?.length && this.order.currency
          ? scheduleList(
              this.order.schedule,
              this.order.currency,
              this.activeLang,
              s.schedule,
              this.#state,
            )
          : nothing
      }
      ${
        status === "slow" || status === "error"
          ? html`<button part="check-again" class="primary" type="button" @click=${this.check}>${s.checkAgain}</button>`
          : nothing
      }
      ${
        this.order
          ? this.#receipt(this.order)
          : reference && status !== "checking"
            ? html`<p part="reference">${format(s.reference, { ref: reference })}</p>`
            : nothing
      }`;
  }
}
