/**
 * The lines of `<sceau-checkout>`: name and prices from the last quote (kept while a new one loads), quantity
 * buttons, remove, and what the worker said about a line (gone, not enough in stock).
 * @module
 */
import { html, nothing, type TemplateResult } from "lit";
import type { Quote } from "../../api/types.js";
import type { CartItem } from "../../cart/cart-store.js";
import { MAX_QUANTITY } from "../../cart/parse-cart.js";
import { formatMoney } from "../../format/money.js";
import { COMMON } from "../../lang/common/index.js";
import { format, type Lang, type Texts, textsOf } from "../../lang/index.js";
import type { CheckoutKey } from "./lang/index.js";

/** What the lines template needs. */
export interface LinesView {
  readonly items: readonly CartItem[];
  /** The last quote answered (maybe for another cart: names and unit prices still hold). */
  readonly quote: Quote | undefined;
  /** The line the worker refused, and why: gone from the catalog or not enough in stock. */
  readonly blamed:
    | { readonly sku: string; readonly reason: "gone" | "stock"; readonly available?: number }
    | undefined;
  readonly t: Texts<CheckoutKey>;
  readonly lang: Lang;
  readonly busy: boolean;
  readonly onQuantity: (sku: string, quantity: number) => void;
  readonly onRemove: (sku: string, index: number) => void;
}

function lineTemplate(item: CartItem, index: number, view: LinesView): TemplateResult {
  const { t, quote, busy } = view;
  const line = quote?.lines.find((l) => l.sku === item.sku);
  const name = line?.name ?? item.sku;
  const money = (n: number) => (quote ? formatMoney(n, quote.currency, view.lang) : "");
  const blamed = view.blamed?.sku === item.sku ? view.blamed : undefined;
  const available =
    (blamed?.reason === "stock" ? blamed.available : undefined) ?? line?.available ?? undefined;
  const gone = blamed?.reason === "gone";
  const short =
    available !== undefined && (item.quantity > available || blamed?.reason === "stock");
  const atMin = busy || item.quantity <= 1;
  const atMax = busy || item.quantity >= Math.min(MAX_QUANTITY, available ?? MAX_QUANTITY);
  return html`<li part="line" data-sku=${item.sku}>
    <span part="line-name">${name}</span>
    ${gone ? html`<span part="unavailable">${t.unavailable}</span>` : nothing}
    ${
      short && available !== undefined
        ? html`<span part="unavailable">${format(textsOf(COMMON, view.lang).stockLeft, { n: available })}</span>`
        : nothing
    }
    <span part="line-unit">${line ? money(line.unitAmount) : ""}</span>
    <span part="quantity" role="group" aria-label=${`${t.quantity} – ${name}`}>
      <button part="quantity-button" type="button" aria-label=${format(t.decrease, { name })}
        aria-disabled=${atMin} @click=${() => atMin || view.onQuantity(item.sku, item.quantity - 1)}>−</button>
      <span part="quantity-value">${item.quantity}</span>
      <button part="quantity-button" type="button" aria-label=${format(t.increase, { name })}
        aria-disabled=${atMax} @click=${() => atMax || view.onQuantity(item.sku, item.quantity + 1)}>+</button>
    </span>
    <span part="line-amount">${line && line.quantity === item.quantity ? money(line.amount) : ""}</span>
    <button part="remove-button" type="button" aria-label=${format(t.remove, { name })}
      aria-disabled=${busy} @click=${() => busy || view.onRemove(item.sku, index)}>×</button>
  </li>`;
}

/** The cart's lines. */
export function linesTemplate(view: LinesView): TemplateResult {
  return html`<ul part="lines">${view.items.map((item, i) => lineTemplate(item, i, view))}</ul>`;
}
