import { css, html, nothing, type PropertyDeclarations } from "lit";
import type { Amount, Stats } from "../api/types.js";
import { ConsoleElement, type Load } from "../app/console-element.js";
import { href } from "../app/routes.js";
import { browserTimeZone, formatPercent } from "../format/dates.js";
import { pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";
import "../components/sales-chart.js";

const TEXT = {
  fr: {
    title: "Accueil",
    sales: "Ventes",
    period: (days: number) => (days === 1 ? "Aujourd'hui" : `${days} derniers jours`),
    noSales: "Aucune vente",
    paidOrders: (n: number) => (n <= 1 ? `${n} commande payée` : `${n} commandes payées`),
    refusalRate: "Taux de refus :",
    attempts: (refused: number, all: number) => `${refused} sur ${all} tentatives`,
    noAttempt: "aucune tentative",
    chart: "Ventes des 30 derniers jours",
    attention: "À traiter",
    nothing: "Rien ne vous attend.",
    awaiting: (n: number) => `Paiements à capturer (${n})`,
    awaitingHelp:
      "Autorisés par la banque, pas encore encaissés : capturez-les avant la fin du délai de votre contrat, sinon l'autorisation expire.",
    remaining: "reste",
    since: "autorisé le",
    deadline: "à capturer avant le",
    anomalies: (n: number) => `Commandes en anomalie (${n})`,
    anomaliesHelp:
      "La banque a confirmé un paiement qui ne correspond pas à la commande (montant, devise, terminal) : vérifiez dans votre espace bancaire avant d'expédier.",
    orphans: (n: number) =>
      n <= 1
        ? `${n} notification orpheline depuis 30 jours`
        : `${n} notifications orphelines depuis 30 jours`,
    invalid: (n: number) =>
      n <= 1
        ? `${n} appel au sceau invalide ou mal formé depuis 30 jours`
        : `${n} appels au sceau invalide ou mal formés depuis 30 jours`,
    failed: (n: number) => `Opérations échouées depuis 30 jours (${n})`,
    see: "Voir",
  },
  en: {
    title: "Home",
    sales: "Sales",
    period: (days: number) => (days === 1 ? "Today" : `Last ${days} days`),
    noSales: "No sales",
    paidOrders: (n: number) => (n === 1 ? "1 paid order" : `${n} paid orders`),
    refusalRate: "Refusal rate:",
    attempts: (refused: number, all: number) => `${refused} of ${all} attempts`,
    noAttempt: "no attempt",
    chart: "Sales over the last 30 days",
    attention: "Needs you",
    nothing: "Nothing is waiting for you.",
    awaiting: (n: number) => `Payments to capture (${n})`,
    awaitingHelp:
      "Authorised by the bank, not yet collected: capture them before the delay of your contract ends, or the authorisation expires.",
    remaining: "left",
    since: "authorised on",
    deadline: "capture before",
    anomalies: (n: number) => `Orders in anomaly (${n})`,
    anomaliesHelp:
      "The bank confirmed a payment that does not match the order (amount, currency, terminal): check in your bank's back office before shipping.",
    orphans: (n: number) =>
      n === 1
        ? "1 orphan notification in the last 30 days"
        : `${n} orphan notifications in the last 30 days`,
    invalid: (n: number) =>
      n === 1
        ? "1 call with an invalid seal or malformed in the last 30 days"
        : `${n} calls with an invalid seal or malformed in the last 30 days`,
    failed: (n: number) => `Failed operations in the last 30 days (${n})`,
    see: "See",
  },
};

/**
 * Sales today, over 7 and 30 days, a chart of daily sales, and what needs the merchant.
 *
 * @summary The console's home page.
 * @tag sceau-home-page
 */
export class SceauHomePage extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      .periods {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 0.75rem;
      }
      .periods h3 {
        margin: 0 0 0.25rem;
        font-size: 0.95rem;
        color: var(--sceau-muted);
      }
      .figure {
        font-size: 1.6rem;
        font-weight: 700;
        margin: 0;
      }
      .periods p {
        margin: 0.25rem 0 0;
      }
      ul.items {
        padding-left: 1.2rem;
        margin: 0.25rem 0;
      }
      ul.items li {
        margin: 0.25rem 0;
      }
      .attention > section {
        margin-bottom: 0.75rem;
      }
      .attention h3 {
        margin-top: 0;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    stats: { state: true },
  };

  declare stats: Load<Stats>;

  constructor() {
    super();
    this.stats = { status: "loading" };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Asks the worker for the figures, in the browser's time zone. */
  async load(): Promise<void> {
    if (!this.api) return;
    this.stats = { status: "loading" };
    try {
      this.stats = { status: "ready", data: await this.api.stats(browserTimeZone()) };
    } catch (error) {
      this.stats = { status: "error", error };
    }
  }

  #sales(sales: Amount[]) {
    if (sales.length === 0) return pick(TEXT).noSales;
    return sales.map((s) => this.money(s.amount, s.currency)).join(" · ");
  }

  #periods(stats: Stats) {
    const t = pick(TEXT);
    return html`<div class="periods">
      ${stats.periods.map(
        (p) => html`<section class="card" aria-labelledby="period-${p.days}">
          <h3 id="period-${p.days}">${t.period(p.days)}</h3>
          <p class="figure">${this.#sales(p.sales)}</p>
          <p>${t.paidOrders(p.paidOrders)}</p>
          <p>
            ${t.refusalRate}
            ${
              p.refusalRate === null
                ? t.noAttempt
                : html`<strong>${formatPercent(p.refusalRate, this.locale)}</strong>
                  (${t.attempts(p.refusedPayments, p.refusedPayments + p.acceptedPayments)})`
            }
          </p>
        </section>`,
      )}
    </div>`;
  }

  #attention(stats: Stats) {
    const t = pick(TEXT);
    const a = stats.attention;
    const sections = [];
    if (a.awaitingCapture.count > 0) {
      sections.push(html`<section class="card" aria-labelledby="awaiting">
        <h3 id="awaiting">${t.awaiting(a.awaitingCapture.count)}</h3>
        <p class="hint">${t.awaitingHelp}</p>
        <ul class="items">
          ${a.awaitingCapture.orders.map(
            (o) => html`<li>
              <a href=${href(`orders/${o.reference}`)}>${o.reference}</a> —
              ${this.money(o.authorisedRemaining, o.currency)} ${t.remaining}, ${t.since}
              ${this.dateTime(o.paidAt)}${o.deadline ? html`, ${t.deadline} ${this.dateTime(o.deadline)}` : nothing}
            </li>`,
          )}
        </ul>
      </section>`);
    }
    if (a.anomalies.count > 0) {
      sections.push(html`<section class="card" aria-labelledby="anomalies">
        <h3 id="anomalies">${t.anomalies(a.anomalies.count)}</h3>
        <p class="hint">${t.anomaliesHelp}</p>
        <ul class="items">
          ${a.anomalies.orders.map(
            (o) => html`<li>
              <a href=${href(`orders/${o.reference}`)}>${o.reference}</a> —
              ${this.money(o.total, o.currency)} — <span class="mono">${o.anomaly ?? ""}</span>
            </li>`,
          )}
        </ul>
      </section>`);
    }
    const logLink = (count: number, text: string, classification: string) =>
      count > 0
        ? html`<section class="card">
            <p>${text} — <a href=${href("notifications", { classification })}>${t.see}</a></p>
          </section>`
        : nothing;
    sections.push(
      logLink(a.orphanNotifications.count, t.orphans(a.orphanNotifications.count), "orphan"),
    );
    sections.push(
      logLink(
        a.invalidNotifications.count,
        t.invalid(a.invalidNotifications.count),
        "invalid-seal",
      ),
    );
    if (a.failedOperations.count > 0) {
      sections.push(html`<section class="card" aria-labelledby="failed">
        <h3 id="failed">${t.failed(a.failedOperations.count)}</h3>
        <ul class="items">
          ${a.failedOperations.operations.map(
            (o) => html`<li>
              <a href=${href(`orders/${o.reference}`)}>${o.reference}</a> —
              ${this.common.operation[o.kind] ?? o.kind} ${this.money(o.amount, o.currency)},
              ${this.dateTime(o.requestedAt)} —
              <span class="mono">${o.lib ? `cdr=${o.cdr} ${o.lib}` : (o.error ?? "")}</span>
            </li>`,
          )}
        </ul>
      </section>`);
    }
    const empty = sections.every((s) => s === nothing);
    return html`<div class="attention">${empty ? html`<p>${t.nothing}</p>` : sections}</div>`;
  }

  override render() {
    const t = pick(TEXT);
    return html`
      <h1>${t.title}</h1>
      ${this.whenLoaded(
        this.stats,
        () => this.load(),
        (stats) => {
          const currency = stats.periods[stats.periods.length - 1]?.sales[0]?.currency ?? "EUR";
          return html`
          <h2>${t.sales}</h2>
          ${this.#periods(stats)}
          <h2 id="chart">${t.chart}</h2>
          <div class="card">
            <sceau-sales-chart .days=${stats.daily} currency=${currency}></sceau-sales-chart>
          </div>
          <h2>${t.attention}</h2>
          ${this.#attention(stats)}
        `;
        },
      )}
    `;
  }
}

customElements.get("sceau-home-page") || customElements.define("sceau-home-page", SceauHomePage);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-home-page": SceauHomePage;
  }
}
