import { expect, fixture, html } from "@open-wc/testing";
import type { CreatedOrder } from "../api/types.js";
import { $, $$, axeViolations, fakeApi, textOf, until } from "../testing/helpers.js";
import "./new-order-page.js";
import type { SceauNewOrderPage } from "./new-order-page.js";

const FORM = {
  action: "http://127.0.0.1:8788/test/paiement.cgi",
  method: "POST",
  fields: {
    "3dsdebrayable": "1",
    TPE: "7654321",
    ThreeDSecureChallenge: "no_challenge_requested",
    montant: "45.00EUR",
    reference: "PH0NE0RDER01",
    "texte-libre": 'a "quoted" <value> & more',
    MAC: "0123456789abcdef0123456789abcdef01234567",
  },
};

function created(channel: "phone" | "link"): CreatedOrder {
  return {
    order: { reference: "PH0NE0RDER01", total: 4500, currency: "EUR", channel },
    payUrl: "http://127.0.0.1:8787/pay/PH0NE0RDER01?token=abc_DEF-123",
    form: FORM,
  };
}

async function mount(channel: "phone" | "link", answer = created(channel)) {
  const { api, calls } = fakeApi({
    "POST /orders": (call) =>
      (call.body as { amount: number }).amount === 666
        ? {
            status: 400,
            json: {
              error: {
                code: "ERR_BILLING_REQUIRED",
                message: "billing is required.",
                field: "billing",
              },
            },
          }
        : { status: 201, json: answer },
  });
  const el = await fixture<SceauNewOrderPage>(
    html`<sceau-new-order-page .api=${api} .channel=${channel}></sceau-new-order-page>`,
  );
  return { el, calls };
}

function setField(el: SceauNewOrderPage, name: string, value: string) {
  const field = $<HTMLInputElement>(el, `[name="${name}"]`);
  field.value = value;
  field.dispatchEvent(new InputEvent("input"));
}

async function fill(el: SceauNewOrderPage, amount = "45,00") {
  setField(el, "description", "  Facture 2026-114 ");
  setField(el, "amount", amount);
  setField(el, "operator", "Claire");
  setField(el, "addressLine1", "18 rue de l'Adresse");
  setField(el, "city", "Paris");
  setField(el, "postalCode", "75002");
  $<HTMLFormElement>(el, "form").requestSubmit();
  await el.updateComplete;
}

describe("sceau-new-order-page", () => {
  it("takes a phone order, then posts the sealed form to the bank as the worker sealed it", async () => {
    const { el, calls } = await mount("phone");
    expect(textOf(el, "h1")).to.equal("Nouvelle commande par téléphone");
    await fill(el);
    await until(() => el.shadowRoot?.querySelector("#bank-form"), "the bank's form");
    expect(calls[0]?.body).to.deep.equal({
      channel: "phone",
      amount: 4500,
      currency: "EUR",
      description: "Facture 2026-114",
      lang: "FR",
      operator: "Claire",
      billing: {
        addressLine1: "18 rue de l'Adresse",
        postalCode: "75002",
        city: "Paris",
        country: "FR",
      },
    });
    const form = $<HTMLFormElement>(el, "#bank-form");
    expect(form.getAttribute("action")).to.equal(FORM.action);
    expect(form.method).to.equal("post");
    // Exactly the sealed values, whatever they contain: the browser posts what the worker sealed.
    expect(Object.fromEntries(new FormData(form))).to.deep.equal(FORM.fields);
    expect(textOf(el, "#created")).to.equal("Commande PH0NE0RDER01 créée : 45,00\u00a0€.");
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it("creates a payment link to copy", async () => {
    const { el, calls } = await mount("link");
    expect(textOf(el, "h1")).to.equal("Nouveau lien de paiement");
    await fill(el, "12");
    await until(() => el.shadowRoot?.querySelector("#pay-url"), "the link");
    expect(calls[0]?.body).to.include({ channel: "link", amount: 1200 });
    expect($<HTMLInputElement>(el, "#pay-url").value).to.equal(created("link").payUrl);
    expect($$(el, "#bank-form")).to.have.length(0);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it("checks the text and the amount before sending, and shows the worker's refusal at its field", async () => {
    const { el, calls } = await mount("link");
    setField(el, "description", "Facture\u202e411");
    setField(el, "amount", "12,345");
    $<HTMLFormElement>(el, "form").requestSubmit();
    await el.updateComplete;
    expect($(el, '[name="description"]').getAttribute("aria-invalid")).to.equal("true");
    expect($(el, '[name="amount"]').getAttribute("aria-invalid")).to.equal("true");
    expect(calls).to.have.length(0);
    setField(el, "description", "Facture 411");
    setField(el, "amount", "6,66");
    $<HTMLFormElement>(el, "form").requestSubmit();
    await until(() => el.shadowRoot?.querySelector("#addressLine1-error"), "the worker's refusal");
    expect(textOf(el, "#addressLine1-error")).to.equal(
      "Erreur ERR_BILLING_REQUIRED : billing is required.",
    );
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
