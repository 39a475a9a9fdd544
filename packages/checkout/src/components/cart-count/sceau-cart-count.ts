import { html } from "lit";
import { COMMON } from "../../lang/common/index.js";
import { format } from "../../lang/index.js";
import { SceauElement } from "../../sceau-element.js";
import { sharedStyles } from "../../styles/shared.js";
import { cartCountStyles } from "./sceau-cart-count.styles.js";

/**
 * A badge with the number of articles in the shared cart, kept up to date across the page and tabs.
 *
 * @summary Cart item count badge.
 * @tag sceau-cart-count
 * @csspart badge - The visible number.
 * @cssproperty [--sceau-badge-background] - Badge background (defaults to the accent).
 * @cssproperty [--sceau-badge-color] - Badge text colour.
 * @cssproperty [--sceau-badge-radius=1em] - Badge corner radius.
 * @cssproperty [--sceau-badge-font-size=0.85em] - Badge text size.
 * @example
 * ```html
 * <a href="/panier/">Panier <sceau-cart-count></sceau-cart-count></a>
 * ```
 */
export class SceauCartCount extends SceauElement {
  static override styles = [sharedStyles, cartCountStyles];

  /** The number of articles in the cart. */
  get count(): number {
    return this.cart.count;
  }

  override willUpdate(): void {
    // `empty` is set while the cart is empty, so a page can hide the badge with `sceau-cart-count[empty]`.
    this.toggleAttribute("empty", this.count === 0);
  }

  override render() {
    const n = this.count;
    return html`<span part="badge" aria-hidden="true">${n}</span
      ><span class="sr">${format(this.texts(COMMON).count, { n })}</span>`;
  }
}
