import { html, nothing } from "lit";
import { createCheckout, fetchQuote } from "../../api/client.js";
import type { ItemRequest, Quote, QuoteLine } from "../../api/types.js";
import { announceCart, type CartItem } from "../../cart/cart-store.js";
import { MAX_QUANTITY } from "../../cart/parse-cart.js";
import { CheckoutError } from "../../errors.js";
import {
  SceauCheckoutErrorEvent,
  SceauCheckoutRedirectEvent,
  SceauCheckoutStartEvent,
} from "../../events.js";
import { submitSealedForm } from "../../form/sealed-form.js";
import { formatMoney } from "../../format/money.js";
import { format } from "../../lang/index.js";
import { SceauElement } from "../../sceau-element.js";
import { sharedStyles } from "../../styles/shared.js";
import { scheduleList } from "../schedule-list.js";
import { buyerFields, readBuyerFields } from "./buyer-fields.js";
import { blamedSku, errorMessage } from "./error-message.js";
import { checkoutStyles } from "./sceau-checkout.styles.js";

/** The visible state of `<sceau-checkout>`. */
export type CheckoutStatus = "idle" | "quoting" | "submitting" | "redirecting" | "error";

/** What {@link SceauCheckout.checkout} resolves to: never a rejection for an expected failure. */
export type CheckoutResult =
  | { readonly redirect: { readonly reference: string; readonly action: string } }
  | { readonly error: { readonly code: string; readonly message: string } };

/** A failure that is not shown to the buyer: its message is its code. */
const fault = (code: string): CheckoutResult => ({ error: { code, message: code } });

const key = (items: readonly ItemRequest[], split: number) => JSON.stringify([items, split]);

/**
 * The cart summary and the "Paiement par carte bancaire" button. Lines are priced by the worker's
 * `/api/quote`; paying creates the order with `/api/checkout`, then posts the sealed form to the bank.
 *
 * @summary Cart summary and card payment button.
 * @tag sceau-checkout
 * @event sceau-cart-change - A quantity was changed or a line removed; `detail: { items, count }`.
 * @event sceau-checkout-start - The buyer asked to pay; cancelable; `detail: { items, email, instalments }`.
 * @event sceau-checkout-redirect - The order exists and the buyer leaves for the bank; `detail: { reference, action }`.
 * @event sceau-checkout-error - Quoting or checkout failed; `detail: { code, message }`.
 * @csspart base - The wrapper.
 * @csspart lines - The list of lines.
 * @csspart line - One line; carries `data-sku`.
 * @csspart line-name - The article's name.
 * @csspart line-unit - The unit price.
 * @csspart line-amount - The line total.
 * @csspart unavailable - The "unavailable" mark of a line the worker rejected.
 * @csspart quantity - The quantity group (−, value, +).
 * @csspart quantity-button - The − and + buttons.
 * @csspart quantity-value - The quantity.
 * @csspart remove-button - The button that removes a line.
 * @csspart empty - The "cart is empty" text.
 * @csspart instalments - The instalment choice.
 * @csspart schedule - The dated payments of a split payment.
 * @csspart total - The total row.
 * @csspart subscription - What a subscription takes after the first payment ("Then 9,90 € per month").
 * @csspart form - The buyer fields and the pay button.
 * @csspart field - A labelled field; `label` and `input` inside.
 * @csspart label - A field's label.
 * @csspart input - A field's input.
 * @csspart address - The billing address group.
 * @csspart terms - The terms-of-sale checkbox; `terms-link` inside.
 * @csspart terms-link - The link to the terms of sale.
 * @csspart button - The pay button.
 * @csspart spinner - The busy indicator inside the pay button.
 * @csspart status - The live region announcing the state.
 * @csspart error - The alert showing an error.
 * @cssproperty [--sceau-accent=#1d4ed8] - Pay button background (`#93c5fd` when the page is dark).
 * @cssproperty [--sceau-on-accent=#fff] - Pay button text colour (`#0b1220` when the page is dark).
 * @cssproperty [--sceau-border-color=#8888] - Separators, fields and small buttons.
 * @cssproperty [--sceau-radius=0.5rem] - Corner radius of buttons and fields.
 * @cssproperty [--sceau-gap=0.75rem] - Spacing between rows.
 * @cssproperty [--sceau-error-color=#b91c1c] - Error text colour (`#fca5a5` when the page is dark).
 * @cssproperty [--sceau-focus-color] - Focus ring colour (defaults to the accent).
 * @cssproperty [--sceau-font=inherit] - The font (inherits the page's by default).
 * @cssproperty [--sceau-color=inherit] - The text colour.
 * @cssproperty [--sceau-max-width=40rem] - The element's maximum width.
 * @example
 * ```html
 * <script type="module" src="https://shop.example/sceau-checkout.js"></script>
 * <sceau-checkout endpoint="https://pay.shop.example" terms-url="/cgv/" email></sceau-checkout>
 * ```
 */
