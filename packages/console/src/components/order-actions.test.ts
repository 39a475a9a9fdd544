import { expect, fixture, html } from "@open-wc/testing";
import type { OrderAction } from "../api/types.js";
import { setLang } from "../i18n/lang.js";
import { adminOrder } from "../testing/fixtures.js";
import {
  $,
  $$,
  axeViolations,
  deepActiveElement,
  fakeApi,
  press,
  textOf,
  type,
  until,
} from "../testing/helpers.js";
import "./order-actions.js";
import type { SceauOrderActions } from "./order-actions.js";

const OK = (lib: string) => ({
  json: {
    operation: {
      id: "op",
      kind: "capture",
      amount: 0,
      requestedAt: "",
      ok: true,
      cdr: 1,
      lib,
      httpStatus: 200,
      error: null,
      response: "",
    },
    order: adminOrder(),
  },
});

async function mount(options: {
  currency?: string;
  total?: number;
  actions: OrderAction[];
  answer?: unknown;
}) {
  const order = adminOrder({ currency: options.currency ?? "EUR", total: options.total ?? 2998 });
  const { api, calls } = fakeApi({
    [`POST /orders/${order.reference}/capture`]:
      (options.answer as never) ?? OK("paiement accepte"),
    [`POST /orders/${order.reference}/recredit`]:
      (options.answer as never) ?? OK("recredit effectue"),
    [`POST /orders/${order.reference}/cancel`]: (options.answer as never) ?? OK("commande annulee"),
  });
  const el = await fixture<SceauOrderActions>(
    html`<sceau-order-actions .api=${api} .order=${order} .actions=${options.actions}></sceau-order-actions>`,
  );
  return { el, calls, order };
}

async function fill(el: SceauOrderActions, kind: string, text: string) {
  const input = $<HTMLInputElement>(el, `form:has(button[data-action="${kind}"]) input`);
  input.focus();
  input.select();
  await type(text);
  await el.updateComplete;
}

async function ask(el: SceauOrderActions, kind: string) {
  $(el, `button[data-action="${kind}"]`).click();
  await el.updateComplete;
}

const capture = (max: number): OrderAction => ({
  kind: "capture",
  amount: max,
  max,
  partial: true,
});

