import { css, html, nothing, type PropertyDeclarations, type PropertyValues } from "lit";
import type { Address, OrderDetail } from "../api/types.js";
import { ConsoleElement, type Load } from "../app/console-element.js";
import { href } from "../app/routes.js";
import { pick } from "../i18n/lang.js";
import { paymentName, paymentState } from "../i18n/payments.js";
import { sharedStyles } from "../styles/shared.js";
import "../components/order-actions.js";
import "../components/order-origin.js";
import { eventsView, notificationsView, operationsView } from "./order-history.js";

const TEXT = {
  fr: {
    title: (reference: string) => `Commande ${reference}`,
    back: "Toutes les commandes",
    total: "Total",
    mode: "Mode de paiement",
    modes: {
      immediate: "Comptant",
      deferred: "Différé",
      partial: "Partiel",
      recurring: "Récurrent",
      split: "Fractionné",
    } as Record<string, string>,
    captured: "Capturé",
    remaining: "Reste à capturer",
    released: "Libéré (non capturé)",
    refunded: "Remboursé",
    recurrence: "Récurrence",
    recurrenceState: (active: boolean, renewals: number) =>
      `${active ? "active" : "arrêtée"}, ${renewals} renouvellement${renewals > 1 ? "s" : ""}`,
    nextRenewal: "Prochain renouvellement",
    created: "Créée le",
    paid: "Payée le",
    authorisation: "N° d'autorisation",
    card: "Carte",
    test: "Paiement de test",
    anomaly: "Anomalie",
    terminal: "Terminal",
    lines: "Articles",
    item: "Article",
    quantity: "Quantité",
    unit: "Prix unitaire",
    amount: "Montant",
    buyer: "Acheteur",
    email: "E-mail",
    language: "Langue :",
    billing: "Adresse de facturation",
    shipping: "Adresse de livraison",
    noAddress: "Aucune adresse transmise.",
    schedule: "Échéancier",
    payment: "Paiement",
    due: "Date prévue",
    deadline: "Capture jusqu'au",
    status: "Statut",
    moreNotifications: "Notifications suivantes",
  },
  en: {
    title: (reference: string) => `Order ${reference}`,
    back: "All orders",
    total: "Total",
    mode: "Payment mode",
    modes: {
      immediate: "Immediate",
      deferred: "Deferred",
      partial: "Partial",
      recurring: "Recurring",
      split: "Split",
    },
    captured: "Captured",
    remaining: "Left to capture",
    released: "Released (not captured)",
    refunded: "Refunded",
    recurrence: "Recurrence",
    recurrenceState: (active: boolean, renewals: number) =>
      `${active ? "active" : "stopped"}, ${renewals} renewal${renewals === 1 ? "" : "s"}`,
    nextRenewal: "Next renewal",
    created: "Created on",
    paid: "Paid on",
    authorisation: "Authorisation number",
    card: "Card",
    test: "Test payment",
    anomaly: "Anomaly",
    terminal: "Terminal",
    lines: "Items",
    item: "Item",
    quantity: "Quantity",
    unit: "Unit price",
    amount: "Amount",
    buyer: "Buyer",
    email: "E-mail",
    language: "Language:",
    billing: "Billing address",
    shipping: "Shipping address",
    noAddress: "No address given.",
    schedule: "Schedule",
    payment: "Payment",
    due: "Due",
    deadline: "Capture until",
    status: "Status",
    moreNotifications: "More notifications",
  },
};

/** The lines of a postal address, in the order an envelope shows them. */
function addressLines(address: Address): string[] {
  const name =
    address.name ??
    [address.civility, address.firstName, address.lastName].filter(Boolean).join(" ");
  return [
    name,
    address.addressLine1,
    address.addressLine2,
    address.addressLine3,
    [address.postalCode, address.city].filter(Boolean).join(" "),
    [address.stateOrProvince, address.country].filter(Boolean).join(" "),
    address.phone ?? address.mobilePhone,
  ].filter((line): line is string => Boolean(line));
}

/**
 * One order: what was bought, by whom and where to, the schedule, the operations it allows, and its whole
 * history with the bank.
 *
 * @summary The order page.
 * @tag sceau-order-page
 */
