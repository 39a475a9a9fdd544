/**
 * The base of the console's elements: the admin API they call, the language they follow, and the formatting
 * of money, dates and errors in that language.
 * @module
 */
import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from "lit";
import type { AdminApi } from "../api/client.js";
import { ConsoleError } from "../api/errors.js";
import { formatDateTime, formatDay } from "../format/dates.js";
import { formatMoney } from "../format/money.js";
import { COMMON, type CommonTexts } from "../i18n/common.js";
import { getLang, type Lang, LangController, localeOf, pick } from "../i18n/lang.js";

/** What an action told the merchant: done (`ok`), or why not. */
export interface Outcome {
  ok: boolean;
  text: string;
}

/** Data a page is loading: still coming, arrived, or failed. */
export type Load<T> =
  | { status: "loading" }
  | { status: "ready"; data: T }
  | { status: "error"; error: unknown };

/**
 * The base of every console element: the signed-in {@link AdminApi} it is given, the language it follows
 * (re-rendered on a switch), and money, dates, statuses, errors and load states written in that language.
 */
export class ConsoleElement extends LitElement {
  static override properties: PropertyDeclarations = { api: { attribute: false } };

  /** The admin API, signed in (given by `<sceau-console>`). */
  declare api: AdminApi | undefined;

  constructor() {
    super();
    this.api = undefined;
    new LangController(this);
  }

  /** The language in use. */
  get language(): Lang {
    return getLang();
  }

  /** The `Intl` locale of the language in use. */
  get locale(): string {
    return localeOf(getLang());
  }

  /** The shared texts in the language in use. */
  get common(): CommonTexts {
    return pick(COMMON);
  }

  money(minor: number, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  dateTime(iso: string | null | undefined): string {
    return iso ? formatDateTime(iso, this.locale) : this.common.none;
  }

  day(value: string | null | undefined): string {
    return value ? formatDay(value, this.locale) : this.common.none;
  }

  /** An order status, translated (a status the console does not know is shown as the worker wrote it). */
  statusName(status: string): string {
    return this.common.status[status] ?? status;
  }

  /** What to tell the merchant about a failed call. */
  errorText(error: unknown): string {
    if (error instanceof ConsoleError) {
      if (error.code === "ERR_NETWORK") return this.common.error.network;
      if (error.status === 401) return this.common.error.unauthorized;
      return this.common.error.generic(error.code, error.message);
    }
    return this.common.error.generic("ERR_CONSOLE", String(error));
  }

  /** An order status as a coloured badge with its translated name. */
  badge(status: string): TemplateResult {
    return html`<span class="badge ${status}">${this.statusName(status)}</span>`;
  }

  /** A loading line, an error with "try again", or what `ready` renders with the data. */
  whenLoaded<T>(load: Load<T>, retry: () => void, ready: (data: T) => unknown): unknown {
    if (load.status === "loading") return html`<p role="status">${this.common.loading}</p>`;
    if (load.status === "error") {
      return html`<div role="alert" class="message error">
        <p>${this.errorText(load.error)}</p>
        <button type="button" class="secondary" @click=${retry}>${this.common.retry}</button>
      </div>`;
    }
    return ready(load.data);
  }

  /** An action's outcome in place: announced politely when done, as an alert when not. */
  outcomeView(outcome: Outcome | undefined): TemplateResult {
    return html`<div role="status">
        ${outcome?.ok ? html`<p class="message success" id="result">${outcome.text}</p>` : nothing}
      </div>
      <div role="alert">
        ${outcome && !outcome.ok ? html`<p class="message error" id="result">${outcome.text}</p>` : nothing}
      </div>`;
  }
}
