import { expect, fixture, html as fixtureHtml } from "@open-wc/testing";
import { html, LitElement } from "lit";
import { CartController } from "./cart-controller.js";
import { CartStore } from "./cart-store.js";

const store = new CartStore("sceau-cart-controller-test");

class CountingElement extends LitElement {
  changes = 0;
  cart = new CartController(this, () => this.changes++, store);
  override render() {
    return html`${this.cart.store.count}`;
  }
}
customElements.define("test-cart-controller", CountingElement);

describe("CartController", () => {
  beforeEach(() => store.clear());

  it("re-renders its host on every change while connected, and stops when disconnected", async () => {
    const el = await fixture<CountingElement>(
      fixtureHtml`<test-cart-controller></test-cart-controller>`,
    );
    store.add("MUG", 2);
    await el.updateComplete;
    expect(el.shadowRoot?.textContent).to.equal("2");
    expect(el.changes).to.equal(1);
    el.remove();
    store.add("MUG", 1);
    expect(el.changes).to.equal(1);
  });
});
