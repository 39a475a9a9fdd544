import { css, html, nothing, type PropertyDeclarations } from "lit";
import { AdminApi, type Fetch } from "../api/client.js";
import { LANGS, type Lang, setLang } from "../i18n/lang.js";
import { sharedStyles } from "../styles/shared.js";
import { ConsoleElement, type Load } from "./console-element.js";
import { href, parseRoute, type Route, SECTIONS, sectionOf } from "./routes.js";
import type { SceauSignedInEvent } from "./sceau-sign-in.js";
import { clearToken, readToken, saveToken } from "./session.js";
import "./sceau-sign-in.js";

/** Each page is its own chunk, loaded when first shown: the first load is the frame and the sign-in only. */
const PAGES: Record<Route["page"], () => Promise<unknown>> = {
  home: () => import("../pages/home-page.js"),
  orders: () => import("../pages/orders-page.js"),
  order: () => import("../pages/order-page.js"),
  "new-order": () => import("../pages/new-order-page.js"),
  catalog: () => import("../pages/catalog-page.js"),
  product: () => import("../pages/catalog-page.js"),
  notifications: () => import("../pages/notifications-page.js"),
  settings: () => import("../pages/settings-page.js"),
  "not-found": async () => {},
};

/**
 * The merchant console: sign-in with the admin token, then the navigation and the page the address names
 * (`#/orders`, `#/orders/<reference>`, `#/catalog`, `#/notifications`, `#/settings`).
 *
 * @summary The merchant console's frame.
 * @tag sceau-console
 * @example
 * ```html
 * <sceau-console></sceau-console>
 * ```
 */
export class SceauConsole extends ConsoleElement {
  static override styles = [
    sharedStyles,
    css`
      .skip {
        position: absolute;
        left: 0.5rem;
        top: -3rem;
        background: var(--sceau-surface);
        padding: 0.5rem 0.75rem;
        z-index: 2;
      }
      .skip:focus {
        top: 0.5rem;
      }
      header {
        background: var(--sceau-surface);
        border-bottom: 1px solid var(--sceau-border);
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1.5rem;
        padding: 0.5rem 1rem;
      }
      .brand {
        font-weight: 700;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: inline-block;
        padding: 0.5rem 0.7rem;
        border-radius: 6px;
        text-decoration: none;
        color: var(--sceau-text);
      }
      nav a[aria-current="page"] {
        background: var(--sceau-accent-soft);
        color: var(--sceau-accent);
        font-weight: 600;
      }
      .tools {
        margin-left: auto;
        display: flex;
        gap: 0.5rem;
        align-items: center;
      }
      main {
        max-width: 72rem;
        margin: 0 auto;
        padding: 1.25rem 1rem 3rem;
      }
      main:focus {
        outline: none;
      }
      @media (max-width: 40rem) {
        header {
          padding: 0.5rem;
        }
        .tools {
          margin-left: 0;
        }
        main {
          padding: 1rem 0.6rem 2rem;
        }
      }
    `,
  ];
  static override properties: PropertyDeclarations = {
    ...ConsoleElement.properties,
    fetcher: { attribute: false },
    token: { state: true },
    route: { state: true },
    chunk: { state: true },
    notice: { state: true },
  };

  /** How to reach the worker (tests give their own `fetch`). */
  declare fetcher: Fetch | undefined;
  declare token: string;
  declare route: Route;
  /** The current route's page module: loading, loaded, or failed (an older deployment's chunk, offline…). */
  declare chunk: Load<unknown>;
  declare notice: string;

  readonly #onHashChange = () => this.#navigate(true);

  constructor() {
    super();
    this.fetcher = undefined;
    this.token = readToken();
    this.route = parseRoute(location.hash);
    this.chunk = { status: "loading" };
    this.notice = "";
    document.documentElement.lang = this.language;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("hashchange", this.#onHashChange);
    if (this.token) this.#useToken(this.token);
    this.#navigate(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this.#onHashChange);
  }

  #useToken(token: string): void {
    this.token = token;
    this.api = new AdminApi({
      token,
      ...(this.fetcher && { fetch: this.fetcher }),
      onUnauthorized: () => this.#signOut(this.common.error.unauthorized),
    });
  }

