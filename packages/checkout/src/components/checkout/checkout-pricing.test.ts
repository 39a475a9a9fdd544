/**
 * The choices <sceau-checkout> offers, each priced by the worker: shipping method and destination, promo code,
 * instalments (only those the worker answers).
 */
import { expect, html, waitUntil } from "@open-wc/testing";
import { getCart } from "../../cart/cart-store.js";
import "../../define.js";
import { bodyOf, mount, nbsp, settled, text, useMockedWorker } from "../../testing/checkout.js";
import {
  $,
  $$,
  axeViolations,
  fillBuyer,
  has,
  press,
  resetCart,
  setField,
} from "../../testing/helpers.js";
import type { SceauCheckout } from "./sceau-checkout.js";

async function applyPromo(el: SceauCheckout, code: string): Promise<void> {
  setField(el, "promoCode", code);
  $<HTMLFormElement>(el, "form[part=promo]").requestSubmit();
  await settled(el);
  await el.updateComplete;
}

describe("<sceau-checkout> pricing choices", () => {
  const worker = useMockedWorker();

  describe("shipping", () => {
    it("offers the destination's methods, quotes the chosen one and sends it", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      const choices = $$(el, "[part=shipping-methods] [part=choice]");
      expect(choices.map((c) => nbsp(c.textContent?.replace(/\s+/g, " ").trim()))).to.deep.equal([
        "Colissimo 4,90 €",
        "Express 24 h 9,90 €",
      ]);
      expect($<HTMLInputElement>(el, "input[value=colissimo]").checked).to.equal(true);
      $<HTMLInputElement>(el, "input[value=express]").click();
      await settled(el);
      await el.updateComplete;
      expect(bodyOf(worker.spy, "/api/quote").shippingMethod).to.equal("express");
      expect(nbsp(text(el, "[part=shipping]"))).to.equal("Livraison (Express 24 h) 9,90 €");
      expect(nbsp(text(el, "[part=total] strong"))).to.equal("21,90 €");
      fillBuyer(el);
      expect(await el.checkout()).to.have.property("redirect");
      expect(bodyOf(worker.spy, "/api/checkout").shippingMethod).to.equal("express");
    });

    it("prices the country the parcel goes to: the billing one, or the delivery one when separate", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="en"></sceau-checkout>`);
      setField(el, "country", "BE");
      await settled(el);
      await el.updateComplete;
      expect(bodyOf(worker.spy, "/api/quote").shipping).to.deep.equal({ country: "BE" });
      expect(nbsp(text(el, "[part=shipping]"))).to.equal("Delivery (Colissimo Europe) €12.90");
      expect(has(el, "[part=shipping-methods]")).to.equal(false); // no choice
      setField(el, "sameAsBilling", false);
      await settled(el);
      await el.updateComplete;
      expect(bodyOf(worker.spy, "/api/quote").shipping).to.deep.equal({ country: "FR" });
      setField(el, "shipping-country", "DE");
      await settled(el);
      expect(bodyOf(worker.spy, "/api/quote").shipping).to.deep.equal({ country: "DE" });
    });

    it("says when the shop does not deliver to a country, and waits for another", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      setField(el, "country", "US");
      await settled(el);
      await el.updateComplete;
      expect(text(el, "[part=error]")).to.equal("Nous ne livrons pas dans ce pays.");
      expect($(el, "[name=country]").getAttribute("aria-invalid")).to.equal("true");
      expect(text(el, "#e-country")).to.equal("Nous ne livrons pas dans ce pays.");
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("true");
      expect(await axeViolations(el)).to.deep.equal([]);
      setField(el, "country", "FR");
      await settled(el);
      await el.updateComplete;
      expect(el.status).to.equal("idle");
      expect($(el, "[name=country]").getAttribute("aria-invalid")).to.equal("false");
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("false");
    });
  });

  describe("promo codes", () => {
    it("applies a code, shows what it takes off, sends it, and can remove it", async () => {
      getCart().add("TSHIRT", 2);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      await applyPromo(el, "bienvenue10");
      expect(bodyOf(worker.spy, "/api/quote").promoCode).to.equal("BIENVENUE10");
      expect(nbsp(text(el, "[part=discount]"))).to.equal("Code BIENVENUE10 −5,00 €");
      expect(nbsp(text(el, "[part=total] strong"))).to.equal("49,90 €");
      const remove = $(el, "[part=remove-promo]");
      expect(remove.getAttribute("aria-label")).to.equal("Retirer le code BIENVENUE10");
      remove.click();
      await settled(el);
      await el.updateComplete;
      expect(bodyOf(worker.spy, "/api/quote").promoCode).to.equal(undefined);
      expect(has(el, "[part=discount]")).to.equal(false);
      expect(nbsp(text(el, "[part=total] strong"))).to.equal("54,90 €");
      await applyPromo(el, "BIENVENUE10");
      fillBuyer(el);
      expect(await el.checkout()).to.have.property("redirect");
      expect(bodyOf(worker.spy, "/api/checkout").promoCode).to.equal("BIENVENUE10");
    });

    const refusals = [
      ["INCONNU", "Ce code promo n’existe pas.", "This promo code does not exist."],
      ["EXPIRE", "Ce code promo a expiré.", "This promo code has expired."],
      ["FUTUR", "Ce code promo n’est pas encore valable.", "This promo code is not valid yet."],
      ["EPUISE", "Ce code promo n’est plus disponible.", "This promo code is no longer available."],
      [
        "MIN50",
        "Ce code promo demande un panier d’au moins 50,00 €.",
        "This promo code needs a cart of at least €50.00.",
      ],
    ] as const;
    for (const [code, fr, en] of refusals) {
      it(`says why ${code} is refused by the field, and quotes again without it`, async () => {
        for (const [lang, reason] of [
          ["fr", fr],
          ["en", en],
        ] as const) {
          resetCart();
          getCart().add("MUG", 1);
          const el = await mount(
            html`<sceau-checkout endpoint="/mock/ok" lang=${lang}></sceau-checkout>`,
          );
          await applyPromo(el, code);
          expect(nbsp(text(el, "#e-promoCode")), lang).to.equal(reason);
          expect($(el, "[name=promoCode]").getAttribute("aria-invalid")).to.equal("true");
          expect(bodyOf(worker.spy, "/api/quote").promoCode).to.equal(undefined);
          expect(el.status).to.equal("idle");
          expect(has(el, "[part=discount]")).to.equal(false);
          expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("false");
          expect(await axeViolations(el)).to.deep.equal([]);
        }
      });
    }

    it("applies the code with Enter in its field, without paying", async () => {
      getCart().add("TSHIRT", 2);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok"></sceau-checkout>`);
      setField(el, "promoCode", "FIXE5");
      $(el, "[name=promoCode]").focus();
      await press("Enter");
      await waitUntil(() => bodyOf(worker.spy, "/api/quote").promoCode === "FIXE5", "not applied");
      await settled(el);
      expect(worker.spy.calls.filter((c) => c.url.endsWith("/api/checkout"))).to.have.length(0);
    });
  });

  describe("instalments", () => {
    it("offers only what the worker answers, never what the attribute alone asks", async () => {
      getCart().add("TSHIRT", 1);
      const counts = (el: Element) =>
        $$<HTMLInputElement>(el, "[part=instalments] input").map((r) => r.value);
      const none = await mount(
        html`<sceau-checkout endpoint="/mock/ok" instalments="2 3 4"></sceau-checkout>`,
      );
      expect(has(none, "[part=instalments]")).to.equal(false);
      const all = await mount(html`<sceau-checkout endpoint="/mock/split"></sceau-checkout>`);
      expect(counts(all)).to.deep.equal(["1", "2", "3", "4"]);
      const some = await mount(
        html`<sceau-checkout endpoint="/mock/split" instalments="3"></sceau-checkout>`,
      );
      expect(counts(some)).to.deep.equal(["1", "3"]);
      const limited = await mount(
        html`<sceau-checkout endpoint="/mock/split-limited" instalments="2 3 4"></sceau-checkout>`,
      );
      expect(counts(limited)).to.deep.equal(["1", "2"]);
    });

    it("shows the dated schedule, the amount on the button, and sends the count", async () => {
      getCart().add("TSHIRT", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/split" lang="fr"></sceau-checkout>`,
      );
      const radios = $$<HTMLInputElement>(el, "[part=instalments] input");
      expect(radios[0].checked).to.equal(true);
      radios[2].click();
      await settled(el);
      await el.updateComplete;
      expect(bodyOf(worker.spy, "/api/quote").instalments).to.equal(3);
      const entries = $$(el, "[part=schedule] li");
      expect(entries).to.have.length(3);
      expect(entries[0].querySelector("time")?.getAttribute("datetime")).to.equal("2026-11-26");
      expect(entries[0].querySelector("time")?.textContent).to.equal("26 novembre 2026");
      expect(nbsp(text(el, "[part=button]"))).to.equal("Payer 29,90 € en 3 fois");
      fillBuyer(el);
      await el.checkout();
      expect(bodyOf(worker.spy, "/api/checkout").instalments).to.equal(3);
    });

    it("falls back to one payment when the worker no longer allows the count chosen", async () => {
      getCart().add("TSHIRT", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/split-limited"></sceau-checkout>`,
      );
      (el as unknown as { split: number }).split = 3;
      getCart().add("MUG", 1);
      await settled(el);
      await el.updateComplete;
      expect(el.status).to.equal("idle");
      expect(bodyOf(worker.spy, "/api/quote").instalments).to.equal(undefined);
    });
  });
});