describe("sceau-order-actions", () => {
  afterEach(() => setLang("fr"));

  it("prefills a JPY capture with whole yen and sends 15 when the merchant types 15", async () => {
    const { el, calls, order } = await mount({
      currency: "JPY",
      total: 1500,
      actions: [capture(1500)],
    });
    expect($<HTMLInputElement>(el, "input").value).to.equal("1500");
    await fill(el, "capture", "15");
    await ask(el, "capture");
    const dialog = $<HTMLDialogElement>(el, "dialog");
    expect(dialog.open).to.equal(true);
    expect(textOf(el, "#confirm-text")).to.match(
      /^Capturer 15\s(JPY|¥|￥).* sur la commande K7Q2M9X4B1ZA \?$/,
    );
    expect(textOf(el, "#confirm-text")).to.include("JPY");
    $(el, "button[data-confirm]").click();
    await until(() => calls.length === 1, "the capture call");
    expect(calls[0]).to.include({ method: "POST", path: `/orders/${order.reference}/capture` });
    expect(calls[0]?.body).to.deep.equal({ amount: 15 });
  });

  it("reads 12,50 as 1250 cents of EUR and states the exact amount before refunding", async () => {
    const { el, calls } = await mount({
      actions: [{ kind: "recredit", amount: 2998, max: 2998, partial: true }],
    });
    expect($<HTMLInputElement>(el, "input").value).to.equal("29,98");
    await fill(el, "recredit", "12,50");
    await ask(el, "recredit");
    expect(textOf(el, "#confirm-text")).to.equal(
      "Rembourser 12,50\u00a0€ (EUR) à l'acheteur de la commande K7Q2M9X4B1ZA ?",
    );
    $(el, "button[data-confirm]").click();
    await until(() => calls.length === 1, "the refund call");
    expect(calls[0]?.body).to.deep.equal({ amount: 1250 });
    const result = await until(
      () => el.shadowRoot?.querySelector("[role=status] #result"),
      "the result",
    );
    expect(result.textContent).to.equal(
      "La banque a accepté l'opération (Remboursement) : « recredit effectue ».",
    );
  });

  it("refuses an amount it would have to guess, or above what is left, without calling the bank", async () => {
    const { el, calls } = await mount({ actions: [capture(2998)] });
    for (const [text, error] of [
      ["12,505", "Au plus 2 décimales en EUR."],
      ["1.234,50", "Écrivez le montant en chiffres, par exemple 12,50."],
      ["30", "Au plus 29,98\u00a0€."],
      ["0", "Le montant doit être supérieur à zéro."],
    ]) {
      await fill(el, "capture", text as string);
      await ask(el, "capture");
      expect($<HTMLDialogElement>(el, "dialog").open, text).to.equal(false);
      expect(textOf(el, "#capture-error")).to.equal(error);
      const input = $<HTMLInputElement>(el, "input");
      expect(input.getAttribute("aria-invalid")).to.equal("true");
      expect(input.getAttribute("aria-describedby")).to.include("capture-error");
      expect(deepActiveElement()).to.equal(input);
    }
    expect(calls).to.have.length(0);
  });

  it("shows the bank's refusal in its own words, as an alert", async () => {
    const refusal = {
      status: 409,
      json: {
        error: {
          code: "ERR_BANK_REFUSED",
          message: "The bank answered cdr=0: commande non authentifiee",
        },
        operation: { ok: false, cdr: 0, lib: "commande non authentifiee" },
      },
    };
    const { el } = await mount({ actions: [capture(2998)], answer: refusal });
    const changed = new Promise((resolve) =>
      el.addEventListener("sceau-order-changed", resolve, { once: true }),
    );
    await ask(el, "capture");
    $(el, "button[data-confirm]").click();
    await changed;
    await el.updateComplete;
    expect(textOf(el, "[role=alert]")).to.equal(
      "La banque a refusé l'opération (Capture) : « commande non authentifiee » (cdr=0).",
    );
    expect($<HTMLDialogElement>(el, "dialog").open).to.equal(false);
  });

  it("cancels the whole remaining authorisation with no amount to type", async () => {
    const { el, calls } = await mount({
      actions: [capture(2998), { kind: "cancel", amount: 2998, max: 2998, partial: false }],
    });
    expect($$(el, 'form:has(button[data-action="cancel"]) input')).to.have.length(0);
    await ask(el, "cancel");
    expect(textOf(el, "#confirm-text")).to.equal(
      "Annuler l'autorisation restante de 29,98\u00a0€ (EUR) sur la commande K7Q2M9X4B1ZA ?",
    );
    $(el, "button[data-confirm]").click();
    await until(() => calls.length === 1, "the cancel call");
    expect(calls[0]?.path).to.match(/\/cancel$/);
    expect(calls[0]?.body).to.deep.equal({});
  });

  it("closes the confirmation with Escape and calls nothing", async () => {
    const { el, calls } = await mount({ actions: [capture(2998)] });
    await ask(el, "capture");
    const dialog = $<HTMLDialogElement>(el, "dialog");
    expect(dialog.open).to.equal(true);
    expect(deepActiveElement()?.textContent?.trim()).to.equal("Ne rien faire");
    await press("Escape");
    await until(() => !dialog.open, "the dialog to close");
    expect(calls).to.have.length(0);
  });

  it("says when nothing is possible", async () => {
    const { el } = await mount({ actions: [] });
    expect(textOf(el)).to.include("Aucune opération n'est possible sur cette commande");
    expect($$(el, "form")).to.have.length(0);
  });

  it("works in English with a decimal point", async () => {
    setLang("en");
    const { el, calls } = await mount({ actions: [capture(2998)] });
    expect($<HTMLInputElement>(el, "input").value).to.equal("29.98");
    await fill(el, "capture", "10.5");
    await ask(el, "capture");
    expect(textOf(el, "#confirm-text")).to.equal("Capture €10.50 (EUR) on order K7Q2M9X4B1ZA?");
    $(el, "button[data-confirm]").click();
    await until(() => calls.length === 1, "the capture call");
    expect(calls[0]?.body).to.deep.equal({ amount: 1050 });
  });

  it("has no accessibility violation, with the form and with the confirmation open", async () => {
    const { el } = await mount({
      actions: [capture(2998), { kind: "cancel", amount: 2998, max: 2998, partial: false }],
    });
    expect(await axeViolations(el)).to.deep.equal([]);
    await fill(el, "capture", "abc");
    await ask(el, "capture");
    expect(await axeViolations(el)).to.deep.equal([]);
    await fill(el, "capture", "5");
    await ask(el, "capture");
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
