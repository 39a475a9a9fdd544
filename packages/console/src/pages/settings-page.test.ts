import { expect, fixture, html } from "@open-wc/testing";
import { settings } from "../testing/fixtures.js";
import { $$, axeViolations, fakeApi, textOf, until } from "../testing/helpers.js";
import "./settings-page.js";
import type { SceauSettingsPage } from "./settings-page.js";

async function mount(answer = settings()) {
  const { api } = fakeApi({ "GET /settings": { json: answer } });
  const el = await fixture<SceauSettingsPage>(
    html`<sceau-settings-page .api=${api}></sceau-settings-page>`,
  );
  await until(() => el.shadowRoot?.querySelector("dl"), "the settings");
  return el;
}

describe("sceau-settings-page", () => {
  it("shows the terminal in words and the URL to give the bank", async () => {
    const el = await mount();
    const facts = Object.fromEntries(
      $$(el, "dt").map((dt) => [
        dt.textContent?.trim(),
        dt.nextElementSibling?.textContent?.trim(),
      ]),
    );
    expect(facts).to.deep.include({
      TPE: "7654321",
      "Mode de paiement": "Paiement immédiat",
      Banque: "Banque simulée (sandbox locale)",
      Environnement: "Test",
      "URL de confirmation (CGI2) à donner à la banque": "http://127.0.0.1:8787/api/retour",
      "Origines autorisées (SHOP_ORIGINS)": "http://localhost:5173, http://127.0.0.1:5173",
      "Autres pages autorisées à appeler l'API d'administration (ADMIN_ORIGINS)":
        "aucune : seule cette console",
      "Conservation des appels au sceau invalide (RETOUR_LOG_RETENTION_DAYS)": "30 jours",
    });
    expect(textOf(el, ".message.success")).to.equal("Aucun problème dans la configuration.");
    expect(textOf(el)).to.include("Cloudflare Access");
  });

  it("puts what is misconfigured first, as an alert", async () => {
    const el = await mount(
      settings({
        terminal: null,
        problems: [{ variable: "MERCHANT_KEY", message: "MERCHANT_KEY: is not a bank key." }],
        warnings: [{ variable: "BANK_ENV", message: "BANK_ENV: test — no card is charged." }],
      }),
    );
    expect(textOf(el, "[role=alert]")).to.equal(
      "À corriger Tant que ces variables sont fausses, les routes qui en dépendent répondent ERR_CONFIG_INVALID. MERCHANT_KEY: is not a bank key.",
    );
    expect(textOf(el, ".message.warning")).to.include("BANK_ENV: test");
    expect($$(el, "h2").map((h) => h.textContent)).to.not.include("Terminal");
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
