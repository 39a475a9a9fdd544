import { css, html, nothing, type PropertyDeclarations } from "lit";
import type { ConfigNote, Settings } from "../api/types.js";
import { ConsoleElement, type Load } from "../app/console-element.js";
import { pick } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";

const TEXT = {
  fr: {
    title: "Réglages",
    intro:
      "La configuration du worker, en lecture seule : elle se change dans wrangler.jsonc et avec « wrangler secret put ». La clé du commerçant et le jeton d'administration ne sont jamais affichés.",
    problems: "À corriger",
    problemsHelp:
      "Tant que ces variables sont fausses, les routes qui en dépendent répondent ERR_CONFIG_INVALID.",
    warnings: "À vérifier",
    allGood: "Aucun problème dans la configuration.",
    terminal: "Terminal",
    tpe: "TPE",
    societe: "Code société",
    format: "Format du sceau",
    mode: "Mode de paiement",
    modes: {
      immediate: "Paiement immédiat",
      deferred: "Paiement différé (capture par le commerçant)",
      partial: "Paiement partiel",
      recurring: "Paiement récurrent",
      split: "Paiement fractionné",
    } as Record<string, string>,
    bank: "Banque",
    banks: {
      cm: "Crédit Mutuel",
      cic: "CIC",
      obc: "OBC",
      monetico: "Monetico",
      sandbox: "Banque simulée (sandbox locale)",
    } as Record<string, string>,
    environment: "Environnement",
    environments: { test: "Test", production: "Production" } as Record<string, string>,
    urls: "Adresses",
    payment: "Page de paiement de la banque",
    capture: "Service de capture",
    recredit: "Service de remboursement",
    retour: "URL de confirmation (CGI2) à donner à la banque",
    returnOk: "Retour après paiement accepté",
    returnError: "Retour après refus",
    returnCancel: "Retour après abandon",
    shop: "Boutique",
    origins: "Origines autorisées (SHOP_ORIGINS)",
    noOrigin: "aucune",
    rateLimit: "Limite de commandes par client (CHECKOUT_RATE_LIMIT)",
    off: "désactivée",
    protection: "Protection",
    adminOrigins: "Autres pages autorisées à appeler l'API d'administration (ADMIN_ORIGINS)",
    onlyConsole: "aucune : seule cette console",
    retourLimit: "Appels au sceau invalide sur /api/retour, par client (RETOUR_INVALID_RATE_LIMIT)",
    retention: "Conservation des appels au sceau invalide (RETOUR_LOG_RETENTION_DAYS)",
    days: (n: number) => (n <= 1 ? `${n} jour` : `${n} jours`),
    access: "Protéger la console",
    accessText:
      "En production, placez Cloudflare Access (Zero Trust) devant /admin/ et /api/admin/ : seules les personnes de votre organisation atteignent alors la console, et le jeton reste un second verrou.",
  },
  en: {
    title: "Settings",
    intro:
      "The worker's configuration, read-only: change it in wrangler.jsonc and with “wrangler secret put”. The merchant key and the admin token are never shown.",
    problems: "To fix",
    problemsHelp:
      "While these variables are wrong, the routes that need them answer ERR_CONFIG_INVALID.",
    warnings: "To check",
    allGood: "No problem in the configuration.",
    terminal: "Terminal",
    tpe: "TPE",
    societe: "Site code (societe)",
    format: "Seal format",
    mode: "Payment mode",
    modes: {
      immediate: "Immediate payment",
      deferred: "Deferred payment (captured by the merchant)",
      partial: "Partial payment",
      recurring: "Recurring payment",
      split: "Payment in instalments",
    },
    bank: "Bank",
    banks: {
      cm: "Crédit Mutuel",
      cic: "CIC",
      obc: "OBC",
      monetico: "Monetico",
      sandbox: "Simulated bank (local sandbox)",
    },
    environment: "Environment",
    environments: { test: "Test", production: "Production" },
    urls: "Addresses",
    payment: "The bank's payment page",
    capture: "Capture service",
    recredit: "Refund service",
    retour: "Confirmation URL (CGI2) to give the bank",
    returnOk: "Return after an accepted payment",
    returnError: "Return after a refusal",
    returnCancel: "Return after the buyer gave up",
    shop: "Shop",
    origins: "Allowed origins (SHOP_ORIGINS)",
    noOrigin: "none",
    rateLimit: "Orders per client limit (CHECKOUT_RATE_LIMIT)",
    off: "off",
    protection: "Protection",
    adminOrigins: "Other pages allowed to call the admin API (ADMIN_ORIGINS)",
    onlyConsole: "none: this console only",
    retourLimit:
      "Calls with an invalid seal on /api/retour, per client (RETOUR_INVALID_RATE_LIMIT)",
    retention: "How long calls with an invalid seal are kept (RETOUR_LOG_RETENTION_DAYS)",
    days: (n: number) => (n === 1 ? "1 day" : `${n} days`),
    access: "Protect the console",
    accessText:
      "In production, put Cloudflare Access (Zero Trust) in front of /admin/ and /api/admin/: only people of your organisation then reach the console, and the token stays a second lock.",
  },
};