export class SceauCheckout extends SceauElement {
  static override styles = [sharedStyles, checkoutStyles];
  static override properties = {
    endpoint: {},
    instalments: {},
    email: {},
    billing: { type: Boolean },
    termsUrl: { attribute: "terms-url" },
    status: { reflect: true },
    quote: { state: true },
    error: { state: true },
    split: { state: true },
  };

  /** The worker's base URL (e.g. `https://pay.shop.example`); empty for this origin. */
  declare endpoint: string;
  /** The instalment counts offered, e.g. `"3"` or `"2 3 4"`; empty for single payment only. */
  declare instalments: string;
  /** Show an e-mail field: required, or optional with `email="optional"`. */
  declare email: string | null;
  /** Show billing address fields (for 3-D Secure v2). */
  declare billing: boolean;
  /** The terms-of-sale URL; when set, the buyer must tick a checkbox linking to it. */
  declare termsUrl: string;
  /** The current state (read-only, reflected so a page can style it). */
  declare status: CheckoutStatus;

  declare private quote: Quote | undefined;
  declare private error: CheckoutError | undefined;
  declare private split: number;

  constructor() {
    super();
    this.endpoint = "";
    this.instalments = "";
    this.email = null;
    this.billing = false;
    this.termsUrl = "";
    this.status = "idle";
    this.split = 1;
  }

  protected override cartChanged(): void {
    // The cart changed (here or in another tab): an earlier error is about a cart that no longer exists.
    this.#clearError();
    this.#requote();
  }

  #busy = false;
  /** False once the worker split a payment the buyer did not ask to split (a split-payment terminal). */
  #single = true;
  #quoteKey = "";
  #quoteAbort: AbortController | undefined;
  #onPageShow = (event: PageTransitionEvent): void => {
    // Back from the bank through the back/forward cache: the page is live again.
    if (event.persisted && this.status === "redirecting") {
      this.#busy = false;
      this.status = "idle";
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener("pageshow", this.#onPageShow);
    this.#requote();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (this.hasUpdated && (changed.has("endpoint") || changed.has("instalments"))) this.#requote();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("pageshow", this.#onPageShow);
    this.#quoteAbort?.abort();
  }

  /** The instalment counts offered (2–4): asked by the page and, once quoted, allowed by the worker. */
  get #splits(): number[] {
    const wanted = this.instalments.split(/\D+/);
    const allowed = this.quote?.instalmentOptions;
    return [2, 3, 4].filter((n) => wanted.includes(`${n}`) && (!allowed || allowed.includes(n)));
  }

