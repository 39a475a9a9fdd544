import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { getCart, STORAGE_KEY } from "../../cart/cart-store.js";
import "../../define.js";
import { messagesOf } from "../../lang/index.js";
import {
  $,
  $$,
  axeViolations,
  command,
  deepActiveElement,
  interceptSubmit,
  press,
  resetCart,
  spyFetch,
} from "../../testing/helpers.js";
import type { SceauCheckout } from "./sceau-checkout.js";

type Spy = ReturnType<typeof spyFetch>;
type Submits = ReturnType<typeof interceptSubmit>;

const settled = (el: SceauCheckout) => waitUntil(() => el.status !== "quoting", "still quoting");
const text = (el: Element, selector: string) =>
  $(el, selector).textContent?.replace(/\s+/g, " ").trim();
const nbsp = (s: string | undefined) => s?.replace(/[\u00a0\u202f]/g, " ");
const bodyOf = (spy: Spy, path: string) =>
  JSON.parse(String(spy.calls.filter((c) => c.url.endsWith(path)).at(-1)?.init?.body));
const posts = (spy: Spy, path: string) => spy.calls.filter((c) => c.url.endsWith(path)).length;

async function mount(template: ReturnType<typeof html>): Promise<SceauCheckout> {
  const el = await fixture<SceauCheckout>(template);
  await settled(el);
  await el.updateComplete;
  return el;
}

