import { css, html, nothing, type PropertyDeclarations } from "lit";
import { ConsoleError } from "../api/errors.js";
import type { Address, CreatedOrder, NewOrder, SealedForm } from "../api/types.js";
import { ConsoleElement, type Outcome } from "../app/console-element.js";
import { href } from "../app/routes.js";
import { digitsOf, isKnownCurrency, parseMoney } from "../format/money.js";
import { pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";

const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "JPY", "CAD"];
/** The buyer's languages: the payment link's page and the bank's card page speak them. */
const BUYER_LANGS = ["FR", "EN", "DE", "IT", "ES", "NL"];
const BUYER_LANG_NAMES: Record<string, string> = {
  FR: "Français",
  EN: "English",
  DE: "Deutsch",
  IT: "Italiano",
  ES: "Español",
  NL: "Nederlands",
};
/** Control characters, line breaks and bidirectional overrides: the worker refuses them in typed text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const TEXT = {
  fr: {
    phoneTitle: "Nouvelle commande par téléphone",
    linkTitle: "Nouveau lien de paiement",
    back: "Commandes",
    channel: "Comment l'acheteur paie",
    phone: "Il me dicte sa carte (téléphone, courrier) : je la saisis sur la page de la banque",
    link: "Je lui envoie un lien de paiement",
    description: "Ce qui est payé",
    descriptionHint:
      "Par exemple « Facture 2026-114 ». L'acheteur le voit sur la page de paiement.",
    descriptionError: "Dites ce qui est payé, sur une ligne (200 caractères au plus).",
    amount: "Montant",
    currency: "Devise (ISO 4217)",
    currencyError: "Ce n'est pas un code de devise ISO 4217 (par exemple EUR).",
    operator: "Pris par",
    operatorHint: "Votre nom : il apparaît dans le détail de la commande.",
    textError: "Une ligne de texte, sans caractère de contrôle.",
    buyer: "Acheteur",
    email: "E-mail (facultatif)",
    lang: "Langue de l'acheteur",
    billing: "Adresse de facturation",
    billingHint:
      "Celle que vous avez : la banque la demande pour un terminal Monetico (3-D Secure v2).",
    addressLine1: "Adresse",
    postalCode: "Code postal",
    city: "Ville",
    country: "Pays (code ISO, par exemple FR)",
    create: "Créer la commande",
    creating: "Création…",
    created: (reference: string, amount: string) => `Commande ${reference} créée : ${amount}.`,
    keyCard: "Saisir la carte sur la page de la banque",
    keyHint:
      "La page de la banque s'ouvre ici ; saisissez la carte que l'acheteur vous dicte. Elle vous ramène ensuite à la commande.",
    linkLabel: "Lien de paiement à envoyer à l'acheteur",
    copy: "Copier le lien",
    copied: "Lien copié.",
    copyFailed: "Copie impossible : sélectionnez le lien et copiez-le.",
    open: (reference: string) => `Voir la commande ${reference}`,
  },
  en: {
    phoneTitle: "New phone order",
    linkTitle: "New payment link",
    back: "Orders",
    channel: "How the buyer pays",
    phone: "They dictate their card (phone, mail): I key it on the bank's page",
    link: "I send them a payment link",
    description: "What is paid",
    descriptionHint: "For example “Invoice 2026-114”. The buyer sees it on the payment page.",
    descriptionError: "Say what is paid, on one line (at most 200 characters).",
    amount: "Amount",
    currency: "Currency (ISO 4217)",
    currencyError: "This is not an ISO 4217 currency code (such as EUR).",
    operator: "Taken by",
    operatorHint: "Your name: it shows in the order's detail.",
    textError: "One line of text, without control characters.",
    buyer: "Buyer",
    email: "E-mail (optional)",
    lang: "Buyer's language",
    billing: "Billing address",
    billingHint: "Whatever you have: the bank asks for it on a Monetico terminal (3-D Secure v2).",
    addressLine1: "Address",
    postalCode: "Postal code",
    city: "City",
    country: "Country (ISO code, such as FR)",
    create: "Create the order",
    creating: "Creating…",
    created: (reference: string, amount: string) => `Order ${reference} created: ${amount}.`,
    keyCard: "Key the card on the bank's page",
    keyHint:
      "The bank's page opens here; key the card the buyer dictates. It then brings you back to the order.",
    linkLabel: "Payment link to send to the buyer",
    copy: "Copy the link",
    copied: "Link copied.",
    copyFailed: "Cannot copy: select the link and copy it.",
    open: (reference: string) => `See order ${reference}`,
  },
};

/** The form as typed. */
interface Draft {
  channel: "phone" | "link";
  description: string;
  amount: string;
  currency: string;
  operator: string;
  email: string;
  lang: string;
  addressLine1: string;
  postalCode: string;
  city: string;
  country: string;
}

type Field = Exclude<keyof Draft, "channel">;

