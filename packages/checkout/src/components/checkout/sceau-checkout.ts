import { html, nothing } from "lit";
import { createCheckout } from "../../api/client.js";
import type { ItemRequest, Quote, QuoteRequest, Requirements } from "../../api/types.js";
import { announceCart } from "../../cart/cart-store.js";
import { CheckoutError } from "../../errors.js";
import {
  SceauCheckoutErrorEvent,
  SceauCheckoutRedirectEvent,
  SceauCheckoutStartEvent,
} from "../../events.js";
import { submitSealedForm } from "../../form/sealed-form.js";
import { formatMoney } from "../../format/money.js";
import { format, type Texts } from "../../lang/index.js";
import { SceauElement } from "../../sceau-element.js";
import { sharedStyles } from "../../styles/shared.js";
import { totalsTemplate } from "../../summary/order-summary.js";
import { summaryStyles } from "../../summary/order-summary.styles.js";
import {
  type BuyerNeeds,
  buyerFieldSpecs,
  checkField,
  checkFields,
  controlName,
  type FieldProblem,
  readBuyer,
  shippingCountry,
} from "./buyer-fields.js";
import { buyerFormTemplate, problemText, termsTemplate } from "./buyer-form.js";
import { linesTemplate } from "./cart-lines.js";
import { instalmentsTemplate, promoTemplate, shippingMethodsTemplate } from "./checkout-options.js";
import { blamedSku, errorKey, explainToDeveloper, promoKey, REQUIRED } from "./error-message.js";
import { CHECKOUT, type CheckoutKey } from "./lang/index.js";
import { QuoteController } from "./quote-controller.js";
import { checkoutStyles } from "./sceau-checkout.styles.js";

/** The visible state of `<sceau-checkout>`. */
export type CheckoutStatus = "idle" | "quoting" | "submitting" | "redirecting" | "error";

/** What {@link SceauCheckout.checkout} resolves to: never a rejection for an expected failure. */
export type CheckoutResult =
  | { readonly redirect: { readonly reference: string; readonly action: string } }
  | { readonly error: { readonly code: string; readonly message: string } };

/** A failure that is not shown to the buyer: its message is its code. */
const fault = (code: string): CheckoutResult => ({ error: { code, message: code } });

const asError = (cause: unknown) =>
  cause instanceof CheckoutError
    ? cause
    : new CheckoutError("ERR_SERVER", String(cause), { cause });

/** E-mail requirements from the loosest; the strictest of the worker's, the attribute's and the refused wins. */
const EMAIL = ["none", "optional", "required"] as const;

/** The failures a new quote may cure, which get a "try again" button. */
const RETRYABLE = new Set<CheckoutKey>(["errNetwork", "errServer", "errGeneric", "errRateLimited"]);

/** The form control a worker's `field` names (`billing.postalCode` → `postalCode`, `shipping.phone` → `phone`). */
function controlOf(field: string | undefined): string | undefined {
  const [group, member] = field?.split(".") ?? [];
  if (group === "email") return "email";
  if (member === "phone") return "phone";
  if (!member || (group !== "billing" && group !== "shipping")) return undefined;
  return controlName(group, member);
}

