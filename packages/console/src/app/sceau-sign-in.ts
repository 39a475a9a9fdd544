import { css, html, nothing, type PropertyDeclarations } from "lit";
import { AdminApi, type Fetch } from "../api/client.js";
import { ConsoleError } from "../api/errors.js";
import { pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";
import { ConsoleElement } from "./console-element.js";

const TEXT = {
  fr: {
    title: "Connexion",
    intro: "Entrez le jeton d'administration du worker (la variable secrète ADMIN_TOKEN).",
    label: "Jeton d'administration",
    submit: "Se connecter",
    busy: "Vérification…",
    kept: "Le jeton reste dans cet onglet : il est oublié quand vous fermez l'onglet ou vous déconnectez.",
    refused: "Ce jeton est refusé par le worker.",
  },
  en: {
    title: "Sign in",
    intro: "Enter the worker's admin token (the ADMIN_TOKEN secret).",
    label: "Admin token",
    submit: "Sign in",
    busy: "Checking…",
    kept: "The token stays in this tab: it is forgotten when you close the tab or sign out.",
    refused: "The worker refuses this token.",
  },
};

/** Fired with the token once the worker has accepted it. */
export class SceauSignedInEvent extends Event {
  readonly token: string;
  constructor(token: string) {
    super("sceau-signed-in", { bubbles: true, composed: true });
    this.token = token;
  }
}

/**
 * The sign-in form: checks the admin token against the worker (`GET /api/admin/settings`) before the console
 * keeps it.
 *
 * @summary Sign-in with the admin token.
 * @tag sceau-sign-in
 * @event sceau-signed-in - {@link SceauSignedInEvent}, once the worker accepted the token.
 */
export class SceauSignIn extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        max-width: 28rem;
        display: grid;
        gap: 1rem;
      }
      input {
        width: 100%;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    notice: {},
    fetcher: { attribute: false },
    busy: { state: true },
    error: { state: true },
  };

  /** Why the merchant is asked to sign in again (a refused token), shown above the form. */
  declare notice: string;
  /** How to reach the worker (tests give their own `fetch`). */
  declare fetcher: Fetch | undefined;
  declare busy: boolean;
  declare error: string;

  constructor() {
    super();
    this.notice = "";
    this.fetcher = undefined;
    this.busy = false;
    this.error = "";
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector("input") as HTMLInputElement;
    const token = input.value.trim();
    if (!token || this.busy) return;
    this.busy = true;
    this.error = "";
    try {
      await new AdminApi({ token, ...(this.fetcher && { fetch: this.fetcher }) }).settings();
      this.dispatchEvent(new SceauSignedInEvent(token));
    } catch (error) {
      this.error =
        error instanceof ConsoleError && error.status === 401
          ? pick(TEXT).refused
          : this.errorText(error);
      input.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = pick(TEXT);
    const message = this.error || this.notice;
    return html`
      <h1>${t.title}</h1>
      <form @submit=${this.#submit} novalidate>
        <p>${t.intro}</p>
        <div role="alert">
          ${message ? html`<p class="message error" id="sign-in-error">${message}</p>` : nothing}
        </div>
        <label class="field">
          <span>${t.label}</span>
          <input
            name="token"
            type="password"
            autocomplete="current-password"
            required
            spellcheck="false"
            aria-describedby="sign-in-kept ${message ? "sign-in-error" : ""}"
            aria-invalid=${this.error ? "true" : "false"}
          />
        </label>
        <p class="hint" id="sign-in-kept">${t.kept}</p>
        <div><button type="submit" ?disabled=${this.busy}>${this.busy ? t.busy : t.submit}</button></div>
      </form>
    `;
  }
}

customElements.get("sceau-sign-in") || customElements.define("sceau-sign-in", SceauSignIn);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-sign-in": SceauSignIn;
  }
}
