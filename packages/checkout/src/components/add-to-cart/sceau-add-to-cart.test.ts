import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { getCart } from "../../cart/cart-store.js";
import "../../define.js";
import { $, axeViolations, deepActiveElement, press, resetCart } from "../../testing/helpers.js";
import type { SceauAddToCart } from "./sceau-add-to-cart.js";

describe("<sceau-add-to-cart>", () => {
  beforeEach(resetCart);

  it("renders a localised button", async () => {
    const el = await fixture<SceauAddToCart>(
      html`<sceau-add-to-cart sku="MUG" lang="de"></sceau-add-to-cart>`,
    );
    expect($(el, "[part=button]").textContent?.trim()).to.equal("In den Warenkorb");
  });

  it("uses the slotted label when given", async () => {
    const el = await fixture<SceauAddToCart>(
      html`<sceau-add-to-cart sku="MUG">Buy</sceau-add-to-cart>`,
    );
    expect(el.textContent).to.equal("Buy");
  });

  it("adds the article and fires sceau-cart-change when clicked", async () => {
    const el = await fixture<SceauAddToCart>(
      html`<sceau-add-to-cart sku="MUG" quantity="2" price="1200" lang="en"></sceau-add-to-cart>`,
    );
    const event = oneEvent(el, "sceau-cart-change");
    $(el, "button").click();
    const { detail, bubbles, composed } = await event;
    expect(bubbles && composed).to.equal(true);
    expect(detail.count).to.equal(2);
    expect(getCart().items).to.deep.equal([{ sku: "MUG", quantity: 2, price: 1200 }]);
    await el.updateComplete;
    // Visible next to the button and announced (role=status), with what the cart holds now.
    const status = $(el, "[part=status]");
    expect(status.getAttribute("role")).to.equal("status");
    expect(status.textContent).to.equal("✓ Added to your cart. 2 item(s) in the cart");
    expect(getComputedStyle(status).display).not.to.equal("none");
    expect(status.getBoundingClientRect().width).to.be.greaterThan(0);
  });

  it("says it in the page's language, then clears the message once read", async () => {
    const el = await fixture<SceauAddToCart>(
      html`<sceau-add-to-cart sku="MUG" lang="fr"></sceau-add-to-cart>`,
    );
    el.add();
    await el.updateComplete;
    expect($(el, "[part=status]").textContent).to.equal(
      "✓ Ajouté au panier. 1 article(s) au panier",
    );
    expect(getComputedStyle($(el, "[part=status]")).display).not.to.equal("none");
  });

  it("adds up repeated clicks", async () => {
    const el = await fixture<SceauAddToCart>(
      html`<sceau-add-to-cart sku="MUG"></sceau-add-to-cart>`,
    );
    $(el, "button").click();
    $(el, "button").click();
    expect(getCart().quantityOf("MUG")).to.equal(2);
  });

  it("adds nothing when the sku is missing or invalid", async () => {
    const el = await fixture<SceauAddToCart>(
      html`<sceau-add-to-cart sku="bad sku!"></sceau-add-to-cart>`,
    );
    expect(el.add()).to.equal(false);
    expect(getCart().count).to.equal(0);
  });

  it("works with the keyboard alone", async () => {
    const el = await fixture<SceauAddToCart>(
      html`<sceau-add-to-cart sku="POSTER"></sceau-add-to-cart>`,
    );
    await press("Tab");
    await waitUntil(() => deepActiveElement() === $(el, "button"), "focus elsewhere");
    await press("Enter");
    await press("Space");
    expect(getCart().quantityOf("POSTER")).to.equal(2);
  });

  it("has no axe violations, before and after a click", async () => {
    const el = await fixture<SceauAddToCart>(
      html`<sceau-add-to-cart sku="MUG"></sceau-add-to-cart>`,
    );
    expect(await axeViolations(el)).to.deep.equal([]);
    el.add();
    await el.updateComplete;
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  describe("stock, with the worker's endpoint", () => {
    it("says sold out and adds nothing when none is left", async () => {
      const el = await fixture<SceauAddToCart>(
        html`<sceau-add-to-cart sku="GONE" endpoint="/mock/ok" lang="fr">Ajouter le vinyle</sceau-add-to-cart>`,
      );
      await waitUntil(() => el.soldOut, "not sold out");
      await el.updateComplete;
      const button = $(el, "[part=button]");
      expect(button.textContent?.trim()).to.equal("Épuisé");
      expect(button.getAttribute("aria-disabled")).to.equal("true");
      button.click();
      expect(el.add()).to.equal(false);
      expect(getCart().count).to.equal(0);
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it("never puts more in the cart than the stock, and says how many are left", async () => {
      const el = await fixture<SceauAddToCart>(
        html`<sceau-add-to-cart sku="LIMITED" endpoint="/mock/ok" lang="en"></sceau-add-to-cart>`,
      );
      await waitUntil(
        () => (el as unknown as { available?: number }).available === 2,
        "stock not read",
      );
      expect(el.add()).to.equal(true);
      expect(el.add()).to.equal(true);
      expect(el.add()).to.equal(false);
      await el.updateComplete;
      expect(getCart().quantityOf("LIMITED")).to.equal(2);
      expect($(el, "[part=status]").textContent).to.equal("Only 2 left in stock.");
    });

    it("adds as usual when the products cannot be read", async () => {
      const el = await fixture<SceauAddToCart>(
        html`<sceau-add-to-cart sku="MUG" endpoint="http://127.0.0.1:9"></sceau-add-to-cart>`,
      );
      await new Promise((r) => setTimeout(r, 50));
      expect(el.soldOut).to.equal(false);
      expect(el.add()).to.equal(true);
    });
  });
});
