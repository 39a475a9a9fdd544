/**
 * Shipping: which of the merchant's methods can carry a parcel to a country, and what each costs.
 *
 * A method has zones; the first zone that lists the destination country serves it (a zone listing `"*"`
 * serves every country no earlier zone lists). A zone prices by `weight` (grams of the goods that ship) or
 * by `total` (the goods' amount after the discount), with rates in increasing `upTo` order — the first rate
 * whose `upTo` is at least the parcel's figure applies, `upTo: null` has no bound — and is free from
 * `freeFrom` (the goods' amount after the discount, inclusive). A parcel beyond every bound is not carried.
 * @module
 */
import type { DeliveryTimeframe } from "@sceau/protocol";
import { ApiError } from "./errors.ts";

/** What a zone's rates are measured against. */
export type ShippingBasis = "weight" | "total";

/** A price up to a bound (grams, or minor units of the goods' amount); `null`: no bound. */
export interface ShippingRate {
  upTo: number | null;
  amount: number;
}

/** Countries served by a method, and their rates. */
export interface ShippingZone {
  /** ISO 3166-1 alpha-2 codes, or `"*"` for every other country. */
  countries: string[];
  basis: ShippingBasis;
  rates: ShippingRate[];
  /** Free when the goods' amount after the discount reaches this (minor units); absent: never free. */
  freeFrom?: number | null | undefined;
}

/** A way of delivering, as the merchant configures it (`/api/admin/shipping-methods`). */
export interface ShippingMethod {
  id: string;
  name: string;
  currency: string;
  zones: ShippingZone[];
  /** The carrier needs the buyer's phone number. */
  phoneRequired: boolean;
  /** The buyer collects the parcel (shop or pick-up point): no delivery address is asked. */
  pickup: boolean;
  deliveryTimeframe: DeliveryTimeframe | null;
  /** The order methods are listed in (lowest first). */
  position: number;
  active: boolean;
}

/** What decides the price of a parcel. */
export interface Parcel {
  country: string;
  currency: string;
  /** Grams of the goods that ship. */
  weight: number;
  /** The goods' amount after the discount (minor units). */
  goods: number;
}

/** A method a parcel can take, and its price. */
export interface ShippingOption {
  method: ShippingMethod;
  amount: number;
}

/** The zone of a method that serves a country, if any. */
export function zoneFor(method: ShippingMethod, country: string): ShippingZone | undefined {
  return (
    method.zones.find((zone) => zone.countries.includes(country)) ??
    method.zones.find((zone) => zone.countries.includes("*"))
  );
}

/**
 * What a method charges for a parcel, or `undefined` when it does not carry it (inactive, another currency, a
 * country it does not serve, beyond its last rate).
 *
 * @example
 * shippingCost(colissimo, { country: "FR", currency: "EUR", weight: 240, goods: 2798 }); // 0 (free from 25 €)
 */
export function shippingCost(method: ShippingMethod, parcel: Parcel): number | undefined {
  if (!method.active || method.currency !== parcel.currency) return undefined;
  const zone = zoneFor(method, parcel.country);
  if (!zone) return undefined;
  const measure = zone.basis === "weight" ? parcel.weight : parcel.goods;
  const rate = zone.rates.find((r) => r.upTo === null || measure <= r.upTo);
  if (!rate) return undefined;
  const free =
    zone.freeFrom !== undefined && zone.freeFrom !== null && parcel.goods >= zone.freeFrom;
  return free ? 0 : rate.amount;
}

/** The methods that carry a parcel, with their prices, in the merchant's order. */
export function shippingOptions(
  methods: readonly ShippingMethod[],
  parcel: Parcel,
): ShippingOption[] {
  return [...methods]
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1))
    .flatMap((method) => {
      const amount = shippingCost(method, parcel);
      return amount === undefined ? [] : [{ method, amount }];
    });
}

/** The cheapest option (the first listed among equals). */
export function cheapest(options: readonly ShippingOption[]): ShippingOption | undefined {
  return options.reduce<ShippingOption | undefined>(
    (best, option) => (best === undefined || option.amount < best.amount ? option : best),
    undefined,
  );
}

/**
 * The shipping of a parcel: what the destination can use, and the method asked for — or the cheapest.
 *
 * @throws {ApiError} (422) `ERR_SHIPPING_METHOD_UNKNOWN` (field `shippingMethod`) for a method the shop does not
 *   have; `ERR_SHIPPING_UNAVAILABLE` when the method asked for does not carry the parcel (field
 *   `shippingMethod`) or when none does (field `shipping.country`).
 */
export function chooseShipping(
  methods: readonly ShippingMethod[],
  parcel: Parcel,
  wanted: string | undefined,
): { options: ShippingOption[]; chosen: ShippingOption } {
  const options = shippingOptions(methods, parcel);
  if (wanted === undefined) {
    const chosen = cheapest(options);
    if (!chosen) {
      throw new ApiError(
        "ERR_SHIPPING_UNAVAILABLE",
        `No shipping method delivers this cart to ${parcel.country}.`,
        { field: "shipping.country" },
      );
    }
    return { options, chosen };
  }
  const method = methods.find((m) => m.id === wanted);
  if (!method) {
    throw new ApiError("ERR_SHIPPING_METHOD_UNKNOWN", "This shop has no such shipping method.", {
      field: "shippingMethod",
    });
  }
  const chosen = options.find((o) => o.method.id === wanted);
  if (!chosen) {
    throw new ApiError(
      "ERR_SHIPPING_UNAVAILABLE",
      `${method.name} does not deliver this cart to ${parcel.country}.`,
      { field: "shippingMethod" },
    );
  }
  return { options, chosen };
}