/**
 * The cart summary and the "Paiement par carte bancaire" button. Lines, shipping, promo code, VAT and total are
 * priced by the worker's `/api/quote`, which also says what the buyer must give (e-mail, billing and shipping
 * addresses, phone): the element shows exactly those fields, checks them in the buyer's language, then creates
 * the order with `/api/checkout` and posts the sealed form to the bank.
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
 * @csspart unavailable - What the worker said about a line ("unavailable", "only 2 left").
 * @csspart quantity - The quantity group (−, value, +).
 * @csspart quantity-button - The − and + buttons.
 * @csspart quantity-value - The quantity.
 * @csspart remove-button - The button that removes a line.
 * @csspart empty - The "cart is empty" text.
 * @csspart back-to-shop - The link back to the shop under an empty cart.
 * @csspart promo - The promo code form; `promo-row`, `promo-button`, `remove-promo` inside.
 * @csspart shipping-methods - The choice of shipping method.
 * @csspart instalments - The instalment choice.
 * @csspart choice - One radio choice (shipping method, instalments).
 * @csspart schedule - The dated payments of a split payment.
 * @csspart totals - Subtotal, shipping, discount, total and VAT rows (`subtotal`, `shipping`, `discount`, `total`, `vat`).
 * @csspart total - The total row.
 * @csspart subscription - What a subscription takes after the first payment ("Then 9,90 € per month").
 * @csspart form - The buyer fields and the pay button.
 * @csspart required-note - The sentence saying which fields are required.
 * @csspart field - A field: `label`, `input`, `hint`, `field-error` inside.
 * @csspart label - A field's label; `optional` marks an optional one.
 * @csspart input - A field's input or select.
 * @csspart hint - A field's help text.
 * @csspart field-error - The message next to a field the buyer must correct.
 * @csspart address - A group of address fields.
 * @csspart same-as-billing - The "deliver to the billing address" checkbox.
 * @csspart terms - The terms-of-sale checkbox and its label; `terms-link` inside.
 * @csspart terms-link - The link to the terms of sale.
 * @csspart button - The pay button.
 * @csspart spinner - The busy indicator inside the pay button.
 * @csspart status - The live region announcing the state.
 * @csspart error - The alert showing an error or the fields to correct.
 * @csspart retry - The button that asks for the total again after a failure.
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
 * <sceau-checkout endpoint="https://pay.shop.example" terms-url="/cgv/"></sceau-checkout>
 * ```
 */
export class SceauCheckout extends SceauElement {
  static override styles = [sharedStyles, summaryStyles, checkoutStyles];
  static override textBooks = [CHECKOUT];
  static override properties = {
    endpoint: {},
    instalments: {},
    email: {},
    billing: { type: Boolean },
    termsUrl: { attribute: "terms-url" },
    shopUrl: { attribute: "shop-url" },
    country: {},
    status: { reflect: true },
    error: { state: true },
    split: { state: true },
    problems: { state: true },
    sameAsBilling: { state: true },
    promoCode: { state: true },
    promoProblem: { state: true },
    shippingMethod: { state: true },
    shipCountry: { state: true },
    learned: { state: true },
  };

  /** The worker's base URL (e.g. `https://pay.shop.example`); empty for this origin. */
  declare endpoint: string;
  /** Limits the instalment counts offered to these (`"3"`, `"2 3 4"`); only counts the worker allows are shown. */
  declare instalments: string;
  /** Ask for the e-mail even where the worker does not: required, or optional with `email="optional"`. */
  declare email: string | null;
  /** Ask for the billing address even where the worker does not. */
  declare billing: boolean;
  /** The terms-of-sale URL; when set, the buyer must tick a checkbox linking to it. */
  declare termsUrl: string;
  /** Where the empty cart's "continue shopping" link leads. */
  declare shopUrl: string;
  /** The country preselected in address fields (ISO 3166-1 alpha-2), `FR` by default. */
  declare country: string;
  /** The current state (read-only, reflected so a page can style it). */
  declare status: CheckoutStatus;

  declare private error: CheckoutError | undefined;
  declare private split: number;
  declare private problems: ReadonlyMap<string, FieldProblem>;
  declare private sameAsBilling: boolean;
  declare private promoCode: string | undefined;
  declare private promoProblem: FieldProblem | undefined;
  declare private shippingMethod: string | undefined;
  declare private shipCountry: string | undefined;
  declare private learned: Partial<Record<keyof Requirements, boolean>>;

