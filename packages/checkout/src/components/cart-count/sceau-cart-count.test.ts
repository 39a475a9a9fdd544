import { expect, fixture, html } from "@open-wc/testing";
import { getCart, STORAGE_KEY } from "../../cart/cart-store.js";
import "../../define.js";
import { $, axeViolations, resetCart } from "../../testing/helpers.js";
import type { SceauCartCount } from "./sceau-cart-count.js";

describe("<sceau-cart-count>", () => {
  beforeEach(resetCart);

  it("shows 0 and is marked empty when the cart is empty", async () => {
    const el = await fixture<SceauCartCount>(html`<sceau-cart-count lang="fr"></sceau-cart-count>`);
    expect($(el, "[part=badge]").textContent).to.equal("0");
    expect(el.hasAttribute("empty")).to.equal(true);
    expect($(el, ".sr").textContent).to.equal("0 article(s) au panier");
  });

  it("follows changes made on the page", async () => {
    const el = await fixture<SceauCartCount>(html`<sceau-cart-count></sceau-cart-count>`);
    getCart().add("MUG", 3);
    await el.updateComplete;
    expect($(el, "[part=badge]").textContent).to.equal("3");
    expect(el.hasAttribute("empty")).to.equal(false);
  });

  it("follows changes made in another tab (storage event)", async () => {
    const el = await fixture<SceauCartCount>(html`<sceau-cart-count></sceau-cart-count>`);
    const newValue = JSON.stringify({ v: 1, items: [{ sku: "MUG", quantity: 4 }] });
    localStorage.setItem(STORAGE_KEY, newValue);
    window.dispatchEvent(
      new StorageEvent("storage", { key: STORAGE_KEY, newValue, storageArea: localStorage }),
    );
    await el.updateComplete;
    expect($(el, "[part=badge]").textContent).to.equal("4");
  });

  it("has no axe violations", async () => {
    getCart().add("MUG", 1);
    const el = await fixture<SceauCartCount>(html`<sceau-cart-count></sceau-cart-count>`);
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