  #items(): ItemRequest[] {
    return this.cart.items.map(({ sku, quantity }) => ({ sku, quantity }));
  }

  #freshQuote(): Quote | undefined {
    return this.#quoteKey === key(this.#items(), this.split) ? this.quote : undefined;
  }

  #requote(): void {
    this.#quoteAbort?.abort();
    const items = this.#items();
    if (!this.#splits.includes(this.split)) this.split = 1;
    if (items.length === 0) {
      this.quote = undefined;
      if (this.status === "quoting") this.status = "idle";
      return;
    }
    const controller = new AbortController();
    this.#quoteAbort = controller;
    if (this.status === "idle") this.status = "quoting";
    const k = key(items, this.split);
    fetchQuote(this.endpoint, items, { instalments: this.split, signal: controller.signal }).then(
      (quote) => {
        if (controller.signal.aborted) return;
        this.quote = quote;
        this.#quoteKey = k;
        if (this.split < 2 && quote.schedule?.length) {
          // The terminal splits every payment: show and send the count the worker chose.
          this.#single = false;
          this.split = quote.schedule.length;
          this.#quoteKey = key(items, this.split);
        }
        if (this.status === "quoting") this.status = "idle";
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.quote = undefined;
        // The cart changed into one that cannot be split: quote it as a single payment.
        if (this.split > 1 && (error as CheckoutError).code === "ERR_INSTALMENTS_UNAVAILABLE") {
          this.split = 1;
          this.#requote();
          return;
        }
        this.#fail(error);
      },
    );
  }

  #fail(cause: unknown): CheckoutResult {
    const error =
      cause instanceof CheckoutError
        ? cause
        : new CheckoutError("ERR_SERVER", String(cause), { cause });
    this.error = error;
    this.status = "error";
    const message = this.#message(error);
    this.dispatchEvent(new SceauCheckoutErrorEvent({ code: error.code, message }));
    return { error: { code: error.code, message } };
  }

  #message(error: CheckoutError): string {
    const sku = blamedSku(error, this.cart.items);
    const name = this.quote?.lines.find((l) => l.sku === sku)?.name ?? sku ?? "";
    return errorMessage(error, this.messages, name);
  }

  /** Forgets the error shown (an error is shown exactly while the status is `error`). */
  #clearError(): void {
    this.error = undefined;
    if (this.status === "error") this.status = "idle";
  }

  /** An edit by the buyer clears the error, changes the cart and announces it. */
  #edit(change: () => void): void {
    if (this.#busy) return;
    this.#clearError();
    change();
    announceCart(this, this.cart);
  }

  async #remove(sku: string, index: number): Promise<void> {
    this.#edit(() => this.cart.remove(sku));
    await this.updateComplete;
    const buttons = this.renderRoot.querySelectorAll<HTMLElement>("[part='remove-button']");
    const next =
      buttons[Math.min(index, buttons.length - 1)] ??
      this.renderRoot.querySelector<HTMLElement>("[part='empty']");
    next?.focus();
  }

  #choose(split: number): void {
    this.split = split;
    this.#clearError();
    this.#requote();
  }

  /**
   * Starts the payment as the pay button does: validates the fields, fires the cancelable
   * `sceau-checkout-start`, creates the order, then posts the sealed form to the bank.
   *
   * @returns the redirect, or an error (`ERR_BUSY`, `ERR_CART_EMPTY`, `ERR_NOT_QUOTED` (a quote was
   * started: the buyer sees the total before paying), `ERR_FIELD_INVALID`,
   * `ERR_CHECKOUT_CANCELLED`, or any quote/checkout code); it never rejects.
   * @example
   * ```js
   * const result = await document.querySelector("sceau-checkout").checkout();
   * if ("error" in result) console.log(result.error.code);
   * ```
   */
  async checkout(): Promise<CheckoutResult> {
    if (this.#busy) return fault("ERR_BUSY");
    const items = this.#items();
    if (items.length === 0) return fault("ERR_CART_EMPTY");
    const quote = this.#freshQuote();
    if (!quote) {
      // The buyer pays only a total they have seen: quote first (this is also the retry after an error).
      if (this.status !== "quoting") {
        this.#clearError();
        this.#requote();
      }
      return fault("ERR_NOT_QUOTED");
    }
    const form = this.renderRoot.querySelector("form");
    if (form && !form.reportValidity()) {
      return fault("ERR_FIELD_INVALID");
    }
    const buyer = readBuyerFields(form);
    const split = this.split;
    const start = new SceauCheckoutStartEvent({
      items: this.cart.items,
      email: buyer.email,
      instalments: split,
    });
    if (!this.dispatchEvent(start)) {
      return fault("ERR_CHECKOUT_CANCELLED");
    }
    this.#busy = true; // set before the first await: a second click is ignored
    this.error = undefined;
    this.status = "submitting";
    try {
      const { order, form: sealed } = await createCheckout(this.endpoint, {
        items,
        lang: this.activeLang.toUpperCase(),
        ...buyer,
        ...(split > 1 ? { instalments: split } : {}),
      });
      if (order.total !== quote.total || (order.currency && order.currency !== quote.currency)) {
        throw new CheckoutError("ERR_PRICE_CHANGED", "Total changed");
      }
      this.status = "redirecting";
      this.dispatchEvent(
        new SceauCheckoutRedirectEvent({ reference: order.reference, action: sealed.action }),
      );
      submitSealedForm(this, sealed);
      return { redirect: { reference: order.reference, action: sealed.action } };
    } catch (cause) {
      this.#busy = false;
      const result = this.#fail(cause);
      if ("error" in result && result.error.code === "ERR_PRICE_CHANGED") this.#requote();
      return result;
    }
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.checkout();
  }

  #line(item: CartItem, index: number, quote: Quote | undefined, blamed: string | undefined) {
    const m = this.messages;
    const line: QuoteLine | undefined = quote?.lines.find((l) => l.sku === item.sku);
    const name = line?.name ?? item.sku;
    const money = (n: number) => (quote ? formatMoney(n, quote.currency, this.activeLang) : "");
    const busy = this.#busy; // submitting or redirecting
    const atMin = busy || item.quantity <= 1;
    const atMax = busy || item.quantity >= MAX_QUANTITY;
    return html`<li part="line" data-sku=${item.sku}>
      <span part="line-name">${name}</span>
      ${blamed === item.sku ? html`<span part="unavailable">${m.unavailable}</span>` : nothing}
      <span part="line-unit">${line ? money(line.unitAmount) : ""}</span>
      <span part="quantity" role="group" aria-label=${`${m.quantity} – ${name}`}>
        <button part="quantity-button" aria-label=${format(m.decrease, { name })}
          aria-disabled=${atMin}
          @click=${() => atMin || this.#edit(() => this.cart.setQuantity(item.sku, item.quantity - 1))}>−</button>
        <span part="quantity-value">${item.quantity}</span>
        <button part="quantity-button" aria-label=${format(m.increase, { name })}
          aria-disabled=${atMax}
          @click=${() => atMax || this.#edit(() => this.cart.setQuantity(item.sku, item.quantity + 1))}>+</button>
      </span>
      <span part="line-amount">${line && line.quantity === item.quantity ? money(line.amount) : ""}</span>
      <button part="remove-button" aria-label=${format(m.remove, { name })}
        aria-disabled=${busy} @click=${() => busy || this.#remove(item.sku, index)}>×</button>
    </li>`;
  }

  #schedule(quote: Quote | undefined) {
    if (!quote?.schedule?.length || this.split < 2) return nothing;
    return scheduleList(quote.schedule, quote.currency, this.activeLang, this.messages.instalments);
  }

  /** "Then 9,90 € per month": what a subscription takes after the first payment. */
  #subscription(quote: Quote | undefined) {
    const s = quote?.subscription;
    if (!s) return nothing;
    const amount = formatMoney(s.amount, quote.currency, this.activeLang);
    const m = this.messages;
    return html`<p part="subscription">${format(s.periodMonths === 1 ? m.monthly : m.every, { amount, n: s.periodMonths })}</p>`;
  }

  override render() {
    const m = this.messages;
    const items = this.cart.items;
    const quote = this.#freshQuote();
    const blamed = blamedSku(this.error, items);
    const splits = this.#splits;
    const busy = this.#busy; // submitting or redirecting
    const priceChanged =
      !!quote &&
      items.some((i) => {
        const line = quote.lines.find((l) => l.sku === i.sku);
        return i.price !== undefined && line !== undefined && line.unitAmount !== i.price;
      });
    // The states in progress are announced by their own texts.
    const statusText =
      busy || this.status === "quoting"
        ? m[this.status as "quoting" | "submitting" | "redirecting"]
        : priceChanged
          ? m.errPrice
          : "";
    return html`<section part="base" aria-busy=${this.status === "quoting"}>
      ${
        items.length
          ? html`<ul part="lines">${items.map((item, i) => this.#line(item, i, quote, blamed))}</ul>`
          : html`<p part="empty" tabindex="-1">${m.empty}</p>`
      }
      ${
        splits.length && items.length
          ? html`<fieldset part="instalments">
              <legend>${m.instalments}</legend>
              ${[...(this.#single ? [1] : []), ...splits].map(
                (
                  n,
                ) => html`<label><input type="radio" name="split" .value=${String(n)} .checked=${this.split === n}
                  ?disabled=${busy} @change=${() => this.#choose(n)} />${n === 1 ? m.once : format(m.times, { n })}</label>`,
              )}
            </fieldset>`
          : nothing
      }
      ${this.#schedule(quote)}
      ${
        items.length
          ? html`<p part="total"><span>${m.total}</span>
              <strong>${quote ? formatMoney(quote.total, quote.currency, this.activeLang) : "…"}</strong></p>`
          : nothing
      }
      ${this.#subscription(quote)}
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${items.length ? buyerFields({ email: this.email, billing: this.billing, termsUrl: this.termsUrl }, m, this.activeLang) : nothing}
        <button part="button" class="primary" type="submit" aria-disabled=${busy || !items.length}>
          ${busy ? html`<span part="spinner" class="spinner" aria-hidden="true"></span>` : nothing}${m.pay}
        </button>
      </form>
      <p part="status" id="status" role="status">${statusText}</p>
      <p part="error" id="error" role="alert">${this.error ? this.#message(this.error) : ""}</p>
    </section>`;
  }
}
