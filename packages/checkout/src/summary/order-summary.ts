/**
 * The price breakdown both `<sceau-checkout>` (the cart) and `<sceau-order-status>` (the receipt) show: subtotal,
 * shipping, promo code, total and the VAT it includes, exactly as the worker priced them.
 * @module
 */
import { html, nothing, type TemplateResult } from "lit";
import type { PriceBreakdown, QuoteLine } from "../api/types.js";
import { formatMoney, formatRate } from "../format/money.js";
import { format, type Lang, textsOf } from "../lang/index.js";
import { SUMMARY } from "./lang/index.js";

const row = (part: string, label: string, amount: string | TemplateResult) =>
  html`<p part=${part}><span>${label}</span> ${amount}</p>`;

/**
 * The totals of a quote or an order: subtotal, shipping and promo code lines when there are any, the total
 * (a `<strong>` in `part="total"`), then the VAT included per rate.
 */
export function totalsTemplate(price: PriceBreakdown, lang: Lang): TemplateResult {
  const t = textsOf(SUMMARY, lang);
  const money = (n: number) => formatMoney(n, price.currency, lang);
  const { shipping, discount, subtotal } = price;
  const detailed = subtotal !== undefined && (!!shipping || !!discount);
  return html`<div part="totals">
    ${detailed ? row("subtotal", t.subtotal, html`<span>${money(subtotal)}</span>`) : nothing}
    ${
      shipping
        ? row(
            "shipping",
            format(t.shipping, { method: shipping.name ?? shipping.method }),
            html`<span>${shipping.amount ? money(shipping.amount) : t.free}</span>`,
          )
        : nothing
    }
    ${
      discount
        ? row(
            "discount",
            format(t.discount, { code: discount.code }),
            html`<span>−${money(discount.amount)}</span>`,
          )
        : nothing
    }
    ${row("total", t.total, html`<strong>${money(price.total)}</strong>`)}
    ${(price.vat ?? []).map((v) =>
      row(
        "vat",
        format(t.vat, { rate: formatRate(v.rate, lang) }),
        html`<span>${money(v.amount)}</span>`,
      ),
    )}
  </div>`;
}

/** The lines of an order, as a receipt lists them: `2 × name` and the amount. */
export function receiptLinesTemplate(
  lines: readonly QuoteLine[],
  currency: string,
  lang: Lang,
): TemplateResult {
  return html`<ul part="receipt-lines">
    ${lines.map(
      (l) =>
        html`<li><span>${l.quantity} × ${l.name}</span> <span>${formatMoney(l.amount, currency, lang)}</span></li>`,
    )}
  </ul>`;
}
