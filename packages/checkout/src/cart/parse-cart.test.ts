import { expect } from "@open-wc/testing";
import { isSku, parseCart, serializeCart } from "./parse-cart.js";

describe("parseCart", () => {
  it("reads what serializeCart writes", () => {
    const items = [
      { sku: "MUG", quantity: 2 },
      { sku: "TSHIRT-M", quantity: 1, price: 2500 },
    ];
    expect(parseCart(serializeCart(items))).to.deep.equal(items);
  });

  it("reads an absent value as an empty cart", () => {
    expect(parseCart(null)).to.deep.equal([]);
  });

  for (const [label, raw] of [
    ["not JSON", "{oops"],
    ["a foreign shape", '[{"sku":"MUG","quantity":1}]'],
    ["another version", '{"v":2,"items":[]}'],
    ["a negative quantity", '{"v":1,"items":[{"sku":"MUG","quantity":-1}]}'],
    ["a fractional quantity", '{"v":1,"items":[{"sku":"MUG","quantity":1.5}]}'],
    ["a quantity over 99", '{"v":1,"items":[{"sku":"MUG","quantity":100}]}'],
    ["a bad sku", '{"v":1,"items":[{"sku":"<script>","quantity":1}]}'],
    ["an extra field", '{"v":1,"items":[{"sku":"MUG","quantity":1,"name":"x"}]}'],
    ["a negative price", '{"v":1,"items":[{"sku":"MUG","quantity":1,"price":-1}]}'],
    ["a duplicate line", '{"v":1,"items":[{"sku":"MUG","quantity":1},{"sku":"MUG","quantity":1}]}'],
    ["null", "null"],
  ] as const) {
    it(`rejects ${label}`, () => {
      expect(parseCart(raw)).to.equal(null);
    });
  }

  it("accepts SKUs of letters, digits and _ . : / -, up to 64 characters", () => {
    expect(isSku("CD-2026/ed.1:blue_x")).to.equal(true);
    expect(isSku("x".repeat(65))).to.equal(false);
    expect(isSku("")).to.equal(false);
  });
});
