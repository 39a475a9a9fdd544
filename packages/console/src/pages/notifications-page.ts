import { css, html, nothing, type PropertyDeclarations, type PropertyValues } from "lit";
import type { NotificationsPage } from "../api/types.js";
import { ConsoleElement, type Load } from "../app/console-element.js";
import { href } from "../app/routes.js";
import { type Lang, pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";

const CLASSIFICATIONS = [
  "accepted",
  "refused",
  "instalment-collected",
  "instalment-refused",
  "anomaly",
  "orphan",
  "invalid-seal",
  "malformed",
  "unverified",
];

/** What a class of notification means and what the merchant should do, for the ones that need a look. */
const HELP: Record<Lang, Record<string, { means: string; todo: string }>> = {
  fr: {
    anomaly: {
      means:
        "La banque a confirmé un paiement au sceau valide qui ne correspond pas à la commande : montant, devise, terminal, ou paiement de test en production.",
      todo: "Ne livrez pas avant d'avoir comparé avec votre espace bancaire ; la commande n'est pas marquée payée.",
    },
    orphan: {
      means:
        "Un appel au sceau valide pour une référence que le worker ne connaît pas : une commande créée par un autre système sur le même terminal, ou une base de données remise à zéro.",
      todo: "Cherchez la référence dans votre espace bancaire ; si un paiement y figure, rapprochez-le à la main.",
    },
    "invalid-seal": {
      means:
        "Le sceau (MAC) ne correspond pas : l'appel ne vient pas de la banque, ou la clé du worker (MERCHANT_KEY) n'est pas celle du terminal.",
      todo: "Quelques appels isolés : rien à faire, ils sont ignorés. Si tous les paiements arrivent ici, recopiez la clé depuis votre espace bancaire.",
    },
    malformed: {
      means:
        "Un appel illisible : champ manquant ou en double, code-retour inconnu, corps trop grand ou mal encodé.",
      todo: "Rien à faire s'ils sont rares ; s'ils se répètent, transmettez le détail à votre banque.",
    },
    unverified: {
      means:
        "Un appel reçu pendant que la configuration du worker était cassée : il est conservé sans avoir été vérifié, et la banque l'enverra à nouveau.",
      todo: "Corrigez la configuration (page Réglages) : la banque renvoie l'appel, qui sera alors vérifié.",
    },
  },
  en: {
    anomaly: {
      means:
        "The bank confirmed, with a valid seal, a payment that does not match its order: amount, currency, terminal, or a test payment in production.",
      todo: "Do not ship before comparing with your bank's back office; the order is not marked paid.",
    },
    orphan: {
      means:
        "A validly sealed call for a reference the worker does not know: an order made by another system on the same terminal, or a database that was reset.",
      todo: "Look the reference up in your bank's back office; if a payment is there, reconcile it by hand.",
    },
    "invalid-seal": {
      means:
        "The seal (MAC) does not match: the call does not come from the bank, or the worker's key (MERCHANT_KEY) is not the terminal's.",
      todo: "A few isolated calls: nothing to do, they are ignored. If every payment lands here, copy the key again from your bank's back office.",
    },
    malformed: {
      means:
        "An unreadable call: a missing or repeated field, an unknown code-retour, a body too large or badly encoded.",
      todo: "Nothing to do when rare; if they repeat, send the detail to your bank.",
    },
    unverified: {
      means:
        "A call received while the worker's configuration was broken: it is kept without being verified, and the bank will send it again.",
      todo: "Fix the configuration (Settings page): the bank sends the call again, and it is verified then.",
    },
  },
};

const TEXT = {
  fr: {
    title: "Notifications de la banque",
    intro:
      "Chaque appel reçu sur /api/retour, tel qu'il est arrivé, avant la réponse à la banque. Rien n'y est jamais effacé.",
    filter: "Classement",
    all: "Tous",
    show: "Afficher",
    means: "Ce que c'est",
    todo: "Que faire",
    caption: "Notifications, les plus récentes d'abord",
    received: "Reçue",
    class: "Classement",
    seal: "Sceau",
    valid: "valide",
    invalid: "invalide",
    reference: "Référence",
    code: "code-retour",
    amount: "Montant",
    detail: "Détail",
    none: "Aucune notification de ce type.",
    more: "Plus anciennes",
  },
  en: {
    title: "Notifications from the bank",
    intro:
      "Every call received on /api/retour, as it arrived, before the bank was answered. Nothing is ever deleted.",
    filter: "Class",
    all: "All",
    show: "Show",
    means: "What it is",
    todo: "What to do",
    caption: "Notifications, newest first",
    received: "Received",
    class: "Class",
    seal: "Seal",
    valid: "valid",
    invalid: "invalid",
    reference: "Reference",
    code: "code-retour",
    amount: "Amount",
    detail: "Detail",
    none: "No notification of this class.",
    more: "Older ones",
  },
};

/**
 * The Retour log: every call the bank (or anyone) made to `/api/retour`, by class, with what orphans, invalid
 * seals and malformed calls mean and what to do about them.
 *
 * @summary The notifications log.
 * @tag sceau-notifications-page
 */
export class SceauNotificationsPage extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: end;
        margin-bottom: 1rem;
      }
      .help dt {
        font-weight: 600;
      }
      .help dd {
        margin: 0 0 0.5rem;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    query: { attribute: false },
    log: { state: true },
    loadingMore: { state: true },
  };

  declare query: URLSearchParams;
  declare log: Load<NotificationsPage>;
  declare loadingMore: boolean;
  #loadId = 0;

  constructor() {
    super();
    this.query = new URLSearchParams();
    this.log = { status: "loading" };
    this.loadingMore = false;
  }

  get #classification(): string {
    return this.query.get("classification") ?? "";
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("query") || changed.has("api")) void this.load();
  }

  async load(): Promise<void> {
    if (!this.api) return;
    const id = ++this.#loadId;
    this.log = { status: "loading" };
    try {
      const data = await this.api.notifications({
        classification: this.#classification || undefined,
      });
      if (id === this.#loadId) this.log = { status: "ready", data };
    } catch (error) {
      if (id === this.#loadId) this.log = { status: "error", error };
    }
  }

  async #more(): Promise<void> {
    if (this.log.status !== "ready" || !this.log.data.nextBefore || !this.api) return;
    const current = this.log.data;
    this.loadingMore = true;
    try {
      const next = await this.api.notifications({
        classification: this.#classification || undefined,
        before: current.nextBefore ?? undefined,
      });
      this.log = {
        status: "ready",
        data: {
          notifications: [...current.notifications, ...next.notifications],
          nextBefore: next.nextBefore,
        },
      };
    } catch (error) {
      this.log = { status: "error", error };
    } finally {
      this.loadingMore = false;
    }
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get("classification") ?? "");
    location.hash = href("notifications", value ? { classification: value } : {});
  }

  #table(page: NotificationsPage) {
    const t = pick(TEXT);
    if (page.notifications.length === 0) return html`<p>${t.none}</p>`;
    return html`<div class="table-wrap" role="region" aria-labelledby="log-caption" tabindex="0">
        <table>
          <caption id="log-caption" class="visually-hidden">${t.caption}</caption>
          <thead>
            <tr>
              <th scope="col">${t.received}</th>
              <th scope="col">${t.class}</th>
              <th scope="col">${t.reference}</th>
              <th scope="col" class="wide-only">${t.code}</th>
              <th scope="col" class="wide-only">${t.amount}</th>
              <th scope="col" class="wide-only">${t.detail}</th>
            </tr>
          </thead>
          <tbody>
            ${page.notifications.map(
              (n) => html`<tr>
                <td>${this.dateTime(n.receivedAt)}</td>
                <td>
                  <span class="badge ${n.classification}"
                    >${this.common.classification[n.classification] ?? n.classification}</span
                  >
                  <span class="muted">${t.seal} ${n.sealValid ? t.valid : t.invalid}</span>
                </td>
                <td class="mono">
                  ${
                    n.reference && n.classification !== "orphan" && n.sealValid
                      ? html`<a href=${href(`orders/${encodeURIComponent(n.reference)}`)}>${n.reference}</a>`
                      : (n.reference ?? this.common.none)
                  }
                </td>
                <td class="wide-only mono">${n.codeRetour ?? this.common.none}</td>
                <td class="wide-only mono">${n.montant ?? this.common.none}</td>
                <td class="wide-only mono">${n.detail ?? ""}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        page.nextBefore
          ? html`<p>
            <button type="button" class="secondary" ?disabled=${this.loadingMore} @click=${this.#more}>
              ${this.loadingMore ? this.common.loading : t.more}
            </button>
          </p>`
          : nothing
      }`;
  }

  override render() {
    const t = pick(TEXT);
    const selected = this.#classification;
    const help = pick(HELP)[selected];
    return html`
      <h1>${t.title}</h1>
      <p class="muted">${t.intro}</p>
      <form @submit=${this.#submit}>
        <label class="field">
          <span>${t.filter}</span>
          <select name="classification">
            <option value="">${t.all}</option>
            ${CLASSIFICATIONS.map(
              (c) => html`<option value=${c} ?selected=${c === selected}>
                ${this.common.classification[c]}
              </option>`,
            )}
          </select>
        </label>
        <button type="submit">${t.show}</button>
      </form>
      ${
        help
          ? html`<dl class="help card">
            <dt>${t.means}</dt>
            <dd>${help.means}</dd>
            <dt>${t.todo}</dt>
            <dd>${help.todo}</dd>
          </dl>`
          : nothing
      }
      ${this.whenLoaded(
        this.log,
        () => this.load(),
        (page) => this.#table(page),
      )}
    `;
  }
}

customElements.get("sceau-notifications-page") ||
  customElements.define("sceau-notifications-page", SceauNotificationsPage);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-notifications-page": SceauNotificationsPage;
  }
}
