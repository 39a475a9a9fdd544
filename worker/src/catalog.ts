/**
 * The catalog and the pricing of carts: the client sends skus and quantities, the worker sets every price.
 * @module
 */
import { bankDay, type Instalment, splitSchedule } from "@sceau/protocol";
import type { D1Reader } from "./env.ts";
import { ApiError, badRequest } from "./errors.ts";

export const MAX_LINES = 50;
export const MAX_QUANTITY = 99;
/** The most one order may total, in minor units (100 000.00 in a two-decimal currency). */
export const MAX_TOTAL = 10_000_000;
/** A catalog sku: letters, digits, `.`, `_`, `-`, at most 64, starting with a letter or digit. */
export const SKU = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface Product {
  sku: string;
  name: string;
  description: string;
  unitAmount: number;
  currency: string;
  active: boolean;
  maxInstalments: number;
}

export interface ProductRow {
  sku: string;
  name: string;
  description: string;
  unit_amount: number;
  currency: string;
  active: number;
  max_instalments: number;
}

export function productFromRow(row: ProductRow): Product {
  return {
    sku: row.sku,
    name: row.name,
    description: row.description,
    unitAmount: row.unit_amount,
    currency: row.currency,
    active: row.active === 1,
    maxInstalments: row.max_instalments,
  };
}

export interface QuoteLine {
  sku: string;
  name: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

export interface Quote {
  currency: string;
  total: number;
  lines: QuoteLine[];
  instalments: number;
  /** The instalment counts this cart may be paid in on this terminal (empty: single payment only). */
  instalmentOptions: number[];
  schedule?: Instalment[];
}

/** `YYYY-MM-DD` of a calendar day. */
export function isoDay(day: { year: number; month: number; day: number }): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
}

/** Validates the `items` and `instalments` members of a quote or checkout body. */
export function parseCart(body: Record<string, unknown>): {
  items: { sku: string; quantity: number }[];
  instalments: number;
} {
  const { items, instalments } = body;
  if (!Array.isArray(items) || items.length === 0) {
    throw badRequest(
      "ERR_CART_EMPTY",
      "items must be a non-empty array of { sku, quantity }.",
      "items",
    );
  }
  if (items.length > MAX_LINES) {
    throw badRequest("ERR_CART_TOO_LARGE", `A cart has at most ${MAX_LINES} lines.`, "items");
  }
  const merged = new Map<string, number>();
  items.forEach((item: unknown, i) => {
    const entry = (item ?? {}) as { sku?: unknown; quantity?: unknown };
    if (typeof item !== "object" || typeof entry.sku !== "string" || !SKU.test(entry.sku)) {
      throw badRequest(
        "ERR_SKU_INVALID",
        `items[${i}].sku must be a catalog sku.`,
        `items[${i}].sku`,
      );
    }
    const quantity = entry.quantity;
    if (
      typeof quantity !== "number" ||
      !Number.isInteger(quantity) ||
      quantity < 1 ||
      quantity > MAX_QUANTITY
    ) {
      throw badRequest(
        "ERR_QUANTITY_INVALID",
        `items[${i}].quantity for ${entry.sku} must be an integer from 1 to ${MAX_QUANTITY}.`,
        `items[${i}].quantity`,
      );
    }
    const sum = (merged.get(entry.sku) ?? 0) + quantity;
    if (sum > MAX_QUANTITY) {
      throw badRequest(
        "ERR_QUANTITY_INVALID",
        `The quantity of ${entry.sku} must be at most ${MAX_QUANTITY}.`,
        `items[${i}].quantity`,
      );
    }
    merged.set(entry.sku, sum);
  });
  let count = 1;
  if (instalments !== undefined && instalments !== null && instalments !== 1) {
    if (
      typeof instalments !== "number" ||
      !Number.isInteger(instalments) ||
      instalments < 2 ||
      instalments > 4
    ) {
      throw badRequest(
        "ERR_INSTALMENTS_INVALID",
        "instalments must be 2, 3 or 4 (or absent for a single payment).",
        "instalments",
      );
    }
    count = instalments;
  }
  return { items: [...merged].map(([sku, quantity]) => ({ sku, quantity })), instalments: count };
}

