import { expect } from "@open-wc/testing";
import { CheckoutError } from "../errors.js";
import { interceptSubmit } from "../testing/helpers.js";
import { submitSealedForm } from "./sealed-form.js";

describe("submitSealedForm", () => {
  let submits: ReturnType<typeof interceptSubmit>;
  let host: HTMLElement;
  beforeEach(() => {
    submits = interceptSubmit();
    host = document.createElement("div");
    document.body.append(host);
  });
  afterEach(() => {
    submits.restore();
    host.remove();
  });

  it("posts exactly the given hidden fields, in order, from the light DOM", () => {
    const fields = { TPE: "1234567", "texte-libre": '"<b>&é', MAC: "ab", empty: "" };
    const form = submitSealedForm(host, {
      action: "https://bank.example/paiement.cgi",
      method: "POST",
      fields,
    });
    expect(submits.forms).to.deep.equal([form]);
    expect(form.parentElement).to.equal(host);
    expect(form.action).to.equal("https://bank.example/paiement.cgi");
    expect(form.method).to.equal("post");
    expect(form.querySelectorAll("*")).to.have.length(4);
    expect([...new FormData(form)]).to.deep.equal(Object.entries(fields));
  });

  for (const [label, action, method] of [
    ["a javascript: URL", "javascript:alert(1)", "POST"],
    ["a data: URL", "data:text/html,x", "POST"],
    ["GET", "https://bank.example/", "GET"],
  ] as const) {
    it(`refuses ${label}`, () => {
      expect(() => submitSealedForm(host, { action, method, fields: {} })).to.throw(CheckoutError);
      expect(submits.forms).to.have.length(0);
      expect(host.children).to.have.length(0);
    });
  }
});
