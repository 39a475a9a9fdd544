import { html } from "lit";
import { announceCart } from "../../cart/cart-store.js";
import { isQuantity, isSku } from "../../cart/parse-cart.js";
import { format } from "../../lang/index.js";
import { SceauElement, warn } from "../../sceau-element.js";
import { sharedStyles } from "../../styles/shared.js";

/**
 * A button for product pages that puts an article in the shared cart.
 *
 * @summary "Add to cart" button.
 * @tag sceau-add-to-cart
 * @slot - The button's label; defaults to "Ajouter au panier" in the page's language.
 * @event sceau-cart-change - After the article was added; `detail: { items, count }`.
 * @csspart button - The button.
 * @csspart status - The (visually hidden) live region announcing the addition.
 * @cssproperty [--sceau-accent=#1d4ed8] - Button background.
 * @cssproperty [--sceau-on-accent=#fff] - Button text colour.
 * @cssproperty [--sceau-radius=0.5rem] - Corner radius.
 * @cssproperty [--sceau-focus-color] - Focus ring colour (defaults to the accent).
 * @example
 * ```html
 * <sceau-add-to-cart sku="MUG-BLUE" price="1200"></sceau-add-to-cart>
 * ```
 */
export class SceauAddToCart extends SceauElement {
  static override styles = sharedStyles;
  static override properties = {
    sku: {},
    quantity: { type: Number },
    price: { type: Number },
    announcement: { state: true },
  };

  /** The catalog identifier of the article. */
  declare sku: string;
  /** How many to add per click (1–99). */
  declare quantity: number;
  /** The unit price the page shows, in minor units; lets the cart notice a later price change. */
  declare price: number | undefined;

  declare private announcement: string;

  constructor() {
    super();
    this.sku = "";
    this.quantity = 1;
    this.announcement = "";
  }

  /** Adds the article to the cart and fires `sceau-cart-change`; returns whether it was added. */
  add(): boolean {
    if (!isSku(this.sku) || !isQuantity(this.quantity)) {
      warn(`<sceau-add-to-cart>: bad sku or quantity ${this.sku}`);
      return false;
    }
    const store = this.cart;
    try {
      store.add(this.sku, this.quantity, this.price);
    } catch {
      return false;
    }
    this.announcement = format(this.messages.count, { n: store.count });
    announceCart(this, this.cart);
    return true;
  }

  override render() {
    return html`<button part="button" class="primary" @click=${this.add}>
        <slot>${this.messages.add}</slot></button
      ><span part="status" class="sr" role="status">${this.announcement}</span>`;
  }
}