  #signedIn(event: SceauSignedInEvent): void {
    saveToken(event.token);
    this.notice = "";
    this.#useToken(event.token);
    this.#navigate(true);
  }

  #signOut(notice = ""): void {
    clearToken();
    this.token = "";
    this.api = undefined;
    this.notice = notice;
  }

  /** The page's name, for the document title. */
  #title(): string {
    const { route } = this;
    if (!this.token) return this.common.appName;
    if (route.page === "order") return `${this.common.nav.orders} ${route.reference}`;
    const section = sectionOf(route);
    return section ? this.common.nav[section] : this.common.notFound;
  }

  protected override updated(): void {
    const title = this.#title();
    document.title = title === this.common.appName ? title : `${title} — ${this.common.appName}`;
  }

  async #navigate(moveFocus: boolean): Promise<void> {
    const route = parseRoute(location.hash);
    this.route = route;
    this.chunk = { status: "loading" };
    try {
      const module = await PAGES[route.page]();
      if (this.route === route) this.chunk = { status: "ready", data: module };
    } catch (error) {
      if (this.route === route) this.chunk = { status: "error", error };
      return;
    }
    if (moveFocus && this.token) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>("main")?.focus();
    }
  }

  /** The skip link is a button: an `href="#main"` would be taken for a page address by the hash routing. */
  #focusMain(): void {
    this.renderRoot.querySelector<HTMLElement>("main")?.focus();
  }

  #page() {
    if (this.chunk.status === "error") {
      return html`<div role="alert" class="message error">
        <p>${this.common.error.chunk}</p>
        <button type="button" class="secondary" @click=${() => location.reload()}>${this.common.retry}</button>
      </div>`;
    }
    return this.whenLoaded(
      this.chunk,
      () => {},
      () => this.#pageOf(this.route),
    );
  }

  #pageOf(route: Route) {
    const { api } = this;
    switch (route.page) {
      case "home":
        return html`<sceau-home-page .api=${api}></sceau-home-page>`;
      case "orders":
        return html`<sceau-orders-page .api=${api} .query=${route.query}></sceau-orders-page>`;
      case "order":
        return html`<sceau-order-page .api=${api} .reference=${route.reference}></sceau-order-page>`;
      case "new-order":
        return html`<sceau-new-order-page .api=${api} .channel=${route.channel}></sceau-new-order-page>`;
      case "catalog":
        return html`<sceau-catalog-page .api=${api}></sceau-catalog-page>`;
      case "product":
        return html`<sceau-product-page .api=${api} .sku=${route.sku}></sceau-product-page>`;
      case "notifications":
        return html`<sceau-notifications-page .api=${api} .query=${route.query}></sceau-notifications-page>`;
      case "settings":
        return html`<sceau-settings-page .api=${api}></sceau-settings-page>`;
      default:
        return html`<h1>${this.common.notFound}</h1>
          <p><a href=${href("")}>${this.common.nav.home}</a></p>`;
    }
  }

  #languageSwitch() {
    return html`<label>
      <span class="visually-hidden">${this.common.language}</span>
      <select @change=${(e: Event) => setLang((e.target as HTMLSelectElement).value as Lang)}>
        ${LANGS.map(
          (lang) =>
            html`<option value=${lang} ?selected=${lang === this.language} lang=${lang}>
              ${lang === "fr" ? "Français" : "English"}
            </option>`,
        )}
      </select>
    </label>`;
  }

  override render() {
    const t = this.common;
    const current = sectionOf(this.route);
    return html`
      <button type="button" class="skip link-button" @click=${this.#focusMain}>${t.skip}</button>
      <header>
        <span class="brand">sceau · ${t.appName}</span>
        ${
          this.token
            ? html`<nav aria-label=${t.navLabel}>
              <ul>
                ${SECTIONS.map(
                  (section) => html`<li>
                    <a
                      href=${href(section === "home" ? "" : section)}
                      aria-current=${current === section ? "page" : nothing}
                      >${t.nav[section]}</a
                    >
                  </li>`,
                )}
              </ul>
            </nav>`
            : nothing
        }
        <div class="tools">
          ${this.#languageSwitch()}
          ${
            this.token
              ? html`<button type="button" class="secondary" @click=${() => this.#signOut()}>
                ${t.signOut}
              </button>`
              : nothing
          }
        </div>
      </header>
      <main id="main" tabindex="-1">
        ${
          this.token
            ? this.#page()
            : html`<sceau-sign-in
              .notice=${this.notice}
              .fetcher=${this.fetcher}
              @sceau-signed-in=${this.#signedIn}
            ></sceau-sign-in>`
        }
      </main>
    `;
  }
}

customElements.get("sceau-console") || customElements.define("sceau-console", SceauConsole);

declare global {
  interface HTMLElementTagNameMap {
    "sceau-console": SceauConsole;
  }
}
