import { css, html, type PropertyDeclarations } from "lit";
import type { Product } from "../api/types.js";
import { ConsoleElement, type Load, type Outcome } from "../app/console-element.js";
import { href } from "../app/routes.js";
import { pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";
import "./product-page.js";

const TEXT = {
  fr: {
    title: "Catalogue",
    intro:
      "Les prix de la boutique viennent d'ici : le worker les applique à chaque panier, quoi que dise la page.",
    add: "Nouveau produit",
    caption: "Produits",
    sku: "Référence (SKU)",
    name: "Nom",
    price: "Prix",
    instalments: "Paiement en plusieurs fois",
    upTo: (n: number) => (n === 1 ? "non" : `jusqu'à ${n} fois`),
    state: "État",
    active: "En vente",
    inactive: "Désactivé",
    actions: "Actions",
    edit: "Modifier",
    deactivate: "Désactiver",
    activate: "Réactiver",
    deactivated: (name: string) => `« ${name} » est désactivé : il n'est plus en vente.`,
    activated: (name: string) => `« ${name} » est de nouveau en vente.`,
    empty: "Aucun produit pour l'instant.",
  },
  en: {
    title: "Catalog",
    intro:
      "The shop's prices come from here: the worker applies them to every cart, whatever the page says.",
    add: "New product",
    caption: "Products",
    sku: "Reference (SKU)",
    name: "Name",
    price: "Price",
    instalments: "Payment in instalments",
    upTo: (n: number) => (n === 1 ? "no" : `up to ${n} instalments`),
    state: "State",
    active: "On sale",
    inactive: "Deactivated",
    actions: "Actions",
    edit: "Edit",
    deactivate: "Deactivate",
    activate: "Reactivate",
    deactivated: (name: string) => `“${name}” is deactivated: it is no longer on sale.`,
    activated: (name: string) => `“${name}” is on sale again.`,
    empty: "No product yet.",
  },
};

/**
 * The catalog: every product, active or not, with its price in its currency; deactivate or reactivate in one
 * click, edit or create on the product page.
 *
 * @summary The product list.
 * @tag sceau-catalog-page
 */
export class SceauCatalogPage extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
      }
      a.button {
        display: inline-block;
        padding: 0.5rem 1rem;
        border-radius: 6px;
        background: var(--sceau-accent);
        color: #fff;
        text-decoration: none;
      }
      td .toolbar {
        flex-wrap: nowrap;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    products: { state: true },
    message: { state: true },
  };

  declare products: Load<Product[]>;
  declare message: Outcome | undefined;

  constructor() {
    super();
    this.products = { status: "loading" };
    this.message = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    if (!this.api) return;
    this.products = { status: "loading" };
    try {
      this.products = { status: "ready", data: await this.api.products() };
    } catch (error) {
      this.products = { status: "error", error };
    }
  }

  async #toggle(product: Product): Promise<void> {
    if (!this.api || this.products.status !== "ready") return;
    const t = pick(TEXT);
    try {
      const saved = await this.api.saveProduct({ ...product, active: !product.active });
      this.products = {
        status: "ready",
        data: this.products.data.map((p) => (p.sku === saved.sku ? saved : p)),
      };
      this.message = {
        ok: true,
        text: saved.active ? t.activated(saved.name) : t.deactivated(saved.name),
      };
    } catch (error) {
      this.message = { ok: false, text: this.errorText(error) };
    }
  }

  #table(products: Product[]) {
    const t = pick(TEXT);
    if (products.length === 0) return html`<p>${t.empty}</p>`;
    return html`<div class="table-wrap" role="region" aria-labelledby="products-caption" tabindex="0">
      <table>
        <caption id="products-caption" class="visually-hidden">${t.caption}</caption>
        <thead>
          <tr>
            <th scope="col">${t.name}</th>
            <th scope="col" class="wide-only">${t.sku}</th>
            <th scope="col" class="num">${t.price}</th>
            <th scope="col" class="wide-only">${t.instalments}</th>
            <th scope="col">${t.state}</th>
            <th scope="col">${t.actions}</th>
          </tr>
        </thead>
        <tbody>
          ${products.map(
            (p) => html`<tr>
              <th scope="row">${p.name}</th>
              <td class="wide-only mono">${p.sku}</td>
              <td class="num">${this.money(p.unitAmount, p.currency)}</td>
              <td class="wide-only">${t.upTo(p.maxInstalments)}</td>
              <td><span class="badge ${p.active ? "ok" : ""}">${p.active ? t.active : t.inactive}</span></td>
              <td>
                <div class="toolbar">
                  <a href=${href(`catalog/${encodeURIComponent(p.sku)}`)} aria-label="${t.edit} ${p.name}">${t.edit}</a>
                  <button type="button" class="secondary" aria-label="${p.active ? t.deactivate : t.activate} ${p.name}"
                    @click=${() => this.#toggle(p)}>
                    ${p.active ? t.deactivate : t.activate}
                  </button>
                </div>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const t = pick(TEXT);
    return html`
      <div class="head">
        <h1>${t.title}</h1>
        <a class="button" href=${href("catalog/new")}>${t.add}</a>
      </div>
      <p class="muted">${t.intro}</p>
      ${this.outcomeView(this.message)}
      ${this.whenLoaded(
        this.products,
        () => this.load(),
        (products) => this.#table(products),
      )}
    `;
  }
}

customElements.get("sceau-catalog-page") ||
  customElements.define("sceau-catalog-page", SceauCatalogPage);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-catalog-page": SceauCatalogPage;
  }
}
