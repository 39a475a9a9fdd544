import { css, html, nothing, type PropertyDeclarations, type PropertyValues } from "lit";
import { ConsoleError } from "../api/errors.js";
import type { Product } from "../api/types.js";
import { ConsoleElement, type Load, type Outcome } from "../app/console-element.js";
import { href } from "../app/routes.js";
import { digitsOf, isKnownCurrency, moneyInputText, parseMoney } from "../format/money.js";
import { decimalMarkOf, pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";

/** The worker's rule for a sku (`SKU` in worker/src/catalog.ts). */
const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "JPY", "CAD"];

const TEXT = {
  fr: {
    create: "Nouveau produit",
    edit: (name: string) => `Modifier « ${name} »`,
    back: "Catalogue",
    notFound: (sku: string) => `Aucun produit ${sku} dans le catalogue.`,
    sku: "Référence (SKU)",
    skuHint: "Lettres, chiffres, « . », « _ » ou « - » ; elle ne change plus ensuite.",
    skuError: "Utilisez seulement des lettres, chiffres, « . », « _ » ou « - » (64 au plus).",
    name: "Nom",
    nameError: "Donnez un nom au produit.",
    description: "Description",
    price: "Prix",
    currency: "Devise (ISO 4217)",
    currencyError: "Ce n'est pas un code de devise ISO 4217 (par exemple EUR).",
    instalments: "Paiement en plusieurs fois",
    instalmentOption: (n: number) => (n === 1 ? "Non, en une fois" : `Jusqu'à ${n} fois`),
    instalmentsHint: "Proposé seulement sur un terminal de paiement fractionné.",
    active: "En vente",
    save: "Enregistrer",
    saving: "Enregistrement…",
    saved: (name: string) => `« ${name} » est enregistré.`,
  },
  en: {
    create: "New product",
    edit: (name: string) => `Edit “${name}”`,
    back: "Catalog",
    notFound: (sku: string) => `No product ${sku} in the catalog.`,
    sku: "Reference (SKU)",
    skuHint: "Letters, digits, “.”, “_” or “-”; it cannot change afterwards.",
    skuError: "Use only letters, digits, “.”, “_” or “-” (at most 64).",
    name: "Name",
    nameError: "Give the product a name.",
    description: "Description",
    price: "Price",
    currency: "Currency (ISO 4217)",
    currencyError: "This is not an ISO 4217 currency code (such as EUR).",
    instalments: "Payment in instalments",
    instalmentOption: (n: number) => (n === 1 ? "No, in one payment" : `Up to ${n} instalments`),
    instalmentsHint: "Offered only on a split-payment terminal.",
    active: "On sale",
    save: "Save",
    saving: "Saving…",
    saved: (name: string) => `“${name}” is saved.`,
  },
};

/** The form's fields as typed. */
interface Draft {
  sku: string;
  name: string;
  description: string;
  price: string;
  currency: string;
  maxInstalments: number;
  active: boolean;
}

/** Worker field names → form field names. */
const FIELDS: Record<string, keyof Draft> = { unitAmount: "price", sku: "sku", name: "name" };

/**
 * Creates or edits one product: name, description, price in its currency (typed with that currency's
 * decimals), payment in instalments, on sale or not.
 *
 * @summary The product form.
 * @tag sceau-product-page
 */
