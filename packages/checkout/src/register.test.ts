import { expect } from "@open-wc/testing";
import { defineElements } from "./register.js";

describe("defineElements", () => {
  it("registers the four tags and never twice", () => {
    defineElements();
    const first = customElements.get("sceau-checkout");
    expect(() => defineElements()).to.not.throw();
    expect(customElements.get("sceau-checkout")).to.equal(first);
    for (const tag of ["sceau-add-to-cart", "sceau-cart-count", "sceau-order-status"]) {
      expect(customElements.get(tag), tag).to.exist;
    }
  });
});