  #quotes = new QuoteController(this, (failure) => this.#quoteFailed(failure));
  #busy = false;
  /** False once the worker split a payment the buyer did not ask to split (a split-payment terminal). */
  #single = true;
  /** Whether the error shown came after the buyer pressed pay (it then says nothing was charged). */
  #afterPay = false;
  /** Whether the fields were checked once: from then on each is checked again as the buyer corrects it. */
  #checked = false;
  #onPageShow = (event: PageTransitionEvent): void => {
    // Back from the bank through the back/forward cache: the page is live again.
    if (event.persisted && this.status === "redirecting") {
      this.#busy = false;
      this.status = "idle";
    }
  };

  constructor() {
    super();
    this.endpoint = "";
    this.instalments = "";
    this.email = null;
    this.billing = false;
    this.termsUrl = "";
    this.shopUrl = "/";
    this.country = "FR";
    this.status = "idle";
    this.split = 1;
    this.problems = new Map();
    this.sameAsBilling = true;
    this.learned = {};
  }

  get #t(): Texts<CheckoutKey> {
    return this.texts(CHECKOUT);
  }

  protected override cartChanged(): void {
    // The cart changed (here or in another tab): an earlier error is about a cart that no longer exists.
    this.#clearError();
    this.#requote();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener("pageshow", this.#onPageShow);
    this.#requote();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("pageshow", this.#onPageShow);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (this.hasUpdated && (changed.has("endpoint") || changed.has("instalments"))) this.#requote();
    this.#followSplitTerminal();
    if (this.#quotes.loading && this.status === "idle") this.status = "quoting";
    if (!this.#quotes.loading && this.status === "quoting") this.status = "idle";
  }

  /** The worker's requirements (the last quote's), made stricter by the attributes and by what the worker refused. */
  get #needs(): BuyerNeeds {
    const asked = this.#quotes.last?.requirements ?? {};
    const attribute = this.email === null ? 0 : this.email === "optional" ? 1 : 2;
    const level = Math.max(
      EMAIL.indexOf(asked.email ?? "none"),
      attribute,
      this.learned.email ? 2 : 0,
    );
    return {
      email: EMAIL[level] ?? "required",
      billing: !!(asked.billing || this.billing || this.learned.billing),
      shippingAddress: !!(asked.shippingAddress || this.learned.shippingAddress),
      phone: !!(asked.phone || this.learned.phone),
      termsUrl: this.termsUrl,
      sameAsBilling: this.sameAsBilling,
    };
  }

  /** The instalment counts offered: the worker's for this cart, limited to the `instalments` attribute if set. */
  get #splits(): readonly number[] {
    const allowed = this.#quotes.last?.instalmentOptions ?? [];
    const wanted = this.instalments.split(/\D+/).filter(Boolean);
    return allowed.filter((n) => n > 1 && (wanted.length === 0 || wanted.includes(`${n}`)));
  }

  #items(): ItemRequest[] {
    return this.cart.items.map(({ sku, quantity }) => ({ sku, quantity }));
  }

  #request(): QuoteRequest {
    return {
      items: this.#items(),
      ...(this.split > 1 && { instalments: this.split }),
      ...(this.promoCode && { promoCode: this.promoCode }),
      ...(this.shippingMethod && { shippingMethod: this.shippingMethod }),
      shipping: { country: this.shipCountry ?? this.country },
    };
  }

  #requote(): void {
    if (this.cart.items.length === 0) {
      this.#quotes.cancel();
      if (this.status === "quoting") this.status = "idle";
      return;
    }
    this.#quotes.request(this.endpoint, this.#request());
    this.#quoting();
  }

  /**
   * A terminal that splits every payment answers a single-payment quote with a schedule: from then on the cart
   * shows and sends the count the worker chose, and no longer offers to pay at once.
   */
  #followSplitTerminal(): void {
    const quote = this.#quotes.last;
    if (this.split > 1 || !quote?.schedule?.length || !this.#quotes.fresh(this.#request())) return;
    this.#single = false;
    this.split = quote.schedule.length;
    this.#requote();
  }

  /** Says `quoting` as soon as a request is under way (`willUpdate` settles it back once answered). */
  #quoting(): void {
    if (this.#quotes.loading && this.status === "idle") this.status = "quoting";
  }

  /** What a failed quote means: a choice the worker refused is dropped and the cart quoted again without it. */
  #quoteFailed(failure: CheckoutError): void {
    const promo = promoKey(failure);
    if (promo && this.promoCode) {
      const minimum = failure.details.minimum;
      const currency = this.#quotes.last?.currency ?? "EUR";
      this.promoProblem = {
        key: promo,
        values:
          minimum === undefined ? {} : { amount: formatMoney(minimum, currency, this.activeLang) },
      };
      this.promoCode = undefined;
    } else if (failure.code === "ERR_INSTALMENTS_UNAVAILABLE" && this.split > 1) {
      this.split = 1;
    } else if (
      this.shippingMethod &&
      (failure.code === "ERR_SHIPPING_METHOD_UNKNOWN" || failure.field === "shippingMethod")
    ) {
      this.shippingMethod = undefined;
    } else {
      if (failure.code === "ERR_SHIPPING_UNAVAILABLE") {
        const needs = this.#needs;
        const separate = needs.shippingAddress && !(needs.billing && needs.sameAsBilling);
        const field = separate ? "shipping-country" : "country";
        this.problems = new Map([...this.problems, [field, { key: "errShipCountry" }]]);
      }
      explainToDeveloper(failure, this.endpoint);
      this.#fail(failure, false);
      return;
    }
    this.#requote();
  }

  #fail(error: CheckoutError, afterPay: boolean): CheckoutResult {
    this.error = error;
    this.#afterPay = afterPay;
    this.status = "error";
    const announce = () => {
      const message = this.#message(error);
      this.dispatchEvent(new SceauCheckoutErrorEvent({ code: error.code, message }));
      return message;
    };
    // The event carries the text the buyer reads: before the texts are loaded (a quote failing at once),
    // it waits for them.
    if (this.textsReady) return { error: { code: error.code, message: announce() } };
    void this.updateComplete.then(announce);
    return { error: { code: error.code, message: error.message } };
  }

  #blamedName(error: CheckoutError): string {
    const sku = blamedSku(error, this.cart.items);
    return this.#quotes.last?.lines.find((l) => l.sku === sku)?.name ?? sku ?? "";
  }

  #message(error: CheckoutError): string {
    const t = this.#t;
    const name = this.#blamedName(error);
    const key = errorKey(error, name);
    const text = format(t[key], { name });
    if (this.#afterPay) return `${text} ${t.notCharged}`;
    return RETRYABLE.has(key) ? `${t.quoteFailed} ${text}` : text;
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

  /** Changes a choice the worker prices (instalments, shipping method, promo code, destination) and requotes. */
  #choose(change: () => void): void {
    if (this.#busy) return;
    change();
    this.#clearError();
    this.#requote();
  }

  #form(): HTMLFormElement | null {
    return this.renderRoot.querySelector<HTMLFormElement>("form[part='form']");
  }

  /** Checks every field and shows the problems next to them and in the summary; true when all are fine. */
  #checkAll(): boolean {
    const form = this.#form();
    const fields = buyerFieldSpecs(this.#needs);
    const problems = form
      ? checkFields(form, fields, shippingCountry(form, this.country))
      : new Map();
    this.#checked = true;
    this.problems = problems;
    if (problems.size === 0) return true;
    this.#clearError();
    void this.#focusFirstProblem();
    return false;
  }

  async #focusFirstProblem(): Promise<void> {
    await this.updateComplete;
    const [first] = this.problems.keys();
    this.renderRoot.querySelector<HTMLElement>(`#f-${first}`)?.focus();
  }

  /** After a first check, each field is checked again as the buyer corrects it; a new destination requotes. */
  #onFormInput(event: Event): void {
    const target = event.target as HTMLInputElement;
    if (event.type === "change" && /^(shipping-)?country$/.test(target.name)) {
      const country = shippingCountry(this.#form(), this.country);
      if (country !== (this.shipCountry ?? this.country)) {
        this.#choose(() => {
          this.shipCountry = country;
          this.shippingMethod = undefined;
          this.problems = new Map([...this.problems].filter(([, p]) => p.key !== "errShipCountry"));
        });
      }
    }
    if (!this.#checked) return;
    const field = buyerFieldSpecs(this.#needs).find((f) => f.name === target.name);
    const form = this.#form();
    if (!field || !form) return;
    const problem = checkField(form, field, shippingCountry(form, this.country));
    // While typing, only a cure is shown; a new problem waits for the field to be left.
    if (event.type === "input" && problem && !this.problems.has(field.name)) return;
    const next = new Map(this.problems);
    if (problem) next.set(field.name, problem);
    else next.delete(field.name);
    this.problems = next;
  }

  /**
   * Starts the payment as the pay button does: checks the fields, fires the cancelable `sceau-checkout-start`,
   * creates the order, then posts the sealed form to the bank.
   *
   * @returns the redirect, or an error (`ERR_BUSY`, `ERR_CART_EMPTY`, `ERR_NOT_QUOTED` (the buyer pays only a
   * total they have seen: a quote is asked first), `ERR_FIELD_INVALID`, `ERR_CHECKOUT_CANCELLED`, or any
   * quote/checkout code); it never rejects.
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
    const quote = this.#quotes.fresh(this.#request());
    if (!quote) {
      if (this.#quotes.failure) this.#retry();
      return fault("ERR_NOT_QUOTED");
    }
    if (!this.#checkAll()) return fault("ERR_FIELD_INVALID");
    const buyer = readBuyer(this.#form(), this.#needs);
    const start = new SceauCheckoutStartEvent({
      items: this.cart.items,
      email: buyer.email,
      instalments: this.split,
    });
    if (!this.dispatchEvent(start)) return fault("ERR_CHECKOUT_CANCELLED");
    this.#busy = true; // set before the first await: a second click is ignored
    this.error = undefined;
    this.status = "submitting";
    try {
      const { order, form: sealed } = await createCheckout(this.endpoint, {
        items,
        lang: this.activeLang.toUpperCase(),
        ...buyer,
        ...(this.split > 1 && { instalments: this.split }),
        ...(this.promoCode && { promoCode: this.promoCode }),
        ...(quote.shipping && { shippingMethod: quote.shipping.method }),
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
      return this.#checkoutFailed(asError(cause));
    }
  }

  /** A refused checkout: fields the worker asks for are shown and marked, a changed cart is quoted again. */
  async #checkoutFailed(failure: CheckoutError): Promise<CheckoutResult> {
    explainToDeveloper(failure, this.endpoint);
    const needed = REQUIRED[failure.code];
    if (needed) this.learned = { ...this.learned, [needed]: true };
    const result = this.#fail(failure, true);
    const control = controlOf(failure.field);
    if (needed) {
      await this.updateComplete; // the fields the worker asked for are there now: mark those to fill
      const form = this.#form();
      if (form) {
        this.problems = checkFields(
          form,
          buyerFieldSpecs(this.#needs),
          shippingCountry(form, this.country),
        );
      }
      this.#checked = true;
      void this.#focusFirstProblem();
    } else if (control && /^ERR_(ADDRESS|EMAIL)_INVALID$/.test(failure.code)) {
      const key =
        failure.code === "ERR_EMAIL_INVALID"
          ? "errEmail"
          : control === "phone"
            ? "errPhone"
            : "errText";
      this.problems = new Map([...this.problems, [control, { key }]]);
    }
    if (/^ERR_(PRICE_CHANGED|OUT_OF_STOCK)$/.test(failure.code)) this.#quotes.retry();
    if (promoKey(failure)) this.#quoteFailed(failure);
    return result;
  }

  #retry(): void {
    this.#clearError();
    this.#quotes.retry();
    this.#quoting();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.checkout();
  }

  #payLabel(quote: Quote | undefined): string {
    const t = this.#t;
    if (!quote) return t.pay;
    const amount = formatMoney(quote.total, quote.currency, this.activeLang);
    return this.split > 1
      ? format(t.paySplit, { amount, n: this.split })
      : format(t.payAmount, { amount });
  }

  /** "Then 9,90 € per month": what a subscription takes after the first payment. */
  #subscription(quote: Quote | undefined) {
    const s = quote?.subscription;
    if (!s) return nothing;
    const amount = formatMoney(s.amount, quote.currency, this.activeLang);
    const t = this.#t;
    return html`<p part="subscription">${format(s.periodMonths === 1 ? t.monthly : t.every, { amount, n: s.periodMonths })}</p>`;
  }

  #errorTemplate() {
    const t = this.#t;
    if (this.error) return this.#message(this.error);
    if (!this.#checked || this.problems.size === 0) return "";
    const labels = new Map(buyerFieldSpecs(this.#needs).map((f) => [f.name, t[f.label]]));
    const focus = (name: string) =>
      this.renderRoot.querySelector<HTMLElement>(`#f-${name}`)?.focus();
    return html`<p>${format(t.errSummary, { n: this.problems.size })}</p>
      <ul>${[...this.problems].map(
        ([
          name,
          problem,
        ]) => html`<li><button type="button" class="link" @click=${() => focus(name)}>
          ${labels.get(name) ?? name} — ${problemText(problem, t, this.activeLang)}</button></li>`,
      )}</ul>`;
  }

  override render() {
    const t = this.#t;
    const lang = this.activeLang;
    const items = this.cart.items;
    const last = this.#quotes.last;
    const fresh = this.#quotes.fresh(this.#request());
    const busy = this.#busy; // submitting or redirecting
    const loading = this.#quotes.loading;
    if (items.length === 0) {
      return html`<section part="base">
        <p part="empty" tabindex="-1">${t.empty}</p>
        <a part="back-to-shop" href=${this.shopUrl}>${t.backToShop}</a>
        <p part="status" id="status" role="status"></p>
      </section>`;
    }
    const sku = this.error && blamedSku(this.error, items);
    const code = this.error?.code;
    const blamed =
      sku && (code === "ERR_PRODUCT_UNKNOWN" || code === "ERR_PRODUCT_INACTIVE")
        ? { sku, reason: "gone" as const }
        : sku && code === "ERR_OUT_OF_STOCK"
          ? { sku, reason: "stock" as const, available: this.error?.details.available }
          : undefined;
    const priceChanged =
      !!fresh &&
      items.some((i) => {
        const line = fresh.lines.find((l) => l.sku === i.sku);
        return i.price !== undefined && line !== undefined && line.unitAmount !== i.price;
      });
    // The states in progress are announced by their own texts.
    const statusText =
      busy || this.status === "quoting"
        ? t[this.status as "quoting" | "submitting" | "redirecting"]
        : priceChanged
          ? t.errPrice
          : "";
    const needs = this.#needs;
    const view = {
      fields: buyerFieldSpecs(needs),
      needs,
      problems: this.problems,
      t,
      lang,
      country: this.country,
      onSameAsBilling: (same: boolean) =>
        this.#choose(() => {
          this.sameAsBilling = same;
          this.shipCountry = undefined;
          this.shippingMethod = undefined;
        }),
    };
    const retry =
      this.error &&
      !this.#afterPay &&
      RETRYABLE.has(errorKey(this.error, this.#blamedName(this.error)));
    const promoError = this.promoProblem ? problemText(this.promoProblem, t, lang) : "";
    return html`<section part="base" aria-busy=${loading}>
      ${linesTemplate({
        items,
        quote: last,
        blamed,
        t,
        lang,
        busy,
        onQuantity: (s, q) => this.#edit(() => this.cart.setQuantity(s, q)),
        onRemove: (s, i) => void this.#remove(s, i),
      })}
      ${promoTemplate({
        t,
        applied: fresh?.discount?.code,
        error: promoError,
        busy,
        onApply: (code) =>
          this.#choose(() => {
            this.promoCode = code || undefined;
            this.promoProblem = undefined;
          }),
        onRemove: () => this.#choose(() => (this.promoCode = undefined)),
      })}
      <form part="form" novalidate @submit=${this.#onSubmit} @input=${this.#onFormInput}
        @change=${this.#onFormInput}>
        ${buyerFormTemplate(view)}
        ${shippingMethodsTemplate({
          t,
          lang,
          quote: last,
          busy,
          onChoose: (m) => this.#choose(() => (this.shippingMethod = m)),
        })}
        ${instalmentsTemplate({
          t,
          lang,
          counts: this.#splits,
          single: this.#single,
          split: this.split,
          quote: fresh,
          busy,
          onChoose: (n) => this.#choose(() => (this.split = n)),
        })}
        ${
          last
            ? totalsTemplate(last, lang)
            : loading
              ? html`<div part="totals"><p part="total"><span>${t.quoting}</span><strong>…</strong></p></div>`
              : nothing
        }
        ${this.#subscription(last)}
        ${termsTemplate(view)}
        <button part="button" class="primary" type="submit" aria-disabled=${busy || !fresh}>
          ${busy ? html`<span part="spinner" class="spinner" aria-hidden="true"></span>` : nothing}${this.#payLabel(fresh ?? last)}
        </button>
      </form>
      <p part="status" id="status" role="status">${statusText}</p>
      <div part="error" id="error" role="alert">${this.#errorTemplate()}</div>
      ${
        retry
          ? html`<button part="retry" type="button" @click=${this.#retry}>${t.retry}</button>`
          : nothing
      }
    </section>`;
  }
}
