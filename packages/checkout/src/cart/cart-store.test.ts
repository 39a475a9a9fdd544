import { expect } from "@open-wc/testing";
import { CartStore } from "./cart-store.js";

const KEY = "sceau-cart-test";

describe("CartStore", () => {
  beforeEach(() => localStorage.removeItem(KEY));

  it("adds, merges, caps, sets and removes lines, and persists them", () => {
    const store = new CartStore(KEY);
    store.add("MUG");
    store.add("MUG", 2, 1200);
    store.add("POSTER", 98);
    store.add("POSTER", 5);
    expect(store.items).to.deep.equal([
      { sku: "MUG", quantity: 3, price: 1200 },
      { sku: "POSTER", quantity: 99 },
    ]);
    expect(store.count).to.equal(102);
    store.setQuantity("MUG", 1);
    store.setQuantity("POSTER", 0);
    expect(store.items).to.deep.equal([{ sku: "MUG", quantity: 1, price: 1200 }]);
    expect(new CartStore(KEY).items).to.deep.equal(store.items); // survives a reload
    store.remove("MUG");
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it("throws a RangeError for an invalid item", () => {
    const store = new CartStore(KEY);
    expect(() => store.add("bad sku", 1)).to.throw(RangeError);
    expect(() => store.add("MUG", 0)).to.throw(RangeError);
  });

  it("discards a corrupt stored value instead of trusting it", () => {
    localStorage.setItem(KEY, '{"v":1,"items":"everything"}');
    const store = new CartStore(KEY);
    expect(store.items).to.deep.equal([]);
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it("tells subscribers about local changes and changes from other tabs", () => {
    const store = new CartStore(KEY);
    const seen: string[] = [];
    const stop = store.subscribe((items, source) => seen.push(`${source}:${items.length}`));
    store.add("MUG");
    localStorage.setItem(
      KEY,
      '{"v":1,"items":[{"sku":"A","quantity":1},{"sku":"B","quantity":1}]}',
    );
    window.dispatchEvent(new StorageEvent("storage", { key: KEY }));
    window.dispatchEvent(new StorageEvent("storage", { key: "another-key" }));
    stop();
    store.add("C");
    expect(seen).to.deep.equal(["local:1", "storage:2"]);
  });
});