/**
 * Prices a validated cart from the catalog; instalments are offered only on a split-payment terminal and up
 * to the smallest `maxInstalments` of the cart's products.
 *
 * @throws {ApiError} `ERR_PRODUCT_UNKNOWN`, `ERR_PRODUCT_INACTIVE`, `ERR_CURRENCY_MIXED`,
 *   `ERR_AMOUNT_EXCEEDS_LIMIT`, `ERR_INSTALMENTS_UNAVAILABLE` (422).
 */
export async function priceCart(
  db: D1Reader,
  cart: { items: { sku: string; quantity: number }[]; instalments: number },
  now: Date,
  splitTerminal: boolean,
): Promise<Quote> {
  const skus = cart.items.map((item) => item.sku);
  const { results } = await db
    .prepare(`SELECT * FROM products WHERE sku IN (${skus.map(() => "?").join(",")})`)
    .bind(...skus)
    .all<ProductRow>();
  const bySku = new Map(results.map((row) => [row.sku, productFromRow(row)]));
  const lines: QuoteLine[] = [];
  let currency: string | undefined;
  let total = 0;
  let maxInstalments = splitTerminal ? 4 : 1;
  cart.items.forEach(({ sku, quantity }, i) => {
    const product = bySku.get(sku);
    if (!product) {
      throw new ApiError(
        422,
        "ERR_PRODUCT_UNKNOWN",
        `No product ${sku} in the catalog.`,
        `items[${i}].sku`,
      );
    }
    if (!product.active) {
      throw new ApiError(
        422,
        "ERR_PRODUCT_INACTIVE",
        `${sku} is no longer sold.`,
        `items[${i}].sku`,
      );
    }
    if (currency && product.currency !== currency) {
      throw new ApiError(
        422,
        "ERR_CURRENCY_MIXED",
        `${sku} is priced in ${product.currency}, the rest of the cart in ${currency}.`,
        `items[${i}].sku`,
      );
    }
    currency = product.currency;
    maxInstalments = Math.min(maxInstalments, product.maxInstalments);
    const amount = product.unitAmount * quantity;
    total += amount;
    lines.push({ sku, name: product.name, quantity, unitAmount: product.unitAmount, amount });
  });
  if (total > MAX_TOTAL) {
    throw new ApiError(
      422,
      "ERR_AMOUNT_EXCEEDS_LIMIT",
      `An order may total at most ${MAX_TOTAL} minor units.`,
      "items",
    );
  }
  const instalmentOptions = [2, 3, 4].filter((n) => n <= maxInstalments && n <= total);
  const quote: Quote = {
    currency: currency ?? "EUR",
    total,
    lines,
    instalments: cart.instalments,
    instalmentOptions,
  };
  if (cart.instalments > 1 && !instalmentOptions.includes(cart.instalments)) {
    throw new ApiError(
      422,
      "ERR_INSTALMENTS_UNAVAILABLE",
      splitTerminal
        ? `This cart can be paid in at most ${Math.max(1, ...instalmentOptions)} instalment(s): an article in it is not sold in ${cart.instalments}.`
        : "Payment in instalments needs a split-payment terminal (PAYMENT_MODE=split).",
      "instalments",
    );
  }
  if (cart.instalments > 1) {
    quote.schedule = splitSchedule({ total, count: cart.instalments, firstDay: bankDay(now) });
  }
  return quote;
}

/** The public JSON of an instalment schedule (quote and checkout answers). */
export function scheduleJson(schedule: Instalment[]) {
  return schedule.map((i) => ({ date: isoDay(i.date), amount: i.amount }));
}

/** The public JSON of a quote. */
export function quoteJson(quote: Quote) {
  return {
    currency: quote.currency,
    total: quote.total,
    lines: quote.lines,
    instalmentOptions: quote.instalmentOptions,
    ...(quote.schedule && { schedule: scheduleJson(quote.schedule) }),
  };
}
