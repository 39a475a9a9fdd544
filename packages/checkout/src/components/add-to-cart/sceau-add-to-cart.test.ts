import { expect, fixture, html, oneEvent } from "@open-wc/testing";
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
    expect($(el, "[part=status]").textContent).to.equal("2 item(s) in the cart");
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
    expect(deepActiveElement()).to.equal($(el, "button"));
    await press("Enter");
    await press("Space");
    expect(getCart().quantityOf("POSTER")).to.equal(2);
  });

  it("has no axe violations", async () => {
    const el = await fixture<SceauAddToCart>(
      html`<sceau-add-to-cart sku="MUG"></sceau-add-to-cart>`,
    );
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
