import { describe, expect, it } from "vitest";
import { cheapest, type ShippingMethod, shippingCost, shippingOptions } from "./shipping.ts";

const colissimo: ShippingMethod = {
  id: "colissimo",
  name: "Colissimo",
  currency: "EUR",
  zones: [
    {
      countries: ["*"],
      basis: "total",
      rates: [
        { upTo: 5000, amount: 1500 },
        { upTo: null, amount: 2500 },
      ],
    },
    {
      countries: ["FR", "MC"],
      basis: "weight",
      rates: [
        { upTo: 250, amount: 495 },
        { upTo: 1000, amount: 695 },
      ],
      freeFrom: 2500,
    },
  ],
  phoneRequired: false,
  pickup: false,
  deliveryTimeframe: "two_day",
  position: 2,
  active: true,
};
const parcel = { country: "FR", currency: "EUR", weight: 120, goods: 1499 };

describe("shippingCost", () => {
  it("takes the first rate whose bound is reached, bounds inclusive", () => {
    expect(shippingCost(colissimo, parcel)).toBe(495);
    expect(shippingCost(colissimo, { ...parcel, weight: 250 })).toBe(495);
    expect(shippingCost(colissimo, { ...parcel, weight: 251 })).toBe(695);
    expect(shippingCost(colissimo, { ...parcel, weight: 1000 })).toBe(695);
  });

  it("does not carry a parcel beyond the last bound", () => {
    expect(shippingCost(colissimo, { ...parcel, weight: 1001 })).toBeUndefined();
  });

  it("is free from freeFrom (the goods after the discount, inclusive)", () => {
    expect(shippingCost(colissimo, { ...parcel, goods: 2499 })).toBe(495);
    expect(shippingCost(colissimo, { ...parcel, goods: 2500 })).toBe(0);
    // Free is free whatever the weight the zone carries, never beyond its last bound.
    expect(shippingCost(colissimo, { ...parcel, goods: 9000, weight: 1001 })).toBeUndefined();
  });

  it("serves a listed country by its zone before the zone of every other country", () => {
    expect(shippingCost(colissimo, { ...parcel, country: "MC" })).toBe(495);
    expect(shippingCost(colissimo, { ...parcel, country: "BE", goods: 5000 })).toBe(1500);
    expect(shippingCost(colissimo, { ...parcel, country: "BE", goods: 5001 })).toBe(2500);
  });

  it("does not serve a country no zone lists, another currency, or when inactive", () => {
    const franceOnly = { ...colissimo, zones: colissimo.zones.slice(1) };
    expect(shippingCost(franceOnly, { ...parcel, country: "BE" })).toBeUndefined();
    expect(shippingCost(colissimo, { ...parcel, currency: "CHF" })).toBeUndefined();
    expect(shippingCost({ ...colissimo, active: false }, parcel)).toBeUndefined();
  });
});

describe("shippingOptions and cheapest", () => {
  const letter: ShippingMethod = {
    ...colissimo,
    id: "lettre",
    name: "Lettre suivie",
    zones: [{ countries: ["FR"], basis: "weight", rates: [{ upTo: 500, amount: 290 }] }],
    position: 1,
  };
  const relay: ShippingMethod = { ...letter, id: "relay", name: "Point relais", position: 1 };

  it("lists what carries the parcel in the merchant's order (position, then id)", () => {
    const options = shippingOptions([colissimo, relay, letter], parcel);
    expect(options.map((o) => [o.method.id, o.amount])).toEqual([
      ["lettre", 290],
      ["relay", 290],
      ["colissimo", 495],
    ]);
    expect(cheapest(options)?.method.id).toBe("lettre");
    expect(shippingOptions([colissimo, letter], { ...parcel, weight: 600 })).toEqual([
      { method: colissimo, amount: 695 },
    ]);
    expect(cheapest([])).toBeUndefined();
  });
});