describe("<sceau-checkout>", () => {
  let spy: Spy;
  let submits: Submits;

  beforeEach(() => {
    resetCart();
    spy = spyFetch();
    submits = interceptSubmit();
  });

  afterEach(() => {
    spy.restore();
    submits.restore();
  });

  describe("rendering", () => {
    it("shows the empty cart and a disabled pay button", async () => {
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      expect(text(el, "[part=empty]")).to.equal(messagesOf("fr").empty);
      expect(text(el, "[part=button]")).to.equal("Paiement par carte bancaire");
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("true");
      expect(spy.calls).to.have.length(0);
    });

    it("shows the lines and total priced by the worker", async () => {
      getCart().add("TSHIRT", 2);
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      const lines = $$(el, "[part=line]");
      expect(lines.map((l) => l.dataset.sku)).to.deep.equal(["TSHIRT", "MUG"]);
      expect(lines[0].querySelector("[part=line-name]")?.textContent).to.equal("T-shirt « Sceau »");
      expect(nbsp(lines[0].querySelector("[part=line-unit]")?.textContent)).to.equal("25,00 €");
      expect(nbsp(lines[0].querySelector("[part=line-amount]")?.textContent)).to.equal("50,00 €");
      expect(lines[0].querySelector("[part=quantity-value]")?.textContent).to.equal("2");
      expect(nbsp(text(el, "[part=total] strong"))).to.equal("62,00 €");
      expect(bodyOf(spy, "/mock/ok/api/quote")).to.deep.equal({
        items: [
          { sku: "TSHIRT", quantity: 2 },
          { sku: "MUG", quantity: 1 },
        ],
      });
    });

    it("formats yen without decimals", async () => {
      getCart().add("MUG", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/jpy" lang="en"></sceau-checkout>`,
      );
      expect(text(el, "[part=total] strong")).to.equal("¥1,200");
    });

    it("takes the language from the nearest lang attribute", async () => {
      const wrapper = await fixture(
        html`<div lang="nl"><sceau-checkout endpoint="/mock/ok"></sceau-checkout></div>`,
      );
      const el = wrapper.querySelector("sceau-checkout") as SceauCheckout;
      await el.updateComplete;
      expect(text(el, "[part=button]")).to.equal("Betalen met kaart");
    });
  });

  describe("states", () => {
    it("announces quoting, then settles to idle", async () => {
      getCart().add("MUG", 1);
      const el = await fixture<SceauCheckout>(
        html`<sceau-checkout endpoint="/mock/slow" lang="en"></sceau-checkout>`,
      );
      expect(el.status).to.equal("quoting");
      expect(el.getAttribute("status")).to.equal("quoting");
      expect($(el, "[part=status]").getAttribute("role")).to.equal("status");
      expect(text(el, "[part=status]")).to.equal(messagesOf("en").quoting);
      expect($(el, "[part=base]").getAttribute("aria-busy")).to.equal("true");
      await settled(el);
      await el.updateComplete;
      expect(el.getAttribute("status")).to.equal("idle");
      expect(text(el, "[part=status]")).to.equal("");
    });

    it("goes through submitting and redirecting, then posts the sealed form", async () => {
      getCart().add("MUG", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/slow" lang="en"></sceau-checkout>`,
      );
      $(el, "[part=button]").click();
      await el.updateComplete;
      expect(el.status).to.equal("submitting");
      expect(text(el, "[part=status]")).to.equal(messagesOf("en").submitting);
      expect($(el, "[part=spinner]")).to.exist;
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("true");
      const redirect = await oneEvent(el, "sceau-checkout-redirect");
      expect(redirect.detail.reference).to.equal("REF000000001");
      await el.updateComplete;
      expect(el.status).to.equal("redirecting");
      expect(text(el, "[part=status]")).to.equal(messagesOf("en").redirecting);
      expect(submits.forms).to.have.length(1);
    });

    it("fires a cancelable sceau-checkout-start that stops the checkout", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok"></sceau-checkout>`);
      let started: Event | undefined;
      el.addEventListener("sceau-checkout-start", (event) => {
        started = event;
        expect(event.detail.items).to.deep.equal([{ sku: "MUG", quantity: 1 }]);
        expect(event.detail.instalments).to.equal(1);
        event.preventDefault();
      });
      const result = await el.checkout();
      expect(started?.bubbles && started.composed && started.cancelable).to.equal(true);
      expect(result).to.deep.include({
        error: { code: "ERR_CHECKOUT_CANCELLED", message: "ERR_CHECKOUT_CANCELLED" },
      });
      expect(posts(spy, "/api/checkout")).to.equal(0);
      expect(el.status).to.equal("idle");
    });

    it("does not pay a total the buyer has not seen yet", async () => {
      getCart().add("MUG", 1);
      const el = await fixture<SceauCheckout>(
        html`<sceau-checkout endpoint="/mock/slow"></sceau-checkout>`,
      );
      expect(el.status).to.equal("quoting");
      const result = await el.checkout();
      expect(result).to.deep.equal({
        error: { code: "ERR_NOT_QUOTED", message: "ERR_NOT_QUOTED" },
      });
      await settled(el);
      expect(posts(spy, "/api/checkout")).to.equal(0);
      expect(await el.checkout()).to.have.property("redirect");
    });

    it("returns to idle when the page comes back from the back/forward cache", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok"></sceau-checkout>`);
      await el.checkout();
      expect(el.status).to.equal("redirecting");
      window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
      expect(el.status).to.equal("idle");
    });
  });

  describe("the sealed form", () => {
    it("posts exactly the worker's action, method and fields, and nothing else", async () => {
      getCart().add("TSHIRT", 1);
      const responses: unknown[] = [];
      const original = window.fetch;
      window.fetch = async (input, init) => {
        const response = await original(input, init);
        if (String(input).endsWith("/api/checkout")) responses.push(await response.clone().json());
        return response;
      };
      try {
        const el = await mount(
          html`<sceau-checkout endpoint="/mock/ok" lang="it"></sceau-checkout>`,
        );
        const result = await el.checkout();
        expect(result).to.deep.equal({
          redirect: {
            reference: "REF000000001",
            action: `${location.origin}/mock/bank/paiement.cgi`,
          },
        });
        const { form } = responses[0] as {
          form: { action: string; fields: Record<string, string> };
        };
        expect(submits.forms).to.have.length(1);
        const posted = submits.forms[0];
        expect(posted.parentElement).to.equal(el); // light DOM, so it really navigates
        expect(posted.action).to.equal(form.action);
        expect(posted.method).to.equal("post");
        expect(posted.hidden).to.equal(true);
        const inputs = [...posted.elements] as HTMLInputElement[];
        expect(inputs.every((i) => i.localName === "input" && i.type === "hidden")).to.equal(true);
        expect(inputs.map((i) => [i.name, i.value])).to.deep.equal(Object.entries(form.fields));
        expect([...new FormData(posted)]).to.deep.equal(Object.entries(form.fields));
        expect(form.fields.lgue).to.equal("IT");
        expect(form.fields["texte-libre"]).to.equal('quote " ampersand & <tag> é\nline');
      } finally {
        window.fetch = original;
      }
    });

    it("cannot be submitted twice by a double click or Enter", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/slow"></sceau-checkout>`);
      const button = $(el, "[part=button]");
      button.click();
      button.click();
      button.focus();
      await press("Enter");
      const second = await el.checkout();
      expect(second).to.deep.equal({ error: { code: "ERR_BUSY", message: "ERR_BUSY" } });
      await waitUntil(() => submits.forms.length === 1, "no form posted");
      button.click();
      await new Promise((r) => setTimeout(r, 400));
      expect(posts(spy, "/api/checkout")).to.equal(1);
      expect(submits.forms).to.have.length(1);
    });

    it("refuses a form that does not POST to an http(s) URL", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok"></sceau-checkout>`);
      const original = window.fetch;
      window.fetch = async (input, init) => {
        const response = await original(input, init);
        if (!String(input).endsWith("/api/checkout")) return response;
        const body = await response.json();
        body.form.action = "javascript:alert(1)";
        return new Response(JSON.stringify(body), { status: 201 });
      };
      try {
        const result = await el.checkout();
        expect(result).to.have.nested.property("error.code", "ERR_RESPONSE_INVALID");
        expect(submits.forms).to.have.length(0);
      } finally {
        window.fetch = original;
      }
    });
  });

  describe("quantity edits", () => {
    it("increments, decrements and removes lines, and fires sceau-cart-change", async () => {
      getCart().add("TSHIRT", 1);
      getCart().add("MUG", 2);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="en"></sceau-checkout>`);
      const [tshirt] = $$(el, "[part=line]");
      const minus = tshirt.querySelectorAll<HTMLButtonElement>("[part=quantity-button]")[0];
      expect(minus?.getAttribute("aria-disabled")).to.equal("true");
      expect(minus?.getAttribute("aria-label")).to.equal("One less T-shirt « Sceau »");
      minus?.click();
      expect(getCart().quantityOf("TSHIRT")).to.equal(1);

      const change = oneEvent(el, "sceau-cart-change");
      tshirt.querySelectorAll<HTMLButtonElement>("[part=quantity-button]")[1].click();
      expect((await change).detail.count).to.equal(4);
      await settled(el);
      await el.updateComplete;
      expect(text(el, "[part=total] strong")).to.equal("€74.00");

      $$(el, "[part=line]")[1]
        .querySelectorAll<HTMLButtonElement>("[part=quantity-button]")[0]
        .click();
      expect(getCart().quantityOf("MUG")).to.equal(1);
      $$(el, "[part=remove-button]")[0].click();
      await el.updateComplete;
      expect(getCart().items.map((i) => i.sku)).to.deep.equal(["MUG"]);
      await waitUntil(
        () => deepActiveElement() === $$(el, "[part=remove-button]")[0],
        "focus not moved",
      );
      $$(el, "[part=remove-button]")[0].click();
      await el.updateComplete;
      expect(getCart().count).to.equal(0);
      await waitUntil(
        () => deepActiveElement() === $(el, "[part=empty]"),
        "focus not on the empty text",
      );
    });

    it("caps a line at 99", async () => {
      getCart().add("MUG", 99);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok"></sceau-checkout>`);
      const plus = $$(el, "[part=quantity-button]")[1];
      expect(plus.getAttribute("aria-disabled")).to.equal("true");
      plus.click();
      expect(getCart().quantityOf("MUG")).to.equal(99);
    });

    it("follows a cart changed in another tab", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="en"></sceau-checkout>`);
      const frame = document.createElement("iframe");
      frame.src = "about:blank";
      document.body.append(frame);
      try {
        const change = oneEvent(document, "sceau-cart-change");
        // A same-origin frame writing to localStorage fires a real storage event here.
        (frame.contentWindow as Window).localStorage.setItem(
          STORAGE_KEY,
          JSON.stringify({
            v: 1,
            items: [
              { sku: "MUG", quantity: 3 },
              { sku: "POSTER", quantity: 1 },
            ],
          }),
        );
        expect((await change).detail.count).to.equal(4);
        await waitUntil(() => $$(el, "[part=line]").length === 2, "not synced");
        await settled(el);
        await el.updateComplete;
        expect(text(el, "[part=total] strong")).to.equal("€45.90");
      } finally {
        frame.remove();
      }
    });

    it("discards a corrupt cart written by another tab", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok"></sceau-checkout>`);
      const newValue = '{"v":1,"items":[{"sku":"MUG","quantity":-5}]}';
      localStorage.setItem(STORAGE_KEY, newValue);
      window.dispatchEvent(new StorageEvent("storage", { key: STORAGE_KEY, newValue }));
      await el.updateComplete;
      expect(getCart().count).to.equal(0);
      expect(localStorage.getItem(STORAGE_KEY)).to.equal(null);
      expect($(el, "[part=empty]")).to.exist;
    });
  });

  describe("errors", () => {
    it("reports an unreachable worker and keeps the cart", async () => {
      getCart().add("MUG", 2);
      const el = await fixture<SceauCheckout>(
        html`<sceau-checkout endpoint="http://127.0.0.1:9" lang="en"></sceau-checkout>`,
      );
      const error = await oneEvent(el, "sceau-checkout-error");
      expect(error.detail).to.deep.equal({
        code: "ERR_NETWORK",
        message: messagesOf("en").errNetwork,
      });
      await el.updateComplete;
      expect(el.status).to.equal("error");
      expect($(el, "[part=error]").getAttribute("role")).to.equal("alert");
      expect(text(el, "[part=error]")).to.equal(messagesOf("en").errNetwork);
      expect(getCart().items).to.deep.equal([{ sku: "MUG", quantity: 2 }]);
      const again = oneEvent(el, "sceau-checkout-error");
      const result = await el.checkout(); // the pay button retries the quote, it does not pay unseen
      expect(result).to.have.nested.property("error.code", "ERR_NOT_QUOTED");
      expect((await again).detail.code).to.equal("ERR_NETWORK");
      expect(posts(spy, "/api/checkout")).to.equal(0);
    });

    it("reports an invalid quantity (4xx with a code)", async () => {
      getCart().add("MUG", 1);
      const el = await fixture<SceauCheckout>(
        html`<sceau-checkout endpoint="/mock/bad-quantity" lang="es"></sceau-checkout>`,
      );
      const error = await oneEvent(el, "sceau-checkout-error");
      expect(error.detail).to.deep.equal({
        code: "ERR_QUANTITY_INVALID",
        message: messagesOf("es").errQuantity,
      });
    });

    it("reports a price changed at checkout, re-quotes and posts nothing", async () => {
      getCart().add("MUG", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/price-changed" lang="en"></sceau-checkout>`,
      );
      const quotes = posts(spy, "/api/quote");
      const result = await el.checkout();
      expect(result).to.deep.equal({
        error: { code: "ERR_PRICE_CHANGED", message: messagesOf("en").errPrice },
      });
      expect(submits.forms).to.have.length(0);
      expect(getCart().count).to.equal(1);
      await waitUntil(() => posts(spy, "/api/quote") > quotes, "no new quote");
      await el.updateComplete;
      expect(el.status).to.equal("error");
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("false");
    });

    it("refuses an order whose total differs from the quote shown", async () => {
      getCart().add("MUG", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/total-differs"></sceau-checkout>`,
      );
      const result = await el.checkout();
      expect(result).to.have.nested.property("error.code", "ERR_PRICE_CHANGED");
      expect(submits.forms).to.have.length(0);
    });

    it("notices a price that changed since the page was built", async () => {
      getCart().add("MUG", 1, 1200);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/repriced" lang="en"></sceau-checkout>`,
      );
      expect(text(el, "[part=status]")).to.equal(messagesOf("en").errPrice);
      expect(text(el, "[part=total] strong")).to.equal("€13.00");
    });

    it("reports a server failure without a JSON body", async () => {
      getCart().add("MUG", 1);
      const el = await fixture<SceauCheckout>(
        html`<sceau-checkout endpoint="/mock/server-error" lang="nl"></sceau-checkout>`,
      );
      const error = await oneEvent(el, "sceau-checkout-error");
      expect(error.detail).to.deep.equal({
        code: "ERR_SERVER",
        message: messagesOf("nl").errGeneric,
      });
    });
  });

  describe("options", () => {
    it("offers instalments with their dated schedule", async () => {
      getCart().add("TSHIRT", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/ok" instalments="3" lang="fr"></sceau-checkout>`,
      );
      const radios = $$<HTMLInputElement>(el, "[part=instalments] input");
      expect(radios.map((r) => r.value)).to.deep.equal(["1", "3"]);
      expect(radios[0].checked).to.equal(true);
      radios[1].click();
      await settled(el);
      await el.updateComplete;
      expect(bodyOf(spy, "/api/quote").instalments).to.equal(3);
      const entries = $$(el, "[part=schedule] li");
      expect(entries).to.have.length(3);
      expect(entries[0].querySelector("time")?.getAttribute("datetime")).to.equal("2026-11-26");
      expect(entries[0].querySelector("time")?.textContent).to.equal("26 novembre 2026");
      await el.checkout();
      expect(bodyOf(spy, "/api/checkout").instalments).to.equal(3);
    });

    it("offers only the instalments the worker allows, and falls back to one payment", async () => {
      getCart().add("TSHIRT", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/split-limited" instalments="2 3 4" lang="fr"></sceau-checkout>`,
      );
      const values = () => $$<HTMLInputElement>(el, "[part=instalments] input").map((r) => r.value);
      expect(values()).to.deep.equal(["1", "2"]);
      // A choice the worker refuses (the page offered it before the quote arrived) goes back to one payment.
      el.instalments = "3";
      await el.updateComplete;
      (el as unknown as { split: number }).split = 3;
      getCart().add("MUG", 1);
      await settled(el);
      await el.updateComplete;
      expect(el.status).to.equal("idle");
      expect(bodyOf(spy, "/api/quote").instalments).to.equal(undefined);
    });

    it("takes the worker's count on a terminal that splits every payment, and offers no single payment", async () => {
      getCart().add("TSHIRT", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/split-only" instalments="2 3 4" lang="fr"></sceau-checkout>`,
      );
      const radios = $$<HTMLInputElement>(el, "[part=instalments] input");
      expect(radios.map((r) => [r.value, r.checked])).to.deep.equal([
        ["2", false],
        ["3", true],
        ["4", false],
      ]);
      expect($$(el, "[part=schedule] li")).to.have.length(3);
      await el.checkout();
      expect(bodyOf(spy, "/api/checkout").instalments).to.equal(3);
    });

    it("says what a subscription takes after the first payment, monthly or every n months", async () => {
      getCart().add("POSTER", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/subscription" lang="fr"></sceau-checkout>`,
      );
      expect(nbsp(text(el, "[part=subscription]"))).to.equal("Puis 9,90 € par mois");
      getCart().add("MUG", 1);
      el.lang = "en";
      await settled(el);
      await el.updateComplete;
      expect(nbsp(text(el, "[part=subscription]"))).to.equal("Then €21.90 every 3 months");
    });

    it("requires the e-mail and the terms before paying, then sends the e-mail", async () => {
      getCart().add("MUG", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/ok" email terms-url="/cgv/" lang="fr"></sceau-checkout>`,
      );
      expect($(el, "[part=terms-link]").getAttribute("href")).to.equal("/cgv/");
      const first = await el.checkout();
      expect(first).to.have.nested.property("error.code", "ERR_FIELD_INVALID");
      expect(posts(spy, "/api/checkout")).to.equal(0);
      $<HTMLInputElement>(el, "input[name=email]").value = "buyer@example.com";
      $<HTMLInputElement>(el, "input[name=terms]").checked = true;
      expect(await el.checkout()).to.have.property("redirect");
      expect(bodyOf(spy, "/api/checkout")).to.deep.equal({
        items: [{ sku: "MUG", quantity: 1 }],
        lang: "FR",
        email: "buyer@example.com",
      });
    });

    it("sends the billing address for 3-D Secure v2", async () => {
      getCart().add("MUG", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/ok" billing lang="en"></sceau-checkout>`,
      );
      $<HTMLInputElement>(el, "input[name=addressLine1]").value = "1 rue de la Paix";
      $<HTMLInputElement>(el, "input[name=postalCode]").value = "75002";
      $<HTMLInputElement>(el, "input[name=city]").value = "Paris";
      expect(
        $<HTMLSelectElement>(el, "select[name=country]").selectedOptions[0].textContent,
      ).to.equal("France");
      await el.checkout();
      expect(bodyOf(spy, "/api/checkout").billing).to.deep.equal({
        addressLine1: "1 rue de la Paix",
        postalCode: "75002",
        city: "Paris",
        country: "FR",
      });
    });
  });

  describe("keyboard and accessibility", () => {
    it("can be operated with the keyboard alone", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="en"></sceau-checkout>`);
      await press("Tab"); // −
      await press("Tab"); // +
      expect(deepActiveElement()).to.equal($$(el, "[part=quantity-button]")[1]);
      await press("Enter");
      expect(getCart().quantityOf("MUG")).to.equal(2);
      await press("Tab"); // remove
      await press("Tab"); // pay
      expect(deepActiveElement()).to.equal($(el, "[part=button]"));
      await settled(el);
      await press("Enter");
      await waitUntil(() => submits.forms.length === 1, "not submitted");
      expect(bodyOf(spy, "/api/checkout").items).to.deep.equal([{ sku: "MUG", quantity: 2 }]);
    });

    it("has no axe violations with lines, fields and instalments", async () => {
      getCart().add("TSHIRT", 2);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/ok" email billing terms-url="/cgv/" instalments="2 3 4"></sceau-checkout>`,
      );
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it("has no axe violations in the error state", async () => {
      getCart().add("GONE", 1);
      const el = await fixture<SceauCheckout>(
        html`<sceau-checkout endpoint="/mock/ok"></sceau-checkout>`,
      );
      await oneEvent(el, "sceau-checkout-error");
      await el.updateComplete;
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it("fits a 320 px phone without horizontal scrolling", async () => {
      getCart().add("TSHIRT", 12);
      getCart().add("POSTER", 1);
      await command("set-viewport", { width: 320, height: 640 });
      try {
        const el = await mount(
          html`<sceau-checkout endpoint="/mock/ok" email billing terms-url="/cgv/" instalments="2 3 4" lang="de"></sceau-checkout>`,
        );
        expect(el.getBoundingClientRect().width).to.be.at.most(320);
        const base = $(el, "[part=base]");
        expect(base.scrollWidth).to.be.at.most(base.clientWidth);
        expect(document.documentElement.scrollWidth).to.be.at.most(320);
      } finally {
        await command("set-viewport", { width: 800, height: 600 });
      }
    });

    it("stops animating with reduced motion and follows the page into dark mode", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/slow"></sceau-checkout>`);
      const light = getComputedStyle($(el, "[part=button]")).backgroundColor;
      await command("emulate-media", { colorScheme: "dark", reducedMotion: "reduce" });
      const light2 = getComputedStyle($(el, "[part=button]")).backgroundColor;
      expect(light2).to.equal(light); // a page that does not declare dark support stays light
      document.documentElement.style.colorScheme = "light dark";
      try {
        expect(getComputedStyle($(el, "[part=button]")).backgroundColor).not.to.equal(light);
        $(el, "[part=button]").click();
        await el.updateComplete;
        expect(getComputedStyle($(el, "[part=spinner]")).animationName).to.equal("none");
        expect(await axeViolations(el)).to.deep.equal([]);
      } finally {
        document.documentElement.style.colorScheme = "";
        await command("emulate-media", { colorScheme: "light", reducedMotion: "no-preference" });
      }
    });
  });
});