export class SceauOrderPage extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      .heading {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin-bottom: 1rem;
      }
      .heading h1 {
        margin: 0;
      }
      .columns {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
        gap: 0.75rem;
      }
      .columns h3 {
        margin-top: 0;
      }
      address {
        font-style: normal;
        white-space: pre-line;
      }
      ol.timeline {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      ol.timeline p {
        margin: 0 0 0.4rem;
      }
      ol.timeline .badge {
        margin-left: 0.25rem;
      }
      summary {
        cursor: pointer;
        color: var(--sceau-accent);
        margin-top: 0.4rem;
      }
      tfoot th,
      tfoot td {
        font-weight: 700;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    reference: {},
    detail: { state: true },
    loadingMore: { state: true },
  };

  declare reference: string;
  declare detail: Load<OrderDetail>;
  declare loadingMore: boolean;
  #loadId = 0;

  constructor() {
    super();
    this.reference = "";
    this.detail = { status: "loading" };
    this.loadingMore = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("reference") || changed.has("api")) void this.load();
  }

  /** Loads the order; `quietly` keeps the current view until the new one arrives (after an operation). */
  async load(quietly = false): Promise<void> {
    if (!this.api || !this.reference) return;
    const id = ++this.#loadId;
    if (!quietly) this.detail = { status: "loading" };
    try {
      const data = await this.api.order(this.reference);
      if (id === this.#loadId) this.detail = { status: "ready", data };
    } catch (error) {
      if (id === this.#loadId) this.detail = { status: "error", error };
    }
  }

  /** Appends the next page of the order's notifications (the worker sends 50 at a time). */
  async #moreNotifications(): Promise<void> {
    if (this.detail.status !== "ready" || !this.api) return;
    const current = this.detail.data;
    if (!current.notificationsNextAfter) return;
    this.loadingMore = true;
    try {
      const next = await this.api.orderNotifications(
        current.order.reference,
        current.notificationsNextAfter,
      );
      this.detail = {
        status: "ready",
        data: {
          ...current,
          notifications: [...current.notifications, ...next.notifications],
          notificationsNextAfter: next.notificationsNextAfter,
        },
      };
    } catch (error) {
      this.detail = { status: "error", error };
    } finally {
      this.loadingMore = false;
    }
  }

  #summary({ order }: OrderDetail) {
    const t = pick(TEXT);
    const money = (minor: number) => this.money(minor, order.currency);
    const { totals, recurrence } = order.ledger;
    const when = (show: boolean, fact: [string, unknown]) => (show ? [fact] : []);
    const facts: [string, unknown][] = [
      [t.total, money(order.total)],
      [t.mode, t.modes[order.ledger.mode] ?? order.ledger.mode],
      [t.captured, money(totals.captured)],
      ...when(totals.capturable > 0, [t.remaining, money(totals.capturable)]),
      ...when(totals.released > 0, [t.released, money(totals.released)]),
      [t.refunded, money(totals.refunded)],
      ...when(recurrence !== null, [
        t.recurrence,
        t.recurrenceState(recurrence?.active ?? false, recurrence?.renewals ?? 0),
      ]),
      ...when(Boolean(recurrence?.next), [t.nextRenewal, this.day(recurrence?.next?.day)]),
      [t.created, this.dateTime(order.createdAt)],
      [t.paid, this.dateTime(order.paidAt)],
      [t.authorisation, order.authorisationNumber ?? this.common.none],
      [t.card, order.cardBrand ?? this.common.none],
      ...(order.testPayment ? ([[t.test, this.common.yes]] as [string, unknown][]) : []),
      ...(order.anomaly
        ? ([[t.anomaly, html`<span class="mono">${order.anomaly}</span>`]] as [string, unknown][])
        : []),
      [t.terminal, `${order.tpe} (${order.macFormat})`],
    ];
    return html`<dl class="facts card">
      ${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}
    </dl>`;
  }

  #lines({ order }: OrderDetail) {
    const t = pick(TEXT);
    return html`<h2 id="lines-title">${t.lines}</h2>
      <div class="table-wrap" role="region" aria-labelledby="lines-title" tabindex="0">
        <table>
          <thead>
            <tr>
              <th scope="col">${t.item}</th>
              <th scope="col" class="num">${t.quantity}</th>
              <th scope="col" class="num wide-only">${t.unit}</th>
              <th scope="col" class="num">${t.amount}</th>
            </tr>
          </thead>
          <tbody>
            ${order.lines.map(
              (line) => html`<tr>
                <td>${line.name} <span class="muted mono">${line.sku}</span></td>
                <td class="num">${line.quantity}</td>
                <td class="num wide-only">${this.money(line.unitAmount, order.currency)}</td>
                <td class="num">${this.money(line.amount, order.currency)}</td>
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="2">${t.total}</th>
              <td class="wide-only"></td>
              <td class="num">${this.money(order.total, order.currency)}</td>
            </tr>
          </tfoot>
        </table>
      </div>`;
  }

  #buyer({ order }: OrderDetail) {
    const t = pick(TEXT);
    const address = (title: string, value: Address | null) => html`<section class="card">
      <h3>${title}</h3>
      ${value ? html`<address>${addressLines(value).join("\n")}</address>` : html`<p class="muted">${t.noAddress}</p>`}
    </section>`;
    return html`<h2>${t.buyer}</h2>
      <div class="columns">
        <section class="card">
          <h3>${t.email}</h3>
          <p>${order.email ?? this.common.none}</p>
          <p>${t.language} ${order.lang}</p>
        </section>
        ${address(t.billing, order.billing)} ${address(t.shipping, order.shipping)}
      </div>`;
  }

  /** The payments after the order itself: a split's instalments, a subscription's renewals. */
  #schedule({ order }: OrderDetail) {
    const t = pick(TEXT);
    const schedule = order.ledger.payments.filter((p) => p.kind !== "order");
    if (schedule.length === 0) return nothing;
    const lang = this.language;
    const money = (minor: number) => this.money(minor, order.currency);
    return html`<h2 id="schedule-title">${t.schedule}</h2>
      <div class="table-wrap" role="region" aria-labelledby="schedule-title" tabindex="0">
        <table>
          <thead>
            <tr>
              <th scope="col">${t.payment}</th>
              <th scope="col">${t.due}</th>
              <th scope="col" class="num">${t.amount}</th>
              <th scope="col" class="num">${t.captured}</th>
              <th scope="col" class="wide-only">${t.deadline}</th>
              <th scope="col">${t.status}</th>
            </tr>
          </thead>
          <tbody>
            ${schedule.map(
              (p) => html`<tr data-payment=${p.label}>
                <td>${paymentName(lang, p.label)}</td>
                <td>${this.day(p.day)}</td>
                <td class="num">${money(p.amount)}</td>
                <td class="num">${money(p.captured)}</td>
                <td class="wide-only">${p.deadline ? this.dateTime(p.deadline) : this.common.none}</td>
                <td><span class="badge ${p.state}">${paymentState(lang, p.state)}</span></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  override render() {
    const t = pick(TEXT);
    return html`
      <p><a href=${href("orders")}>← ${t.back}</a></p>
      ${this.whenLoaded(
        this.detail,
        () => this.load(),
        (detail) => {
          const { order } = detail;
          return html`
          <div class="heading">
            <h1>${t.title(order.reference)}</h1>
            ${this.badge(order.status)}
          </div>
          ${this.#summary(detail)}
          <sceau-order-actions
            .api=${this.api}
            .order=${order}
            .actions=${order.ledger.actions}
            @sceau-order-changed=${() => this.load(true)}
          ></sceau-order-actions>
          <sceau-order-origin
            .api=${this.api}
            .order=${order}
            .payUrl=${detail.payUrl}
            @sceau-order-changed=${() => this.load(true)}
          ></sceau-order-origin>
          ${this.#lines(detail)} ${this.#buyer(detail)} ${this.#schedule(detail)}
          ${notificationsView(this, detail.notifications)}
          ${
            detail.notificationsNextAfter
              ? html`<p>
                <button type="button" class="secondary" ?disabled=${this.loadingMore}
                  @click=${this.#moreNotifications}>
                  ${this.loadingMore ? this.common.loading : t.moreNotifications}
                </button>
              </p>`
              : nothing
          }
          ${operationsView(this, detail.operations, order.currency)} ${eventsView(this, detail.events)}
        `;
        },
      )}
    `;
  }
}

customElements.get("sceau-order-page") || customElements.define("sceau-order-page", SceauOrderPage);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-order-page": SceauOrderPage;
  }
}
