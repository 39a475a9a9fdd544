import type { CartItem } from "./cart-store.js";

/** The highest quantity of one article the cart accepts. */
export const MAX_QUANTITY = 99;
/** The most distinct articles the cart holds. */
export const MAX_LINES = 50;

const SKU = /^[\w.:/-]{1,64}$/;

/** Whether `sku` is a plausible catalog identifier (1–64 letters, digits, `_ . : / -`). */
export function isSku(sku: unknown): sku is string {
  return typeof sku === "string" && SKU.test(sku);
}

/** Whether `quantity` is a whole number from 1 to {@link MAX_QUANTITY}. */
export function isQuantity(quantity: unknown): quantity is number {
  return (
    Number.isInteger(quantity) && (quantity as number) >= 1 && (quantity as number) <= MAX_QUANTITY
  );
}

function isItem(value: unknown): value is CartItem {
  if (typeof value !== "object" || value === null) return false;
  const { sku, quantity, price, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    isSku(sku) &&
    isQuantity(quantity) &&
    (price === undefined || (Number.isSafeInteger(price) && (price as number) >= 0))
  );
}

/**
 * Reads a stored cart, trusting nothing: anything but `{"v":1,"items":[…]}` with valid, distinct items is
 * rejected as a whole.
 *
 * @returns the items, or `null` when the value is corrupt or foreign (an absent value is an empty cart).
 */
export function parseCart(raw: string | null): CartItem[] | null {
  if (raw === null) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const { v, items } = data as Record<string, unknown>;
  if (v !== 1 || !Array.isArray(items) || items.length > MAX_LINES || !items.every(isItem)) {
    return null;
  }
  if (new Set(items.map((i) => i.sku)).size !== items.length) return null;
  return items; // every item was checked to hold exactly sku, quantity and an optional price
}

/** Serialises items in the format {@link parseCart} reads. */
export function serializeCart(items: readonly CartItem[]): string {
  return JSON.stringify({ v: 1, items });
}
