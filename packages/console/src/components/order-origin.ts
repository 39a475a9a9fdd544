import { css, html, nothing, type PropertyDeclarations } from "lit";
import type { AdminOrder, SealedForm } from "../api/types.js";
import { ConsoleElement, type Outcome } from "../app/console-element.js";
import { pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";

const TEXT = {
  fr: {
    title: "Origine",
    channel: "Canal",
    operator: "Créée par",
    created: "Créée le",
    description: "Ce qui est payé",
    expires: "Lien valable jusqu'au",
    opened: "Lien ouvert par l'acheteur le",
    notOpened: "pas encore ouvert",
    link: "Lien de paiement",
    copy: "Copier le lien",
    copied: "Lien copié.",
    copyFailed: "Copie impossible : sélectionnez le lien et copiez-le.",
    renew: "Nouveau lien",
    renewed: "Nouveau lien créé : l'ancien ne fonctionne plus.",
    keyCard: "Saisir une carte par téléphone",
    keyReady: "Saisir la carte sur la page de la banque",
    keyHint: "La page de la banque s'ouvre ici ; elle vous ramène ensuite à la commande.",
  },
  en: {
    title: "Origin",
    channel: "Channel",
    operator: "Created by",
    created: "Created on",
    description: "What is paid",
    expires: "Link valid until",
    opened: "Link opened by the buyer on",
    notOpened: "not opened yet",
    link: "Payment link",
    copy: "Copy the link",
    copied: "Link copied.",
    copyFailed: "Cannot copy: select the link and copy it.",
    renew: "New link",
    renewed: "New link created: the old one no longer works.",
    keyCard: "Key a card over the phone",
    keyReady: "Key the card on the bank's page",
    keyHint: "The bank's page opens here; it then brings you back to the order.",
  },
};

const PAYABLE = ["pending", "refused"];

/**
 * Where an order the merchant created comes from — channel, who created it and when, when the buyer opened
 * its payment link — with the link to copy or renew and, while it can be paid, a card to key on the bank's
 * page. Fires `sceau-order-changed` after a renewal.
 *
 * @summary The origin of a phone order or payment link.
 * @tag sceau-order-origin
 */
export class SceauOrderOrigin extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin-top: 1rem;
      }
      input[readonly] {
        font-family: ui-monospace, monospace;
        width: 100%;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    order: { attribute: false },
    payUrl: { attribute: false },
    busy: { state: true },
    message: { state: true },
    keyed: { state: true },
  };

  declare order: AdminOrder | undefined;
  declare payUrl: string | null;
  declare busy: boolean;
  declare message: Outcome | undefined;
  declare keyed: SealedForm | undefined;

  constructor() {
    super();
    this.order = undefined;
    this.payUrl = null;
    this.busy = false;
    this.message = undefined;
    this.keyed = undefined;
  }

  async #run(action: () => Promise<void>): Promise<void> {
    if (!this.api || this.busy) return;
    this.busy = true;
    this.message = undefined;
    try {
      await action();
    } catch (error) {
      this.message = { ok: false, text: this.errorText(error) };
    } finally {
      this.busy = false;
    }
  }

  async #copy(url: string): Promise<void> {
    const t = pick(TEXT);
    try {
      await navigator.clipboard.writeText(url);
      this.message = { ok: true, text: t.copied };
    } catch {
      this.message = { ok: false, text: t.copyFailed };
    }
  }

  #renew(reference: string): Promise<void> {
    return this.#run(async () => {
      const renewed = await this.api?.renewLink(reference);
      if (!renewed) return;
      this.payUrl = renewed.payUrl;
      this.message = { ok: true, text: pick(TEXT).renewed };
      this.dispatchEvent(new CustomEvent("sceau-order-changed", { bubbles: true, composed: true }));
    });
  }

  #key(reference: string): Promise<void> {
    return this.#run(async () => {
      this.keyed = await this.api?.keyedForm(reference);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>("#bank-form button")?.focus();
    });
  }

  #bankForm(form: SealedForm) {
    const t = pick(TEXT);
    return html`<form method="post" action=${form.action} id="bank-form">
      ${Object.entries(form.fields).map(
        ([name, value]) => html`<input type="hidden" name=${name} .value=${value} />`,
      )}
      <button type="submit" aria-describedby="key-hint">${t.keyReady}</button>
      <p class="hint" id="key-hint">${t.keyHint}</p>
    </form>`;
  }

  override render() {
    const order = this.order;
    if (!order || order.channel === "shop") return nothing;
    const t = pick(TEXT);
    const payable = PAYABLE.includes(order.status);
    const facts: [string, unknown][] = [
      [t.channel, this.common.channel[order.channel] ?? order.channel],
      [t.operator, order.operator ?? this.common.none],
      [t.created, this.dateTime(order.createdAt)],
      ...(order.description ? ([[t.description, order.description]] as [string, unknown][]) : []),
      ...(order.link
        ? ([
            [t.expires, this.dateTime(order.link.expiresAt)],
            [t.opened, order.link.openedAt ? this.dateTime(order.link.openedAt) : t.notOpened],
          ] as [string, unknown][])
        : []),
    ];
    return html`<section class="card" aria-labelledby="origin-title">
      <h2 id="origin-title">${t.title}</h2>
      <dl class="facts" id="origin">
        ${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}
      </dl>
      ${
        this.payUrl && payable
          ? html`<div class="field">
              <label for="pay-url">${t.link}</label>
              <input id="pay-url" readonly .value=${this.payUrl} />
            </div>`
          : nothing
      }
      ${
        payable
          ? html`<div class="toolbar">
              ${
                this.payUrl
                  ? html`<button type="button" class="secondary" @click=${() => this.#copy(this.payUrl ?? "")}>${t.copy}</button>`
                  : nothing
              }
              <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.#renew(order.reference)}>${t.renew}</button>
              <button type="button" ?disabled=${this.busy} @click=${() => this.#key(order.reference)}>${t.keyCard}</button>
            </div>`
          : nothing
      }
      ${this.keyed && payable ? this.#bankForm(this.keyed) : nothing}
      ${this.outcomeView(this.message)}
    </section>`;
  }
}

customElements.get("sceau-order-origin") ||
  customElements.define("sceau-order-origin", SceauOrderOrigin);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-order-origin": SceauOrderOrigin;
  }
}
