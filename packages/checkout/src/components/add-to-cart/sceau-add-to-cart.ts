import { css, html, nothing } from "lit";
import { fetchProducts } from "../../api/client.js";
import { announceCart } from "../../cart/cart-store.js";
import { isQuantity, isSku } from "../../cart/parse-cart.js";
import { COMMON } from "../../lang/common/index.js";
import { format } from "../../lang/index.js";
import { SceauElement, warn } from "../../sceau-element.js";
import { sharedStyles } from "../../styles/shared.js";

/** How long the "added to your cart" confirmation stays next to the button. */
const FEEDBACK_MS = 6000;

/**
 * A button for product pages that puts an article in the shared cart, says so next to itself (visibly and to
 * screen readers: "Added to your cart. 3 items in the cart."), and, with `endpoint`, reads the worker's stock:
 * "sold out" when none is left, never more in the cart than there is.
 *
 * @summary "Add to cart" button.
 * @tag sceau-add-to-cart
 * @slot - The button's label; defaults to "Ajouter au panier" in the page's language.
 * @event sceau-cart-change - After the article was added; `detail: { items, count }`.
 * @csspart button - The button.
 * @csspart status - The live region next to the button confirming the addition (or the stock left).
 * @cssproperty [--sceau-accent=#1d4ed8] - Button background.
 * @cssproperty [--sceau-on-accent=#fff] - Button text colour.
 * @cssproperty [--sceau-radius=0.5rem] - Corner radius.
 * @cssproperty [--sceau-focus-color] - Focus ring colour (defaults to the accent).
 * @example
 * ```html
 * <sceau-add-to-cart sku="MUG-BLUE" price="1200" endpoint="https://pay.shop.example"></sceau-add-to-cart>
 * ```
 */
export class SceauAddToCart extends SceauElement {
  static override styles = [
    sharedStyles,
    css`
      [part="status"] {
        margin-inline-start: 0.5em;
      }
      [part="status"]:empty {
        display: none;
      }
    `,
  ];
  static override properties = {
    sku: {},
    quantity: { type: Number },
    price: { type: Number },
    endpoint: {},
    available: { state: true },
    announcement: { state: true },
  };

  /** The catalog identifier of the article. */
  declare sku: string;
  /** How many to add per click (1–99). */
  declare quantity: number;
  /** The unit price the page shows, in minor units; lets the cart notice a later price change. */
  declare price: number | undefined;
  /** The worker's base URL: when set, its stock decides "sold out" (`GET /api/products`). */
  declare endpoint: string | null;

  declare private available: number | undefined;
  declare private announcement: string;

  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.sku = "";
    this.quantity = 1;
    this.endpoint = null;
    this.announcement = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.endpoint === null) return;
    fetchProducts(this.endpoint).then(
      (products) => {
        const product = products.find((p) => p.sku === this.sku);
        this.available = product?.available ?? undefined;
      },
      () => {
        // No stock known: the cart's quote still checks it.
      },
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  /** Whether the worker says none is left. */
  get soldOut(): boolean {
    return this.available === 0;
  }

  #say(text: string): void {
    this.announcement = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.announcement = ""), FEEDBACK_MS);
  }

  /** Adds the article to the cart and fires `sceau-cart-change`; returns whether it was added. */
  add(): boolean {
    if (!isSku(this.sku) || !isQuantity(this.quantity)) {
      warn(`<sceau-add-to-cart>: bad sku or quantity ${this.sku}`);
      return false;
    }
    const t = this.texts(COMMON);
    const store = this.cart;
    if (this.soldOut) return false;
    if (
      this.available !== undefined &&
      store.quantityOf(this.sku) + this.quantity > this.available
    ) {
      this.#say(format(t.stockLeft, { n: this.available }));
      return false;
    }
    try {
      store.add(this.sku, this.quantity, this.price);
    } catch {
      return false;
    }
    this.#say(`✓ ${t.added} ${format(t.count, { n: store.count })}`);
    announceCart(this, this.cart);
    return true;
  }

  override render() {
    const t = this.texts(COMMON);
    return html`<button part="button" class="primary" type="button" aria-disabled=${this.soldOut}
        @click=${this.add}>${this.soldOut ? t.soldOut : html`<slot>${t.add}</slot>`}</button
      ><span part="status" role="status">${this.announcement || nothing}</span>`;
  }
}
