import { expect, fixture, html } from "@open-wc/testing";
import { adminOrder } from "../testing/fixtures.js";
import { $, $$, axeViolations, fakeApi, textOf, until } from "../testing/helpers.js";
import "./order-origin.js";
import type { SceauOrderOrigin } from "./order-origin.js";

const LINK = {
  channel: "link" as const,
  status: "pending",
  operator: "Claire",
  description: "Facture 2026-114",
  link: { expiresAt: "2026-12-07T09:41:00.000Z", openedAt: "2026-12-01T14:05:00.000Z" },
};
const PAY_URL = "http://127.0.0.1:8787/pay/K7Q2M9X4B1ZA?token=abc";

async function mount(overrides: Parameters<typeof adminOrder>[0], payUrl: string | null = PAY_URL) {
  const { api, calls } = fakeApi({
    "POST /orders/K7Q2M9X4B1ZA/link": {
      json: { payUrl: `${PAY_URL}2`, link: { expiresAt: "2026-12-09T00:00:00.000Z" } },
    },
    "POST /orders/K7Q2M9X4B1ZA/keyed-form": {
      json: {
        form: {
          action: "http://127.0.0.1:8788/test/paiement.cgi",
          method: "POST",
          fields: { reference: "K7Q2M9X4B1ZA", "3dsdebrayable": "1", MAC: "ab" },
        },
      },
    },
  });
  const el = await fixture<SceauOrderOrigin>(
    html`<sceau-order-origin .api=${api} .order=${adminOrder(overrides)} .payUrl=${payUrl}></sceau-order-origin>`,
  );
  return { el, calls };
}

describe("sceau-order-origin", () => {
  it("says who created the order, when, and when the buyer opened the link", async () => {
    const { el } = await mount(LINK);
    const facts = textOf(el, "#origin");
    expect(facts).to.include("CanalLien de paiement");
    expect(facts).to.include("Créée parClaire");
    expect(facts).to.include("Ce qui est payéFacture 2026-114");
    expect(facts).to.match(/Lien ouvert par l'acheteur le\s*1 déc\. 2026/);
    expect($<HTMLInputElement>(el, "#pay-url").value).to.equal(PAY_URL);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it("renews the link, and seals a form to key a card on the bank's page", async () => {
    const { el, calls } = await mount({ ...LINK, link: { ...LINK.link, openedAt: null } });
    expect(textOf(el, "#origin")).to.include("pas encore ouvert");
    const button = (label: string) =>
      $$<HTMLButtonElement>(el, "button").find((b) => b.textContent?.trim() === label);
    button("Nouveau lien")?.click();
    await until(() => $<HTMLInputElement>(el, "#pay-url").value === `${PAY_URL}2`, "the new link");
    button("Saisir une carte par téléphone")?.click();
    await until(() => el.shadowRoot?.querySelector("#bank-form"), "the bank's form");
    const form = $<HTMLFormElement>(el, "#bank-form");
    expect(form.getAttribute("action")).to.equal("http://127.0.0.1:8788/test/paiement.cgi");
    expect(Object.fromEntries(new FormData(form))).to.deep.equal({
      reference: "K7Q2M9X4B1ZA",
      "3dsdebrayable": "1",
      MAC: "ab",
    });
    expect(calls.map((c) => `${c.method} ${c.path}`)).to.deep.equal([
      "POST /orders/K7Q2M9X4B1ZA/link",
      "POST /orders/K7Q2M9X4B1ZA/keyed-form",
    ]);
  });

  it("offers nothing to pay on a paid order, and shows nothing for a shop order", async () => {
    const paid = await mount({ ...LINK, status: "paid" });
    expect($$(paid.el, "button")).to.have.length(0);
    expect($$(paid.el, "#pay-url")).to.have.length(0);
    const shop = await mount({}, null);
    expect(shop.el.shadowRoot?.children).to.have.length(0);
  });
});