/**
 * The worker's configuration as `GET /api/admin/settings` reports it: terminal, mode, bank, environment,
 * addresses, and what is misconfigured. Never a secret.
 *
 * @summary The settings page (read-only).
 * @tag sceau-settings-page
 */
export class SceauSettingsPage extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      section.card {
        margin-bottom: 1rem;
      }
      section.card h2 {
        margin-top: 0;
      }
      ul.notes {
        margin: 0;
        padding-left: 1.2rem;
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    settings: { state: true },
  };

  declare settings: Load<Settings>;

  constructor() {
    super();
    this.settings = { status: "loading" };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    if (!this.api) return;
    this.settings = { status: "loading" };
    try {
      this.settings = { status: "ready", data: await this.api.settings() };
    } catch (error) {
      this.settings = { status: "error", error };
    }
  }

  #notes(notes: ConfigNote[], title: string, kind: "error" | "warning", help?: string) {
    if (notes.length === 0) return nothing;
    return html`<section class="message ${kind}" role=${kind === "error" ? "alert" : "status"}>
      <h2>${title}</h2>
      ${help ? html`<p>${help}</p>` : nothing}
      <ul class="notes">
        ${notes.map((n) => html`<li><span class="mono">${n.message}</span></li>`)}
      </ul>
    </section>`;
  }

  #facts(title: string, facts: [string, unknown][]) {
    return html`<section class="card">
      <h2>${title}</h2>
      <dl class="facts">${facts.map(([term, value]) => html`<dt>${term}</dt><dd>${value ?? this.common.none}</dd>`)}</dl>
    </section>`;
  }

  #view(s: Settings) {
    const t = pick(TEXT);
    const url = (value: string | null) => (value ? html`<span class="mono">${value}</span>` : null);
    return html`
      ${this.#notes(s.problems, t.problems, "error", t.problemsHelp)}
      ${this.#notes(s.warnings, t.warnings, "warning")}
      ${s.problems.length + s.warnings.length === 0 ? html`<p class="message success">${t.allGood}</p>` : nothing}
      ${
        s.terminal
          ? this.#facts(t.terminal, [
              [t.tpe, s.terminal.tpe],
              [t.societe, s.terminal.societe],
              [t.format, s.terminal.macFormat],
              [t.mode, t.modes[s.terminal.paymentMode] ?? s.terminal.paymentMode],
              [t.bank, t.banks[s.terminal.bank] ?? s.terminal.bank],
              [t.environment, t.environments[s.terminal.environment] ?? s.terminal.environment],
            ])
          : nothing
      }
      ${this.#facts(t.urls, [
        [t.retour, url(s.urls.retour)],
        [t.payment, url(s.urls.payment)],
        [t.capture, url(s.urls.capture)],
        [t.recredit, url(s.urls.recredit)],
        [t.returnOk, url(s.urls.returnOk)],
        [t.returnError, url(s.urls.returnError)],
        [t.returnCancel, url(s.urls.returnCancel)],
      ])}
      ${this.#facts(t.shop, [
        [
          t.origins,
          s.shopOrigins === null
            ? null
            : s.shopOrigins.length === 0
              ? t.noOrigin
              : html`<span class="mono">${s.shopOrigins.join(", ")}</span>`,
        ],
        [t.rateLimit, s.checkoutRateLimit === "off" ? t.off : s.checkoutRateLimit],
      ])}
      ${this.#facts(t.protection, [
        [
          t.adminOrigins,
          s.adminOrigins === null
            ? null
            : s.adminOrigins.length === 0
              ? t.onlyConsole
              : html`<span class="mono">${s.adminOrigins.join(", ")}</span>`,
        ],
        [t.retourLimit, s.retourInvalidRateLimit === "off" ? t.off : s.retourInvalidRateLimit],
        [t.retention, s.retourLogRetentionDays === null ? null : t.days(s.retourLogRetentionDays)],
      ])}
      <section class="card">
        <h2>${t.access}</h2>
        <p>${t.accessText}</p>
      </section>
    `;
  }

  override render() {
    const t = pick(TEXT);
    return html`
      <h1>${t.title}</h1>
      <p class="muted">${t.intro}</p>
      ${this.whenLoaded(
        this.settings,
        () => this.load(),
        (s) => this.#view(s),
      )}
    `;
  }
}

customElements.get("sceau-settings-page") ||
  customElements.define("sceau-settings-page", SceauSettingsPage);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-settings-page": SceauSettingsPage;
  }
}