export class SceauProductPage extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: 1rem;
        max-width: 36rem;
      }
      .row {
        display: grid;
        grid-template-columns: 2fr 1fr;
        gap: 0.75rem;
      }
      textarea {
        min-height: 5rem;
      }
      .check {
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
      .check input {
        min-height: 0;
        width: 1.2rem;
        height: 1.2rem;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    sku: { attribute: false },
    product: { state: true },
    draft: { state: true },
    errors: { state: true },
    saving: { state: true },
    message: { state: true },
  };

  /** The product's sku, or `null` for a new one. */
  declare sku: string | null;
  declare product: Load<Product | null>;
  declare draft: Draft;
  declare errors: Partial<Record<keyof Draft, string>>;
  declare saving: boolean;
  declare message: Outcome | undefined;

  constructor() {
    super();
    this.sku = null;
    this.product = { status: "loading" };
    this.draft = this.#draftOf(null);
    this.errors = {};
    this.saving = false;
    this.message = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("sku") || changed.has("api")) void this.load();
  }

  #draftOf(product: Product | null): Draft {
    return {
      sku: product?.sku ?? "",
      name: product?.name ?? "",
      description: product?.description ?? "",
      price: product
        ? moneyInputText(product.unitAmount, product.currency, decimalMarkOf(this.language))
        : "",
      currency: product?.currency ?? "EUR",
      maxInstalments: product?.maxInstalments ?? 1,
      active: product?.active ?? true,
    };
  }

  async load(): Promise<void> {
    if (!this.api) return;
    this.errors = {};
    if (this.sku === null) {
      this.product = { status: "ready", data: null };
      this.draft = this.#draftOf(null);
      return;
    }
    this.product = { status: "loading" };
    try {
      const found = (await this.api.products()).find((p) => p.sku === this.sku) ?? null;
      this.product = { status: "ready", data: found };
      this.draft = this.#draftOf(found);
    } catch (error) {
      this.product = { status: "error", error };
    }
  }

  #set<K extends keyof Draft>(name: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [name]: value };
  }

  /** Checks the draft the way the worker will; returns the product to send, or undefined with errors set. */
  #validate(): Product | undefined {
    const t = pick(TEXT);
    const d = this.draft;
    const errors: Partial<Record<keyof Draft, string>> = {};
    const currency = d.currency.trim().toUpperCase();
    if (!SKU.test(d.sku)) errors.sku = t.skuError;
    if (!d.name.trim()) errors.name = t.nameError;
    if (!isKnownCurrency(currency)) errors.currency = t.currencyError;
    const price = parseMoney(d.price, currency);
    if (!price.ok) errors.price = this.common.moneyError(price.error, currency, digitsOf(currency));
    this.errors = errors;
    if (Object.keys(errors).length > 0 || !price.ok) return undefined;
    return {
      sku: d.sku,
      name: d.name.trim(),
      description: d.description,
      unitAmount: price.minor,
      currency,
      maxInstalments: d.maxInstalments,
      active: d.active,
    };
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.api || this.saving) return;
    const product = this.#validate();
    if (!product) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
      return;
    }
    this.saving = true;
    this.message = undefined;
    try {
      const saved = await this.api.saveProduct(product);
      this.message = { ok: true, text: pick(TEXT).saved(saved.name) };
      if (this.sku === null) location.hash = href(`catalog/${encodeURIComponent(saved.sku)}`);
    } catch (error) {
      const field =
        error instanceof ConsoleError && error.field ? (FIELDS[error.field] ?? error.field) : "";
      if (field && field in this.draft) this.errors = { [field]: this.errorText(error) };
      this.message = { ok: false, text: this.errorText(error) };
    } finally {
      this.saving = false;
    }
  }

  #field(name: keyof Draft, label: string, control: unknown, hint?: string) {
    const error = this.errors[name];
    return html`<div class="field">
      <label for=${name}>${label}</label>
      ${control}
      ${hint ? html`<span class="hint" id="${name}-hint">${hint}</span>` : nothing}
      ${error ? html`<span class="field-error" id="${name}-error">${error}</span>` : nothing}
    </div>`;
  }

  #described(name: keyof Draft, hint = false): string {
    return [hint ? `${name}-hint` : "", this.errors[name] ? `${name}-error` : ""]
      .filter(Boolean)
      .join(" ");
  }

  #form(product: Product | null) {
    const t = pick(TEXT);
    const d = this.draft;
    const text = (
      name: "name" | "price" | "currency" | "sku",
      extra: Record<string, string> = {},
    ) =>
      html`<input
        id=${name}
        name=${name}
        .value=${d[name]}
        aria-invalid=${this.errors[name] ? "true" : "false"}
        aria-describedby=${this.#described(name, name === "sku")}
        autocomplete="off"
        spellcheck="false"
        inputmode=${extra.inputmode ?? "text"}
        list=${extra.list ?? nothing}
        @input=${(e: InputEvent) => this.#set(name, (e.target as HTMLInputElement).value)}
      />`;
    return html`<form @submit=${this.#submit} novalidate>
      ${product ? nothing : this.#field("sku", t.sku, text("sku"), t.skuHint)}
      ${this.#field("name", t.name, text("name"))}
      ${this.#field(
        "description",
        t.description,
        html`<textarea id="description" name="description" .value=${d.description}
          @input=${(e: InputEvent) => this.#set("description", (e.target as HTMLTextAreaElement).value)}></textarea>`,
      )}
      <div class="row">
        ${this.#field("price", t.price, text("price", { inputmode: "decimal" }))}
        ${this.#field("currency", t.currency, text("currency", { list: "currencies" }))}
      </div>
      <datalist id="currencies">${CURRENCIES.map((c) => html`<option value=${c}></option>`)}</datalist>
      ${this.#field(
        "maxInstalments",
        t.instalments,
        html`<select id="maxInstalments" name="maxInstalments" aria-describedby="maxInstalments-hint"
          @change=${(e: Event) => this.#set("maxInstalments", Number((e.target as HTMLSelectElement).value))}>
          ${[1, 2, 3, 4].map(
            (n) =>
              html`<option value=${n} ?selected=${d.maxInstalments === n}>${t.instalmentOption(n)}</option>`,
          )}
        </select>`,
        t.instalmentsHint,
      )}
      <label class="check">
        <input type="checkbox" name="active" .checked=${d.active}
          @change=${(e: Event) => this.#set("active", (e.target as HTMLInputElement).checked)} />
        ${t.active}
      </label>
      <div><button type="submit" ?disabled=${this.saving}>${this.saving ? t.saving : t.save}</button></div>
    </form>`;
  }

  override render() {
    const t = pick(TEXT);
    return html`
      <p><a href=${href("catalog")}>← ${t.back}</a></p>
      ${this.whenLoaded(
        this.product,
        () => this.load(),
        (product) => {
          if (this.sku !== null && !product) return html`<h1>${t.notFound(this.sku)}</h1>`;
          return html`
          <h1>${product ? t.edit(product.name) : t.create}</h1>
          ${this.outcomeView(this.message)}
          ${this.#form(product)}
        `;
        },
      )}
    `;
  }
}

customElements.get("sceau-product-page") ||
  customElements.define("sceau-product-page", SceauProductPage);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-product-page": SceauProductPage;
  }
}
