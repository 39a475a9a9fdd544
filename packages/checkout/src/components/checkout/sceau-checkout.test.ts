import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { getCart, STORAGE_KEY } from "../../cart/cart-store.js";
import "../../define.js";
import {
  bodyOf,
  mount,
  nbsp,
  posts,
  settled,
  text,
  useMockedWorker,
} from "../../testing/checkout.js";
import {
  $,
  $$,
  axeViolations,
  command,
  deepActiveElement,
  fillBuyer,
  has,
  press,
  setField,
} from "../../testing/helpers.js";
import type { SceauCheckout } from "./sceau-checkout.js";

const rows = (el: Element) =>
  $$(el, "[part=totals] p").map((p) => [
    p.getAttribute("part"),
    nbsp(p.textContent?.replace(/\s+/g, " ").trim()),
  ]);

describe("<sceau-checkout>", () => {
  const worker = useMockedWorker();

  describe("rendering", () => {
    it("shows an empty cart with a way back to the shop, and asks nothing", async () => {
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/ok" shop-url="/boutique/" lang="fr"></sceau-checkout>`,
      );
      expect(text(el, "[part=empty]")).to.equal("Votre panier est vide.");
      expect(text(el, "[part=back-to-shop]")).to.equal("Continuer mes achats");
      expect($(el, "[part=back-to-shop]").getAttribute("href")).to.equal("/boutique/");
      expect(has(el, "[part=button]")).to.equal(false);
      expect(worker.spy.calls).to.have.length(0);
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it("shows the lines, shipping, total and VAT priced by the worker, and the amount on the pay button", async () => {
      getCart().add("TSHIRT", 2);
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      const lines = $$(el, "[part=line]");
      expect(lines.map((l) => l.dataset.sku)).to.deep.equal(["TSHIRT", "MUG"]);
      expect(lines[0].querySelector("[part=line-name]")?.textContent).to.equal("T-shirt « Sceau »");
      expect(nbsp(lines[0].querySelector("[part=line-unit]")?.textContent)).to.equal("25,00 €");
      expect(nbsp(lines[0].querySelector("[part=line-amount]")?.textContent)).to.equal("50,00 €");
      expect(lines[0].querySelector("[part=quantity-value]")?.textContent).to.equal("2");
      expect(rows(el)).to.deep.equal([
        ["subtotal", "Sous-total 62,00 €"],
        ["shipping", "Livraison (Colissimo) 4,90 €"],
        ["total", "Total 66,90 €"],
        ["vat", "dont TVA 20 % 11,15 €"],
      ]);
      expect(nbsp(text(el, "[part=button]"))).to.equal("Payer 66,90 €");
      expect(bodyOf(worker.spy, "/mock/ok/api/quote")).to.deep.equal({
        items: [
          { sku: "TSHIRT", quantity: 2 },
          { sku: "MUG", quantity: 1 },
        ],
        shipping: { country: "FR" },
      });
    });

    it("lists the VAT of each rate, and shows free shipping as such", async () => {
      getCart().add("TSHIRT", 4);
      getCart().add("EBOOK", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="en"></sceau-checkout>`);
      expect(rows(el)).to.deep.equal([
        ["subtotal", "Subtotal €108.00"],
        ["shipping", "Delivery (Colissimo) Free"],
        ["total", "Total €108.00"],
        ["vat", "incl. VAT 20% €16.67"],
        ["vat", "incl. VAT 5.5% €0.42"],
      ]);
    });

    it("formats yen without decimals", async () => {
      getCart().add("EBOOK", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/jpy" lang="en"></sceau-checkout>`,
      );
      expect(text(el, "[part=total] strong")).to.equal("¥800");
    });

    it("takes the language from the nearest lang attribute", async () => {
      getCart().add("EBOOK", 1);
      const wrapper = await fixture(
        html`<div lang="nl"><sceau-checkout endpoint="/mock/ok"></sceau-checkout></div>`,
      );
      const el = wrapper.querySelector("sceau-checkout") as SceauCheckout;
      await settled(el);
      await el.updateComplete;
      expect(nbsp(text(el, "[part=button]"))).to.equal("€ 8,00 betalen");
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
      expect(text(el, "[part=status]")).to.equal("Calculating…");
      expect($(el, "[part=base]").getAttribute("aria-busy")).to.equal("true");
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("true");
      await settled(el);
      await el.updateComplete;
      expect(el.getAttribute("status")).to.equal("idle");
      expect(text(el, "[part=status]")).to.equal("");
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("false");
    });

    it("goes through submitting and redirecting, then posts the sealed form", async () => {
      getCart().add("EBOOK", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/slow" lang="en"></sceau-checkout>`,
      );
      fillBuyer(el);
      $(el, "[part=button]").click();
      await waitUntil(() => el.status === "submitting", "not submitting");
      await el.updateComplete;
      expect(text(el, "[part=status]")).to.equal("Creating the order…");
      expect(has(el, "[part=spinner]")).to.equal(true);
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("true");
      const redirect = await oneEvent(el, "sceau-checkout-redirect");
      expect(redirect.detail.reference).to.equal("REF000000001");
      await el.updateComplete;
      expect(el.status).to.equal("redirecting");
      expect(text(el, "[part=status]")).to.equal("Going to the bank…");
      expect(worker.submits.forms).to.have.length(1);
    });

    it("fires a cancelable sceau-checkout-start that stops the checkout", async () => {
      getCart().add("EBOOK", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/v3"></sceau-checkout>`);
      let started: Event | undefined;
      el.addEventListener("sceau-checkout-start", (event) => {
        started = event;
        expect(event.detail.items).to.deep.equal([{ sku: "EBOOK", quantity: 1 }]);
        expect(event.detail.instalments).to.equal(1);
        event.preventDefault();
      });
      const result = await el.checkout();
      expect(started?.bubbles && started.composed && started.cancelable).to.equal(true);
      expect(result).to.deep.include({
        error: { code: "ERR_CHECKOUT_CANCELLED", message: "ERR_CHECKOUT_CANCELLED" },
      });
      expect(posts(worker.spy, "/api/checkout")).to.equal(0);
      expect(el.status).to.equal("idle");
    });

    it("does not pay a total the buyer has not seen yet", async () => {
      getCart().add("EBOOK", 1);
      const el = await fixture<SceauCheckout>(
        html`<sceau-checkout endpoint="/mock/slow"></sceau-checkout>`,
      );
      expect(el.status).to.equal("quoting");
      const result = await el.checkout();
      expect(result).to.deep.equal({
        error: { code: "ERR_NOT_QUOTED", message: "ERR_NOT_QUOTED" },
      });
      await settled(el);
      expect(posts(worker.spy, "/api/checkout")).to.equal(0);
      fillBuyer(el);
      expect(await el.checkout()).to.have.property("redirect");
    });

    it("returns to idle when the page comes back from the back/forward cache", async () => {
      getCart().add("EBOOK", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/v3"></sceau-checkout>`);
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
        fillBuyer(el);
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
        expect(worker.submits.forms).to.have.length(1);
        const posted = worker.submits.forms[0];
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
      getCart().add("EBOOK", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/slow"></sceau-checkout>`);
      fillBuyer(el);
      const button = $(el, "[part=button]");
      button.click();
      button.click();
      button.focus();
      await press("Enter");
      const second = await el.checkout();
      expect(second).to.deep.equal({ error: { code: "ERR_BUSY", message: "ERR_BUSY" } });
      await waitUntil(() => worker.submits.forms.length === 1, "no form posted");
      button.click();
      await new Promise((r) => setTimeout(r, 400));
      expect(posts(worker.spy, "/api/checkout")).to.equal(1);
      expect(worker.submits.forms).to.have.length(1);
    });

    it("refuses a form that does not POST to an http(s) URL", async () => {
      getCart().add("EBOOK", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/v3"></sceau-checkout>`);
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
        expect(worker.submits.forms).to.have.length(0);
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
      expect(text(el, "[part=total] strong")).to.equal("€78.90");

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

    it("caps a line at 99, and at the stock the worker reports", async () => {
      getCart().add("MUG", 99);
      getCart().add("LIMITED", 2);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok"></sceau-checkout>`);
      for (const line of $$(el, "[part=line]")) {
        const plus = line.querySelectorAll<HTMLButtonElement>("[part=quantity-button]")[1];
        expect(plus.getAttribute("aria-disabled"), line.dataset.sku).to.equal("true");
        plus.click();
      }
      expect(getCart().quantityOf("MUG")).to.equal(99);
      expect(getCart().quantityOf("LIMITED")).to.equal(2);
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
        expect(text(el, "[part=total] strong")).to.equal("€50.80");
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
      expect(has(el, "[part=empty]")).to.equal(true);
    });
  });

  describe("payment modes", () => {
    it("takes the worker's count on a terminal that splits every payment, and offers no single payment", async () => {
      getCart().add("TSHIRT", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/split-only" instalments="2 3 4" lang="fr"></sceau-checkout>`,
      );
      await settled(el);
      await el.updateComplete;
      const radios = $$<HTMLInputElement>(el, "[part=instalments] input");
      expect(radios.map((r) => [r.value, r.checked])).to.deep.equal([
        ["2", false],
        ["3", true],
        ["4", false],
      ]);
      expect($$(el, "[part=schedule] li")).to.have.length(3);
      fillBuyer(el);
      await el.checkout();
      expect(bodyOf(worker.spy, "/api/checkout").instalments).to.equal(3);
    });

    it("says what a subscription takes after the first payment, monthly or every n months", async () => {
      getCart().add("POSTER", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/subscription" lang="fr"></sceau-checkout>`,
      );
      // 9,90 € and its delivery (4,90 €) renew together.
      expect(nbsp(text(el, "[part=subscription]"))).to.equal("Puis 14,80 € par mois");
      getCart().add("MUG", 1);
      el.lang = "en";
      await settled(el);
      await el.updateComplete;
      expect(nbsp(text(el, "[part=subscription]"))).to.equal("Then €26.80 every 3 months");
    });
  });

  describe("languages", () => {
    const cases = [
      ["fr", "Payer 8,00 €", "FR"],
      ["en", "Pay €8.00", "EN"],
      ["de", "8,00 € bezahlen", "DE"],
      ["it", "Paga 8,00 €", "IT"],
      ["es", "Pagar 8,00 €", "ES"],
      ["nl", "€ 8,00 betalen", "NL"],
    ] as const;
    for (const [lang, pay, bank] of cases) {
      it(`speaks ${lang} and asks the bank for ${bank}`, async () => {
        getCart().add("EBOOK", 1);
        const el = await mount(
          html`<sceau-checkout endpoint="/mock/v3" lang=${lang}></sceau-checkout>`,
        );
        expect(nbsp(text(el, "[part=button]"))).to.equal(pay);
        await el.checkout();
        expect(bodyOf(worker.spy, "/api/checkout").lang).to.equal(bank);
      });
    }
  });

  describe("keyboard and accessibility", () => {
    it("can be operated with the keyboard alone", async () => {
      getCart().add("EBOOK", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/v3" lang="en"></sceau-checkout>`);
      await press("Tab"); // −
      await press("Tab"); // +
      await waitUntil(
        () => deepActiveElement() === $$(el, "[part=quantity-button]")[1],
        "focus elsewhere",
      );
      await press("Enter");
      expect(getCart().quantityOf("EBOOK")).to.equal(2);
      await press("Tab"); // remove
      await press("Tab"); // promo code
      await press("Tab"); // apply
      await press("Tab"); // pay
      await waitUntil(() => deepActiveElement() === $(el, "[part=button]"), "focus elsewhere");
      await settled(el);
      await press("Enter");
      await waitUntil(() => worker.submits.forms.length === 1, "not submitted");
      expect(bodyOf(worker.spy, "/api/checkout").items).to.deep.equal([
        { sku: "EBOOK", quantity: 2 },
      ]);
    });

    it("has no axe violations with lines, fields, shipping, a promo code and instalments", async () => {
      getCart().add("TSHIRT", 2);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/split" email terms-url="/cgv/" instalments="2 3 4"></sceau-checkout>`,
      );
      setField(el, "sameAsBilling", false);
      setField(el, "promoCode", "BIENVENUE10");
      $<HTMLFormElement>(el, "form[part=promo]").requestSubmit();
      await settled(el);
      await el.updateComplete;
      expect(has(el, "[part=discount]")).to.equal(true);
      expect(has(el, "[part=instalments]")).to.equal(true);
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it("fits a 320 px phone without horizontal scrolling", async () => {
      getCart().add("TSHIRT", 12);
      getCart().add("POSTER", 1);
      await command("set-viewport", { width: 320, height: 640 });
      try {
        const el = await mount(
          html`<sceau-checkout endpoint="/mock/split" email terms-url="/cgv/" lang="de"></sceau-checkout>`,
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
      getCart().add("EBOOK", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/slow"></sceau-checkout>`);
      fillBuyer(el);
      const light = getComputedStyle($(el, "[part=button]")).backgroundColor;
      await command("emulate-media", { colorScheme: "dark", reducedMotion: "reduce" });
      const light2 = getComputedStyle($(el, "[part=button]")).backgroundColor;
      expect(light2).to.equal(light); // a page that does not declare dark support stays light
      document.documentElement.style.colorScheme = "light dark";
      try {
        expect(getComputedStyle($(el, "[part=button]")).backgroundColor).not.to.equal(light);
        $(el, "[part=button]").click();
        await waitUntil(() => el.status === "submitting", "not submitting");
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
