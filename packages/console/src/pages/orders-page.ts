import { css, html, nothing, type PropertyDeclarations, type PropertyValues } from "lit";
import type { OrdersPage, OrderTotals } from "../api/types.js";
import { ConsoleElement, type Load } from "../app/console-element.js";
import { href } from "../app/routes.js";
import { formatCount } from "../format/dates.js";
import { pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";
import {
  apiQuery,
  exportFileName,
  filterFromQuery,
  type OrderFilter,
  queryFromFilter,
} from "./order-filter.js";

const STATUSES = ["pending", "paid", "captured", "refused", "anomaly", "cancelled", "refunded"];
const CHANNELS = ["shop", "phone", "link"] as const;
const PAGE_SIZE = 50;

const TEXT = {
  fr: {
    title: "Commandes",
    filters: "Filtres",
    status: "Statut",
    anyStatus: "Tous les statuts",
    channel: "Canal",
    anyChannel: "Tous les canaux",
    newPhone: "Nouvelle commande par téléphone",
    newLink: "Nouveau lien de paiement",
    from: "Du",
    to: "Au (inclus)",
    reference: "Référence (début)",
    email: "E-mail de l'acheteur",
    apply: "Filtrer",
    sixMonths: (from: string) => `Commandes depuis le ${from} (six mois glissants).`,
    since: (from: string) => `Commandes depuis le ${from}.`,
    everything: "Toutes les commandes, depuis la première.",
    older: "Voir aussi les plus anciennes",
    count: (n: number, shown: string) =>
      n <= 1 ? `${shown} commande correspond` : `${shown} commandes correspondent`,
    ordered: "commandé",
    captured: "capturé",
    refunded: "remboursé",
    download: "Télécharger ces commandes",
    excel: "CSV pour Excel",
    plain: "CSV standard (RFC 4180)",
    downloadHint:
      "« CSV pour Excel » s'ouvre directement en colonnes dans Excel en français (point-virgule, virgule décimale) ; « CSV standard » convient aux autres logiciels.",
    downloading: "Préparation du fichier…",
    downloaded: (name: string) => `Fichier ${name} téléchargé.`,
    fileStem: "commandes",
    fileStart: "debut",
    caption: "Commandes, les plus récentes d'abord",
    reference_: "Référence",
    date: "Date",
    buyer: "E-mail",
    total: "Total",
    capturedColumn: "Capturé",
    refundedColumn: "Remboursé",
    none: "Aucune commande ne correspond à ces filtres.",
    more: "Afficher les commandes suivantes",
    shown: (n: number) => (n <= 1 ? `${n} commande affichée.` : `${n} commandes affichées.`),
  },
  en: {
    title: "Orders",
    filters: "Filters",
    status: "Status",
    anyStatus: "Any status",
    channel: "Channel",
    anyChannel: "Any channel",
    newPhone: "New phone order",
    newLink: "New payment link",
    from: "From",
    to: "To (included)",
    reference: "Reference (start)",
    email: "Buyer's e-mail",
    apply: "Filter",
    sixMonths: (from: string) => `Orders since ${from} (six rolling months).`,
    since: (from: string) => `Orders since ${from}.`,
    everything: "Every order, since the first one.",
    older: "Show older ones too",
    count: (n: number, shown: string) =>
      n === 1 ? "1 matching order" : `${shown} matching orders`,
    ordered: "ordered",
    captured: "captured",
    refunded: "refunded",
    download: "Download these orders",
    excel: "CSV for Excel",
    plain: "Standard CSV (RFC 4180)",
    downloadHint:
      "“CSV for Excel” opens as columns in Excel set to French (semicolons, decimal comma); “Standard CSV” suits other software.",
    downloading: "Preparing the file…",
    downloaded: (name: string) => `File ${name} downloaded.`,
    fileStem: "orders",
    fileStart: "start",
    caption: "Orders, newest first",
    reference_: "Reference",
    date: "Date",
    buyer: "E-mail",
    total: "Total",
    capturedColumn: "Captured",
    refundedColumn: "Refunded",
    none: "No order matches these filters.",
    more: "Show the next orders",
    shown: (n: number) => (n === 1 ? "1 order shown." : `${n} orders shown.`),
  },
};

/**
 * The order history: filters kept in the address, newest first with keyset paging, the totals of the filtered
 * set, and its download as CSV (for French Excel or standard).
 *
 * @summary The order list.
 * @tag sceau-orders-page
 */
export class SceauOrdersPage extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
        gap: 0.75rem;
        align-items: end;
      }
      form input,
      form select {
        width: 100%;
      }
      .range {
        margin: 0.75rem 0;
      }
      .totals {
        margin: 0.5rem 0 1rem;
      }
      .download {
        margin: 1rem 0;
      }
      .download h2 {
        margin-top: 0;
      }
      .more {
        margin-top: 0.75rem;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    query: { attribute: false },
    list: { state: true },
    totals: { state: true },
    loadingMore: { state: true },
    download: { state: true },
  };

  /** The address query (`status`, `from`, `to`, `reference`, `email`). */
  declare query: URLSearchParams;
  declare list: Load<OrdersPage>;
  declare totals: Load<OrderTotals>;
  declare loadingMore: boolean;
  declare download: { busy: boolean; message: string; error: boolean };

  #filter: OrderFilter = filterFromQuery(new URLSearchParams());
  #loadId = 0;

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.list = { status: "loading" };
    this.totals = { status: "loading" };
    this.loadingMore = false;
    this.download = { busy: false, message: "", error: false };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("query") || changed.has("api")) {
      this.#filter = filterFromQuery(this.query);
      void this.load();
    }
  }

  /** Loads the first page and the totals of the filter in the address. */
  async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const id = ++this.#loadId;
    const query = apiQuery(this.#filter);
    this.list = { status: "loading" };
    this.totals = { status: "loading" };
    // Each shows as soon as it arrives: the list does not wait for the totals (a query over the whole set).
    const settle = async <T>(call: Promise<T>, set: (load: Load<T>) => void) => {
      try {
        const data = await call;
        if (id === this.#loadId) set({ status: "ready", data });
      } catch (error) {
        if (id === this.#loadId) set({ status: "error", error });
      }
    };
    await Promise.all([
      settle(api.orders({ ...query, limit: String(PAGE_SIZE) }), (load) => {
        this.list = load;
      }),
      settle(api.totals(query), (load) => {
        this.totals = load;
      }),
    ]);
  }

  async #more(): Promise<void> {
    if (this.list.status !== "ready" || !this.list.data.nextCursor || !this.api) return;
    const current = this.list.data;
    this.loadingMore = true;
    try {
      const next = await this.api.orders({
        ...apiQuery(this.#filter),
        limit: String(PAGE_SIZE),
        cursor: current.nextCursor ?? undefined,
      });
      this.list = {
        status: "ready",
        data: { orders: [...current.orders, ...next.orders], nextCursor: next.nextCursor },
      };
    } catch (error) {
      this.list = { status: "error", error };
    } finally {
      this.loadingMore = false;
    }
  }

  #go(filter: OrderFilter): void {
    location.hash = href("orders", queryFromFilter(filter));
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? "");
    this.#go({
      status: value("status"),
      channel: value("channel"),
      from: value("from"),
      to: value("to"),
      reference: value("reference"),
      email: value("email"),
    });
  }

  async #export(format: "excel" | "rfc4180"): Promise<void> {
    if (!this.api || this.download.busy) return;
    const t = pick(TEXT);
    this.download = { busy: true, message: t.downloading, error: false };
    try {
      const blob = await this.api.exportCsv(apiQuery(this.#filter), format);
      const name = exportFileName(
        this.#filter,
        t.fileStem,
        t.fileStart,
        format === "excel" ? "" : "_rfc4180",
      );
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      this.download = { busy: false, message: t.downloaded(name), error: false };
    } catch (error) {
      this.download = { busy: false, message: this.errorText(error), error: true };
    }
  }

  #filters() {
    const t = pick(TEXT);
    const f = this.#filter;
    return html`<form @submit=${this.#submit} aria-label=${t.filters} novalidate>
      <label class="field"
        ><span>${t.status}</span>
        <select name="status">
          <option value="">${t.anyStatus}</option>
          ${STATUSES.map(
            (s) =>
              html`<option value=${s} ?selected=${f.status === s}>${this.statusName(s)}</option>`,
          )}
        </select>
      </label>
      <label class="field"
        ><span>${t.channel}</span>
        <select name="channel">
          <option value="">${t.anyChannel}</option>
          ${CHANNELS.map(
            (c) =>
              html`<option value=${c} ?selected=${f.channel === c}>${this.common.channel[c]}</option>`,
          )}
        </select>
      </label>
      <label class="field"><span>${t.from}</span><input type="date" name="from" .value=${f.from} /></label>
      <label class="field"><span>${t.to}</span><input type="date" name="to" .value=${f.to} /></label>
      <label class="field"
        ><span>${t.reference}</span
        ><input name="reference" .value=${f.reference} autocomplete="off" spellcheck="false"
      /></label>
      <label class="field"
        ><span>${t.email}</span><input type="email" name="email" .value=${f.email} autocomplete="off"
      /></label>
      <div><button type="submit">${t.apply}</button></div>
    </form>`;
  }

  #range() {
    const t = pick(TEXT);
    const f = this.#filter;
    if (!f.from) return html`<p class="range">${t.everything}</p>`;
    const defaulted = !this.query.has("from");
    return html`<p class="range">
      ${defaulted ? t.sixMonths(this.day(f.from)) : t.since(this.day(f.from))}
      <button type="button" class="link-button" @click=${() => this.#go({ ...f, from: "" })}>
        ${t.older}
      </button>
    </p>`;
  }

  #totals() {
    const t = pick(TEXT);
    if (this.totals.status !== "ready") return nothing;
    const { count, byCurrency } = this.totals.data;
    return html`<p class="totals" role="status">
      <strong>${t.count(count, formatCount(count, this.locale))}</strong>
      ${byCurrency.map(
        (c) => html` · ${this.money(c.total, c.currency)} ${t.ordered},
          ${this.money(c.captured, c.currency)} ${t.captured},
          ${this.money(c.refunded, c.currency)} ${t.refunded}`,
      )}
    </p>`;
  }

  #table(page: OrdersPage) {
    const t = pick(TEXT);
    if (page.orders.length === 0) return html`<p>${t.none}</p>`;
    return html`<div class="table-wrap" role="region" aria-labelledby="orders-caption" tabindex="0">
        <table>
          <caption id="orders-caption" class="visually-hidden">${t.caption}</caption>
          <thead>
            <tr>
              <th scope="col">${t.reference_}</th>
              <th scope="col">${t.date}</th>
              <th scope="col">${t.status}</th>
              <th scope="col" class="wide-only">${t.channel}</th>
              <th scope="col" class="wide-only">${t.buyer}</th>
              <th scope="col" class="num">${t.total}</th>
              <th scope="col" class="num wide-only">${t.capturedColumn}</th>
              <th scope="col" class="num wide-only">${t.refundedColumn}</th>
            </tr>
          </thead>
          <tbody>
            ${page.orders.map(
              (o) => html`<tr>
                <th scope="row"><a class="mono" href=${href(`orders/${o.reference}`)}>${o.reference}</a></th>
                <td>${this.dateTime(o.createdAt)}</td>
                <td>${this.badge(o.status)}</td>
                <td class="wide-only">${this.common.channel[o.channel] ?? o.channel}</td>
                <td class="wide-only">${o.email ?? this.common.none}</td>
                <td class="num">${this.money(o.total, o.currency)}</td>
                <td class="num wide-only">${this.money(o.captured, o.currency)}</td>
                <td class="num wide-only">${this.money(o.refunded, o.currency)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <p class="visually-hidden" role="status">${t.shown(page.orders.length)}</p>
      ${
        page.nextCursor
          ? html`<p class="more">
            <button type="button" class="secondary" ?disabled=${this.loadingMore} @click=${this.#more}>
              ${this.loadingMore ? this.common.loading : t.more}
            </button>
          </p>`
          : nothing
      }`;
  }

  override render() {
    const t = pick(TEXT);
    return html`
      <h1>${t.title}</h1>
      <p class="toolbar">
        <a class="button" href=${href("orders/new", { channel: "phone" })}>${t.newPhone}</a>
        <a class="button secondary" href=${href("orders/new", { channel: "link" })}>${t.newLink}</a>
      </p>
      ${this.#filters()} ${this.#range()} ${this.#totals()}
      ${this.whenLoaded(
        this.list,
        () => this.load(),
        (page) => this.#table(page),
      )}
      <section class="download card" aria-labelledby="download-title">
        <h2 id="download-title">${t.download}</h2>
        <div class="toolbar">
          <button type="button" ?disabled=${this.download.busy} @click=${() => this.#export("excel")}>
            ${t.excel}
          </button>
          <button
            type="button"
            class="secondary"
            ?disabled=${this.download.busy}
            @click=${() => this.#export("rfc4180")}
          >
            ${t.plain}
          </button>
        </div>
        <p class="hint">${t.downloadHint}</p>
        <p role="status" class=${this.download.error ? "message error" : ""}>${this.download.message}</p>
      </section>
    `;
  }
}

customElements.get("sceau-orders-page") ||
  customElements.define("sceau-orders-page", SceauOrdersPage);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-orders-page": SceauOrdersPage;
  }
}