/** Worker field names → form field names. */
const FIELDS: Record<string, Field> = {
  amount: "amount",
  currency: "currency",
  description: "description",
  operator: "operator",
  email: "email",
  lang: "lang",
  "billing.addressLine1": "addressLine1",
  "billing.postalCode": "postalCode",
  "billing.city": "city",
  "billing.country": "country",
  billing: "addressLine1",
};

/**
 * Creates an order for the buyer on the phone or at a distance: a phone or mail order whose card the
 * merchant keys on the bank's page (the sealed form is posted from here), or a payment link to send.
 *
 * @summary The new phone order / payment link form.
 * @tag sceau-new-order-page
 */
export class SceauNewOrderPage extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      form.order {
        display: grid;
        gap: 1rem;
        max-width: 40rem;
      }
      fieldset {
        border: 1px solid var(--sceau-border);
        border-radius: 8px;
        display: grid;
        gap: 0.75rem;
      }
      .row {
        display: grid;
        grid-template-columns: 2fr 1fr;
        gap: 0.75rem;
      }
      .choice {
        display: flex;
        gap: 0.5rem;
        align-items: flex-start;
      }
      .choice input {
        min-height: 0;
        width: 1.2rem;
        height: 1.2rem;
      }
      .result {
        display: grid;
        gap: 0.75rem;
        max-width: 40rem;
      }
      input[readonly] {
        font-family: ui-monospace, monospace;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    channel: { attribute: false },
    draft: { state: true },
    errors: { state: true },
    saving: { state: true },
    message: { state: true },
    created: { state: true },
    copyMessage: { state: true },
  };

  /** The channel the address asked for. */
  declare channel: "phone" | "link";
  declare draft: Draft;
  declare errors: Partial<Record<Field, string>>;
  declare saving: boolean;
  declare message: Outcome | undefined;
  declare created: CreatedOrder | undefined;
  declare copyMessage: string;

  constructor() {
    super();
    this.channel = "phone";
    this.draft = {
      channel: "phone",
      description: "",
      amount: "",
      currency: "EUR",
      operator: "",
      email: "",
      lang: "FR",
      addressLine1: "",
      postalCode: "",
      city: "",
      country: "FR",
    };
    this.errors = {};
    this.saving = false;
    this.message = undefined;
    this.created = undefined;
    this.copyMessage = "";
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("channel")) {
      this.draft = { ...this.draft, channel: this.channel };
      this.created = undefined;
      this.message = undefined;
    }
  }

  #set<K extends keyof Draft>(name: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [name]: value };
  }

  /** Checks the draft the way the worker will; the order to send, or undefined with errors set. */
  #validate(): NewOrder | undefined {
    const t = pick(TEXT);
    const d = this.draft;
    const errors: Partial<Record<Field, string>> = {};
    const currency = d.currency.trim().toUpperCase();
    const description = d.description.trim();
    if (!description || description.length > 200 || CONTROL.test(description)) {
      errors.description = t.descriptionError;
    }
    if (d.operator.trim().length > 64 || CONTROL.test(d.operator)) errors.operator = t.textError;
    if (!isKnownCurrency(currency)) errors.currency = t.currencyError;
    const amount = parseMoney(d.amount, currency);
    if (!amount.ok)
      errors.amount = this.common.moneyError(amount.error, currency, digitsOf(currency));
    this.errors = errors;
    if (Object.keys(errors).length > 0 || !amount.ok) return undefined;
    const billing: Address = {};
    for (const name of ["addressLine1", "postalCode", "city", "country"] as const) {
      const value = d[name].trim();
      if (value) billing[name] = name === "country" ? value.toUpperCase() : value;
    }
    const hasAddress = Object.keys(billing).some((name) => name !== "country");
    return {
      channel: d.channel,
      amount: amount.minor,
      currency,
      description,
      lang: d.lang,
      ...(d.operator.trim() && { operator: d.operator.trim() }),
      ...(d.email.trim() && { email: d.email.trim() }),
      ...(hasAddress && { billing }),
    };
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.api || this.saving) return;
    const order = this.#validate();
    if (!order) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
      return;
    }
    this.saving = true;
    this.message = undefined;
    try {
      this.created = await this.api.createOrder(order);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("#created")?.focus();
    } catch (error) {
      const field = error instanceof ConsoleError && error.field ? FIELDS[error.field] : undefined;
      if (field) this.errors = { [field]: this.errorText(error) };
      this.message = { ok: false, text: this.errorText(error) };
    } finally {
      this.saving = false;
    }
  }

  async #copy(url: string): Promise<void> {
    const t = pick(TEXT);
    try {
      await navigator.clipboard.writeText(url);
      this.copyMessage = t.copied;
    } catch {
      this.copyMessage = t.copyFailed;
    }
  }

  #field(name: Field, label: string, control: unknown, hint?: string) {
    const error = this.errors[name];
    return html`<div class="field">
      <label for=${name}>${label}</label>
      ${control}
      ${hint ? html`<span class="hint" id="${name}-hint">${hint}</span>` : nothing}
      ${error ? html`<span class="field-error" id="${name}-error">${error}</span>` : nothing}
    </div>`;
  }

  #input(
    name: Field,
    options: { hint?: boolean; type?: string; inputmode?: string; list?: string } = {},
  ) {
    const described = [options.hint ? `${name}-hint` : "", this.errors[name] ? `${name}-error` : ""]
      .filter(Boolean)
      .join(" ");
    return html`<input
      id=${name}
      name=${name}
      type=${options.type ?? "text"}
      .value=${this.draft[name]}
      aria-invalid=${this.errors[name] ? "true" : "false"}
      aria-describedby=${described || nothing}
      inputmode=${options.inputmode ?? nothing}
      list=${options.list ?? nothing}
      autocomplete="off"
      @input=${(e: InputEvent) => this.#set(name, (e.target as HTMLInputElement).value)}
    />`;
  }

  #form() {
    const t = pick(TEXT);
    const d = this.draft;
    const choice = (value: "phone" | "link", label: string) =>
      html`<label class="choice"
        ><input type="radio" name="channel" value=${value} .checked=${d.channel === value}
          @change=${() => this.#set("channel", value)} />
        <span>${label}</span></label
      >`;
    return html`<form class="order" @submit=${this.#submit} novalidate>
      <fieldset>
        <legend>${t.channel}</legend>
        ${choice("phone", t.phone)} ${choice("link", t.link)}
      </fieldset>
      ${this.#field("description", t.description, this.#input("description", { hint: true }), t.descriptionHint)}
      <div class="row">
        ${this.#field("amount", t.amount, this.#input("amount", { inputmode: "decimal" }))}
        ${this.#field("currency", t.currency, this.#input("currency", { list: "currencies" }))}
      </div>
      <datalist id="currencies">${CURRENCIES.map((c) => html`<option value=${c}></option>`)}</datalist>
      ${this.#field("operator", t.operator, this.#input("operator", { hint: true }), t.operatorHint)}
      <fieldset>
        <legend>${t.buyer}</legend>
        ${this.#field("email", t.email, this.#input("email", { type: "email" }))}
        ${this.#field(
          "lang",
          t.lang,
          html`<select id="lang" name="lang"
            @change=${(e: Event) => this.#set("lang", (e.target as HTMLSelectElement).value)}>
            ${BUYER_LANGS.map(
              (lang) =>
                html`<option value=${lang} ?selected=${d.lang === lang}>${BUYER_LANG_NAMES[lang]}</option>`,
            )}
          </select>`,
        )}
      </fieldset>
      <fieldset aria-describedby="billing-hint">
        <legend>${t.billing}</legend>
        <span class="hint" id="billing-hint">${t.billingHint}</span>
        ${this.#field("addressLine1", t.addressLine1, this.#input("addressLine1"))}
        <div class="row">
          ${this.#field("city", t.city, this.#input("city"))}
          ${this.#field("postalCode", t.postalCode, this.#input("postalCode"))}
        </div>
        ${this.#field("country", t.country, this.#input("country"))}
      </fieldset>
      <div><button type="submit" ?disabled=${this.saving}>${this.saving ? t.creating : t.create}</button></div>
    </form>`;
  }

  /** The sealed form, posted by the browser to the bank: the merchant's click opens the card page. */
  #bankForm(form: SealedForm) {
    const t = pick(TEXT);
    return html`<form method="post" action=${form.action} id="bank-form">
      ${Object.entries(form.fields).map(
        ([name, value]) => html`<input type="hidden" name=${name} .value=${value} />`,
      )}
      <button type="submit" aria-describedby="key-hint">${t.keyCard}</button>
      <p class="hint" id="key-hint">${t.keyHint}</p>
    </form>`;
  }

  #result(created: CreatedOrder) {
    const t = pick(TEXT);
    const { order } = created;
    return html`<section class="result card" aria-labelledby="created">
      <h2 id="created" tabindex="-1">${t.created(order.reference, this.money(order.total, order.currency))}</h2>
      ${
        order.channel === "phone"
          ? this.#bankForm(created.form)
          : html`<div class="field">
              <label for="pay-url">${t.linkLabel}</label>
              <input id="pay-url" readonly .value=${created.payUrl} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
            </div>
            <div class="toolbar">
              <button type="button" @click=${() => this.#copy(created.payUrl)}>${t.copy}</button>
              <span role="status">${this.copyMessage}</span>
            </div>`
      }
      <p><a href=${href(`orders/${encodeURIComponent(order.reference)}`)}>${t.open(order.reference)}</a></p>
    </section>`;
  }

  override render() {
    const t = pick(TEXT);
    return html`
      <p><a href=${href("orders")}>← ${t.back}</a></p>
      <h1>${this.draft.channel === "phone" ? t.phoneTitle : t.linkTitle}</h1>
      ${this.outcomeView(this.message)}
      ${this.created ? this.#result(this.created) : this.#form()}
    `;
  }
}

customElements.get("sceau-new-order-page") ||
  customElements.define("sceau-new-order-page", SceauNewOrderPage);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-new-order-page": SceauNewOrderPage;
  }
}
