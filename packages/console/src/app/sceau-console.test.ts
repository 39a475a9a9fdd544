import { expect, fixture, html } from "@open-wc/testing";
import { setLang } from "../i18n/lang.js";
import { settings } from "../testing/fixtures.js";
import {
  $,
  $$,
  axeViolations,
  deepActiveElement,
  fakeWorker,
  press,
  textOf,
  type,
  until,
} from "../testing/helpers.js";
import "./sceau-console.js";
import type { SceauConsole } from "./sceau-console.js";

const TOKEN = "the-right-token";

function worker() {
  return fakeWorker({
    "GET /settings": (call) =>
      call.headers.get("Authorization") === `Bearer ${TOKEN}`
        ? { json: settings() }
        : {
            status: 401,
            json: {
              error: {
                code: "ERR_UNAUTHORIZED",
                message: "A valid admin bearer token is required.",
              },
            },
          },
  });
}

async function mount(fetch = worker().fetch) {
  const el = await fixture<SceauConsole>(html`<sceau-console .fetcher=${fetch}></sceau-console>`);
  await el.updateComplete;
  return el;
}

async function signIn(el: SceauConsole, token: string) {
  const form = await until(() => el.shadowRoot?.querySelector("sceau-sign-in"), "the sign-in form");
  await form.updateComplete;
  $<HTMLInputElement>(form, "input").focus();
  await type(token);
  await press("Enter");
}

describe("sceau-console", () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    history.replaceState(null, "", "#/settings");
  });
  afterEach(() => {
    setLang("fr");
    history.replaceState(null, "", location.pathname + location.search);
  });

  it("keeps a token the worker accepts in this tab only, never in localStorage", async () => {
    const el = await mount();
    expect($$(el, "nav")).to.have.length(0);
    await signIn(el, "wrong-token");
    const signInForm = $(el, "sceau-sign-in");
    await until(() => textOf(signInForm, "[role=alert]"), "the refusal");
    expect(textOf(signInForm, "[role=alert]")).to.equal("Ce jeton est refusé par le worker.");
    expect(sessionStorage.length).to.equal(0);

    $<HTMLInputElement>(signInForm, "input").value = "";
    await signIn(el, TOKEN);
    await until(() => el.shadowRoot?.querySelector("nav"), "the navigation");
    expect(sessionStorage.getItem("sceau-console-token")).to.equal(TOKEN);
    for (let i = 0; i < localStorage.length; i++) {
      expect(localStorage.getItem(localStorage.key(i) ?? "")).not.to.include(TOKEN);
    }
    const page = await until(
      () => el.shadowRoot?.querySelector("sceau-settings-page"),
      "the settings page",
    );
    await until(() => textOf(page).includes("7654321"), "the settings");
  });

  it("forgets the token on sign-out", async () => {
    sessionStorage.setItem("sceau-console-token", TOKEN);
    const el = await mount();
    await until(() => el.shadowRoot?.querySelector("nav"), "the navigation");
    [...$$<HTMLButtonElement>(el, "button")]
      .find((b) => b.textContent?.includes("Se déconnecter"))
      ?.click();
    await until(() => el.shadowRoot?.querySelector("sceau-sign-in"), "the sign-in form");
    expect(sessionStorage.getItem("sceau-console-token")).to.equal(null);
    expect($$(el, "nav")).to.have.length(0);
  });

  it("asks to sign in again when the worker refuses a kept token", async () => {
    sessionStorage.setItem("sceau-console-token", "revoked-token");
    const el = await mount();
    const form = await until(
      () => el.shadowRoot?.querySelector("sceau-sign-in"),
      "the sign-in form",
    );
    await until(() => textOf(form, "[role=alert]"), "the notice");
    expect(textOf(form, "[role=alert]")).to.equal("Le jeton a été refusé. Reconnectez-vous.");
    expect(sessionStorage.getItem("sceau-console-token")).to.equal(null);
  });

  it("follows the address, marks the current section, titles the page and moves focus to it", async () => {
    sessionStorage.setItem("sceau-console-token", TOKEN);
    const el = await mount();
    await until(() => el.shadowRoot?.querySelector("sceau-settings-page"), "the settings page");
    expect($(el, 'nav a[aria-current="page"]').textContent).to.equal("Réglages");
    expect(document.title).to.equal("Réglages — Console marchand");
    location.hash = "#/no/such/page";
    await until(
      () => textOf(el, "main") === "Cette page n'existe pas. Accueil",
      "the not-found page",
    );
    expect($$(el, 'nav a[aria-current="page"]')).to.have.length(0);
    expect(deepActiveElement()).to.equal($(el, "main"));
  });

  it("switches to English, everywhere and in <html lang>", async () => {
    sessionStorage.setItem("sceau-console-token", TOKEN);
    const el = await mount();
    const page = await until(
      () => el.shadowRoot?.querySelector("sceau-settings-page"),
      "the settings page",
    );
    const select = $<HTMLSelectElement>(el, "header select");
    select.value = "en";
    select.dispatchEvent(new Event("change"));
    await el.updateComplete;
    await page.updateComplete;
    expect(document.documentElement.lang).to.equal("en");
    expect($(el, 'nav a[aria-current="page"]').textContent).to.equal("Settings");
    expect(textOf(page, "h1")).to.equal("Settings");
    expect(localStorage.getItem("sceau-console-lang")).to.equal("en");
  });

  it("lets the keyboard skip to the content", async () => {
    sessionStorage.setItem("sceau-console-token", TOKEN);
    const el = await mount();
    await until(() => el.shadowRoot?.querySelector("sceau-settings-page"), "the settings page");
    await press("Tab");
    expect(deepActiveElement()?.textContent).to.equal("Aller au contenu");
    await press("Enter");
    expect(deepActiveElement()).to.equal($(el, "main"));
  });

  it("has no accessibility violation signed out and signed in", async () => {
    const el = await mount();
    await until(() => el.shadowRoot?.querySelector("sceau-sign-in"), "the sign-in form");
    expect(await axeViolations(el)).to.deep.equal([]);
    await signIn(el, TOKEN);
    const page = await until(
      () => el.shadowRoot?.querySelector("sceau-settings-page"),
      "the settings page",
    );
    await until(() => textOf(page).includes("7654321"), "the settings");
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
