import { css, html, nothing, type PropertyDeclarations } from "lit";
import { ConsoleError } from "../api/errors.js";
import type { AdminOrder, OperationKind, OrderAction } from "../api/types.js";
import { ConsoleElement, type Outcome } from "../app/console-element.js";
import { digitsOf, moneyInputText, parseMoney } from "../format/money.js";
import { decimalMarkOf, pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";

const TEXT = {
  fr: {
    title: "Actions possibles",
    none: "Aucune opération n'est possible sur cette commande, dans son état et avec le mode de paiement du terminal.",
    amount: { capture: "Montant à capturer", recredit: "Montant à rembourser" } as Record<
      string,
      string
    >,
    upTo: (max: string) => `Jusqu'à ${max}.`,
    partial: "Un montant plus petit est possible.",
    button: {
      capture: "Capturer…",
      cancel: "Annuler l'autorisation…",
      recredit: "Rembourser…",
      "stop-recurrence": "Arrêter la récurrence…",
    } as Record<string, string>,
    cancelText: (amount: string) =>
      `Libère l'autorisation restante de ${amount} : elle ne pourra plus être capturée.`,
    stopText: "Aucune nouvelle échéance ne sera prélevée.",
    confirmTitle: "Confirmer l'opération",
    confirm: {
      capture: (amount: string, ref: string) => `Capturer ${amount} sur la commande ${ref} ?`,
      cancel: (amount: string, ref: string) =>
        `Annuler l'autorisation restante de ${amount} sur la commande ${ref} ?`,
      recredit: (amount: string, ref: string) =>
        `Rembourser ${amount} à l'acheteur de la commande ${ref} ?`,
      "stop-recurrence": (_: string, ref: string) =>
        `Arrêter la récurrence de la commande ${ref} ?`,
    } as Record<string, (amount: string, reference: string) => string>,
    bankCall: "La banque est appelée tout de suite ; l'opération ne peut pas être défaite.",
    yes: {
      capture: "Capturer",
      cancel: "Annuler l'autorisation",
      recredit: "Rembourser",
      "stop-recurrence": "Arrêter",
    } as Record<string, string>,
    no: "Ne rien faire",
    busy: "Appel de la banque…",
    accepted: (what: string, lib: string) =>
      `La banque a accepté l'opération (${what}) : « ${lib} ».`,
    refused: (what: string, lib: string, cdr: string) =>
      `La banque a refusé l'opération (${what}) : « ${lib} » (cdr=${cdr}).`,
  },
  en: {
    title: "Available actions",
    none: "No operation is possible on this order, in its state and with the terminal's payment mode.",
    amount: { capture: "Amount to capture", recredit: "Amount to refund" },
    upTo: (max: string) => `Up to ${max}.`,
    partial: "A smaller amount is possible.",
    button: {
      capture: "Capture…",
      cancel: "Cancel the authorisation…",
      recredit: "Refund…",
      "stop-recurrence": "Stop the recurrence…",
    },
    cancelText: (amount: string) =>
      `Releases the remaining authorisation of ${amount}: it can no longer be captured.`,
    stopText: "No further instalment will be collected.",
    confirmTitle: "Confirm the operation",
    confirm: {
      capture: (amount: string, ref: string) => `Capture ${amount} on order ${ref}?`,
      cancel: (amount: string, ref: string) =>
        `Cancel the remaining authorisation of ${amount} on order ${ref}?`,
      recredit: (amount: string, ref: string) => `Refund ${amount} to the buyer of order ${ref}?`,
      "stop-recurrence": (_: string, ref: string) => `Stop the recurrence of order ${ref}?`,
    },
    bankCall: "The bank is called at once; the operation cannot be undone.",
    yes: {
      capture: "Capture",
      cancel: "Cancel the authorisation",
      recredit: "Refund",
      "stop-recurrence": "Stop",
    },
    no: "Do nothing",
    busy: "Calling the bank…",
    accepted: (what: string, lib: string) => `The bank accepted the operation (${what}): “${lib}”.`,
    refused: (what: string, lib: string, cdr: string) =>
      `The bank refused the operation (${what}): “${lib}” (cdr=${cdr}).`,
  },
};

/** Fired after an operation was sent, whatever the bank answered: the order has a new operation to show. */
export class SceauOrderChangedEvent extends Event {
  constructor() {
    super("sceau-order-changed", { bubbles: true, composed: true });
  }
}

/**
 * The operations an order allows (capture, cancel, refund, stop recurrence), exactly as the worker lists them:
 * an amount field prefilled with everything left, a confirmation stating the exact amount and currency, and the
 * bank's answer shown in place.
 *
 * @summary Capture, cancel, refund or stop the recurrence of one order.
 * @tag sceau-order-actions
 * @event sceau-order-changed - {@link SceauOrderChangedEvent}, after each operation sent to the bank.
 */
export class SceauOrderActions extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      .actions {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr));
        gap: 0.75rem;
      }
      form {
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
        align-items: flex-start;
      }
      form p {
        margin: 0;
      }
      dialog {
        border: 1px solid var(--sceau-border);
        border-radius: 8px;
        max-width: min(32rem, calc(100vw - 2rem));
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.4);
      }
      dialog h3 {
        margin-top: 0;
      }
      .amount {
        font-weight: 700;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    order: { attribute: false },
    actions: { attribute: false },
    inputs: { state: true },
    errors: { state: true },
    pending: { state: true },
    busy: { state: true },
    result: { state: true },
  };

  declare order: AdminOrder | undefined;
  declare actions: OrderAction[];
  /** What the merchant typed in each amount field, by operation. */
  declare inputs: Record<string, string>;
  declare errors: Record<string, string>;
  /** The operation waiting for confirmation. */
  declare pending: { kind: OperationKind; amount: number | undefined } | undefined;
  declare busy: boolean;
  declare result: Outcome | undefined;

  constructor() {
    super();
    this.order = undefined;
    this.actions = [];
    this.inputs = {};
    this.errors = {};
    this.pending = undefined;
    this.busy = false;
    this.result = undefined;
  }

  /** The amount as the confirmation states it: formatted, with the currency code when the format hides it. */
  #exact(minor: number): string {
    const currency = this.order?.currency ?? "EUR";
    const text = this.money(minor, currency);
    return text.includes(currency) ? text : `${text} (${currency})`;
  }

  #input(action: OrderAction): string {
    const currency = this.order?.currency ?? "EUR";
    return (
      this.inputs[action.kind] ??
      moneyInputText(action.amount, currency, decimalMarkOf(this.language))
    );
  }

  /** Reads the amount field of an action; sets its error and returns undefined when it is refused. */
  #amount(action: OrderAction): number | undefined {
    const currency = this.order?.currency ?? "EUR";
    const parsed = parseMoney(this.#input(action), currency);
    let error = "";
    if (!parsed.ok) error = this.common.moneyError(parsed.error, currency, digitsOf(currency));
    else if (parsed.minor > action.max)
      error = this.common.moneyOver(this.money(action.max, currency));
    this.errors = { ...this.errors, [action.kind]: error };
    return parsed.ok && !error ? parsed.minor : undefined;
  }

  #ask(event: SubmitEvent, action: OrderAction): void {
    event.preventDefault();
    let amount: number | undefined;
    if (action.kind === "capture" || action.kind === "recredit") {
      amount = this.#amount(action);
      if (amount === undefined) {
        (event.target as HTMLFormElement).querySelector("input")?.focus();
        return;
      }
    }
    this.result = undefined;
    this.pending = { kind: action.kind, amount };
    void this.updateComplete.then(() => this.renderRoot.querySelector("dialog")?.showModal());
  }

  #close(): void {
    this.renderRoot.querySelector("dialog")?.close();
    this.pending = undefined;
  }

  async #confirm(): Promise<void> {
    const { pending, order, api } = this;
    if (!pending || !order || !api || this.busy) return;
    const t = pick(TEXT);
    const what = this.common.operation[pending.kind] ?? pending.kind;
    this.busy = true;
    try {
      const { operation } = await api.operate(order.reference, pending.kind, pending.amount);
      this.result = { ok: true, text: t.accepted(what, operation.lib ?? "") };
      this.inputs = {};
    } catch (error) {
      const operation = error instanceof ConsoleError ? error.body.operation : undefined;
      const bank = operation as { lib?: string | null; cdr?: number | null } | undefined;
      this.result = {
        ok: false,
        text: bank?.lib ? t.refused(what, bank.lib, String(bank.cdr)) : this.errorText(error),
      };
    } finally {
      this.busy = false;
      this.#close();
      this.dispatchEvent(new SceauOrderChangedEvent());
    }
  }

  #form(action: OrderAction) {
    const t = pick(TEXT);
    const currency = this.order?.currency ?? "EUR";
    const id = action.kind;
    if (action.kind === "capture" || action.kind === "recredit") {
      const error = this.errors[id];
      return html`<form class="card" @submit=${(e: SubmitEvent) => this.#ask(e, action)} novalidate>
        <label class="field">
          <span>${t.amount[id]} (${currency})</span>
          <input
            name="amount"
            inputmode=${digitsOf(currency) === 0 ? "numeric" : "decimal"}
            autocomplete="off"
            .value=${this.#input(action)}
            ?readonly=${!action.partial}
            aria-invalid=${error ? "true" : "false"}
            aria-describedby="${id}-hint ${error ? `${id}-error` : ""}"
            @input=${(e: InputEvent) => {
              this.inputs = { ...this.inputs, [id]: (e.target as HTMLInputElement).value };
            }}
          />
        </label>
        <p class="hint" id="${id}-hint">
          ${t.upTo(this.money(action.max, currency))} ${action.partial ? t.partial : nothing}
        </p>
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
        <button type="submit" data-action=${id} ?disabled=${this.busy}>${t.button[id]}</button>
      </form>`;
    }
    return html`<form class="card" @submit=${(e: SubmitEvent) => this.#ask(e, action)}>
      <p>${action.kind === "cancel" ? t.cancelText(this.money(action.amount, currency)) : t.stopText}</p>
      <button type="submit" class="danger" data-action=${id} ?disabled=${this.busy}>${t.button[id]}</button>
    </form>`;
  }

  #dialog() {
    const t = pick(TEXT);
    const { pending, order } = this;
    if (!pending || !order) return html`<dialog aria-labelledby="confirm-title"></dialog>`;
    const amount = pending.amount ?? this.actions.find((a) => a.kind === pending.kind)?.amount ?? 0;
    return html`<dialog aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${() => {
      this.pending = undefined;
    }}>
      <h3 id="confirm-title">${t.confirmTitle}</h3>
      <p id="confirm-text">${t.confirm[pending.kind]?.(this.#exact(amount), order.reference)}</p>
      <p class="hint">${t.bankCall}</p>
      <div class="toolbar">
        <button type="button" class=${pending.kind === "capture" ? "" : "danger"} data-confirm
          ?disabled=${this.busy} @click=${this.#confirm}>
          ${this.busy ? t.busy : t.yes[pending.kind]}
        </button>
        <button type="button" class="secondary" autofocus ?disabled=${this.busy} @click=${this.#close}>
          ${t.no}
        </button>
      </div>
    </dialog>`;
  }

  override render() {
    const t = pick(TEXT);
    return html`
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">${t.title}</h2>
        ${
          this.actions.length === 0
            ? html`<p class="muted">${t.none}</p>`
            : html`<div class="actions">${this.actions.map((a) => this.#form(a))}</div>`
        }
        ${this.outcomeView(this.result)}
        ${this.#dialog()}
      </section>
    `;
  }
}

customElements.get("sceau-order-actions") ||
  customElements.define("sceau-order-actions", SceauOrderActions);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-order-actions": SceauOrderActions;
  }
}
