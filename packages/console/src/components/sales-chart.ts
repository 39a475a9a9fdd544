import { css, html, type PropertyDeclarations, svg } from "lit";
import type { Stats } from "../api/types.js";
import { ConsoleElement } from "../app/console-element.js";
import { pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";

const TEXT = {
  fr: {
    label: (currency: string, from: string, to: string, best: string) =>
      `Ventes par jour en ${currency}, du ${from} au ${to} ; meilleur jour : ${best}.`,
    data: "Voir les chiffres jour par jour",
    day: "Jour",
    sales: "Ventes",
    orders: "Commandes payées",
  },
  en: {
    label: (currency: string, from: string, to: string, best: string) =>
      `Sales per day in ${currency}, from ${from} to ${to}; best day: ${best}.`,
    data: "Show the figures day by day",
    day: "Day",
    sales: "Sales",
    orders: "Paid orders",
  },
};

const WIDTH = 300;
const HEIGHT = 80;

/**
 * Sales per day as bars (an image with a one-sentence description) and the same figures as a table for
 * screen readers and for reading exact values.
 *
 * @summary A small chart of daily sales.
 * @tag sceau-sales-chart
 */
export class SceauSalesChart extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      svg {
        display: block;
        width: 100%;
        height: 7rem;
      }
      rect {
        fill: var(--sceau-accent);
      }
      rect.empty {
        fill: var(--sceau-border);
      }
      details {
        margin-top: 0.5rem;
      }
      summary {
        cursor: pointer;
        color: var(--sceau-accent);
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    days: { attribute: false },
    currency: {},
  };

  declare days: Stats["daily"];
  /** The currency charted (the shop's main one). */
  declare currency: string;

  constructor() {
    super();
    this.days = [];
    this.currency = "EUR";
  }

  #amount(day: Stats["daily"][number]): number {
    return day.sales.find((s) => s.currency === this.currency)?.amount ?? 0;
  }

  override render() {
    const t = pick(TEXT);
    const days = this.days;
    if (days.length === 0) return html``;
    const amounts = days.map((d) => this.#amount(d));
    const max = Math.max(...amounts, 1);
    const bestIndex = amounts.indexOf(Math.max(...amounts));
    const best = days[bestIndex];
    const slot = WIDTH / days.length;
    const label = t.label(
      this.currency,
      this.day(days[0]?.date),
      this.day(days[days.length - 1]?.date),
      best ? `${this.day(best.date)}, ${this.money(amounts[bestIndex] ?? 0, this.currency)}` : "",
    );
    return html`
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label=${label}>
        ${days.map((day, i) => {
          const amount = amounts[i] ?? 0;
          const height = amount === 0 ? 1 : Math.max(2, (amount / max) * (HEIGHT - 2));
          return svg`<rect class=${amount === 0 ? "empty" : ""} x=${i * slot + slot * 0.15}
            y=${HEIGHT - height} width=${slot * 0.7} height=${height}>
            <title>${this.day(day.date)} — ${this.money(amount, this.currency)}</title></rect>`;
        })}
      </svg>
      <details>
        <summary>${t.data}</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${t.day}</th>
                <th scope="col" class="num">${t.sales}</th>
                <th scope="col" class="num">${t.orders}</th>
              </tr>
            </thead>
            <tbody>
              ${days.map(
                (day, i) => html`<tr>
                  <th scope="row">${this.day(day.date)}</th>
                  <td class="num">${this.money(amounts[i] ?? 0, this.currency)}</td>
                  <td class="num">${day.paidOrders}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    `;
  }
}

customElements.get("sceau-sales-chart") ||
  customElements.define("sceau-sales-chart", SceauSalesChart);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-sales-chart": SceauSalesChart;
  }
}
