import { SceauCartChangeEvent } from "../events.js";
import {
  isQuantity,
  isSku,
  MAX_LINES,
  MAX_QUANTITY,
  parseCart,
  serializeCart,
} from "./parse-cart.js";

/** One line of the cart: an article and how many. */
export interface CartItem {
  /** The catalog identifier the worker prices. */
  readonly sku: string;
  /** How many, from 1 to 99. */
  readonly quantity: number;
  /** The unit price (minor units) the page showed when the article was added, to detect price changes. */
  readonly price?: number;
}

/** The `localStorage` key of the cart. */
export const STORAGE_KEY = "sceau-cart";

/** Where a change came from: this page, or another tab through a `storage` event. */
export type CartChangeSource = "local" | "storage";

/** A function told about every change of the cart. */
export type CartListener = (items: readonly CartItem[], source: CartChangeSource) => void;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled: keep the cart in memory for this page
  }
}

/**
 * The cart, kept in `localStorage` and shared by every element of the page and every open tab.
 *
 * A corrupt or foreign stored value is discarded, never trusted. Use {@link getCart} for the page's store.
 *
 * @example
 * ```ts
 * const cart = getCart();
 * cart.add("TSHIRT-M", 2);
 * cart.subscribe((items) => console.log(items));
 * ```
 */
export class CartStore {
  #items: readonly CartItem[] = [];
  #listeners = new Set<CartListener>();
  #key: string;
  #onStorage = (event: StorageEvent): void => {
    if (event.key !== null && event.key !== this.#key) return;
    this.#items = this.#read();
    this.#notify("storage");
  };

  /** Creates a store on `key` and reads what is stored there. */
  constructor(key = STORAGE_KEY) {
    this.#key = key;
    this.#items = this.#read();
  }

  /** The lines of the cart, in the order they were added. */
  get items(): readonly CartItem[] {
    return this.#items;
  }

  /** The number of articles: the sum of the quantities. */
  get count(): number {
    return this.#items.reduce((n, item) => n + item.quantity, 0);
  }

  /** The quantity of `sku` in the cart (0 when absent). */
  quantityOf(sku: string): number {
    return this.#items.find((item) => item.sku === sku)?.quantity ?? 0;
  }

  /**
   * Adds `quantity` of `sku` (capped at 99 per line).
   *
   * @param price - the unit price the page shows, in minor units, to detect a later price change
   * @throws {RangeError} when the SKU or quantity is invalid
   */
  add(sku: string, quantity = 1, price?: number): void {
    if (!isSku(sku) || !isQuantity(quantity)) throw new RangeError(sku);
    const current = this.quantityOf(sku);
    if (current === 0 && this.#items.length >= MAX_LINES) throw new RangeError("full");
    const next = Math.min(current + quantity, MAX_QUANTITY);
    const line: CartItem =
      price === undefined || !Number.isSafeInteger(price)
        ? { sku, quantity: next }
        : { sku, quantity: next, price };
    this.#write(
      current === 0
        ? [...this.#items, line]
        : this.#items.map((i) => (i.sku === sku ? { ...i, ...line } : i)),
    );
  }

  /** Sets the quantity of `sku`; 0 or less removes the line, more than 99 is capped. */
  setQuantity(sku: string, quantity: number): void {
    if (quantity <= 0) {
      this.remove(sku);
      return;
    }
    const next = Math.min(Math.floor(quantity), MAX_QUANTITY);
    this.#write(this.#items.map((i) => (i.sku === sku ? { ...i, quantity: next } : i)));
  }

  /** Removes the line of `sku`. */
  remove(sku: string): void {
    this.#write(this.#items.filter((i) => i.sku !== sku));
  }

  /** Empties the cart. */
  clear(): void {
    this.#write([]);
  }

  /** Calls `listener` after every change, here or in another tab; returns the function that stops it. */
  subscribe(listener: CartListener): () => void {
    if (this.#listeners.size === 0) {
      this.#items = this.#read();
      globalThis.addEventListener?.("storage", this.#onStorage);
    }
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) globalThis.removeEventListener?.("storage", this.#onStorage);
    };
  }

  #read(): readonly CartItem[] {
    const store = storage();
    if (!store) return this.#items;
    const items = parseCart(store.getItem(this.#key));
    if (items) return items;
    store.removeItem(this.#key);
    return [];
  }

  #write(items: readonly CartItem[]): void {
    this.#items = items;
    try {
      if (items.length === 0) storage()?.removeItem(this.#key);
      else storage()?.setItem(this.#key, serializeCart(items));
    } catch {
      // quota exceeded or storage disabled: the cart still works for this page
    }
    this.#notify("local");
  }

  #notify(source: CartChangeSource): void {
    for (const listener of [...this.#listeners]) listener(this.#items, source);
  }
}

/** Fires `sceau-cart-change` on `target` with the cart as it is now. */
export function announceCart(target: EventTarget, store: CartStore): void {
  target.dispatchEvent(new SceauCartChangeEvent({ items: store.items, count: store.count }));
}

let shared: CartStore | undefined;

/**
 * The page's shared cart store, created on first use. Changes made in another tab are announced with a
 * `sceau-cart-change` event on `document`.
 */
export function getCart(): CartStore {
  if (!shared) {
    const store = new CartStore();
    store.subscribe((_items, source) => {
      if (source === "storage") announceCart(document, store);
    });
    shared = store;
  }
  return shared;
}
