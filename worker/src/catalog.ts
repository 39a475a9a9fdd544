/**
 * The catalog and the pricing of carts: the client sends skus and quantities, the worker sets every price.
 * @module
 */
import { bankDay, type Instalment, splitSchedule } from "@sceau/protocol";
import { type ProductRow, productJson, selectProductsBySku } from "./db/products.ts";
import type { D1Reader } from "./env.ts";
import { ApiError } from "./errors.ts";
import { MAX_QUANTITY, QuoteBody } from "./schemas.ts";
import { validate } from "./validation.ts";

export { MAX_LINES, MAX_QUANTITY, SKU } from "./schemas.ts";

/** The most one order may total, in minor units (100 000.00 in a two-decimal currency). */
export const MAX_TOTAL = 10_000_000;

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

/** A cart as priced: one line per sku, and the number of instalments asked for (1: a single payment). */
export interface Cart {
  items: { sku: string; quantity: number }[];
  instalments: number;
}

/** `YYYY-MM-DD` of a calendar day. */
export function isoDay(day: { year: number; month: number; day: number }): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
}

/**
 * Merges the repeated skus of a validated body's cart, keeping the first order.
 *
 * @throws {ApiError} `ERR_QUANTITY_INVALID` when a sku adds up to more than the most one cart holds.
 */
export function mergeCart(body: {
  items?: { sku: string; quantity: number }[] | undefined;
  instalments?: number | null | undefined;
}): Cart {
  const merged = new Map<string, number>();
  (body.items ?? []).forEach((item, i) => {
    const sum = (merged.get(item.sku) ?? 0) + item.quantity;
    if (sum > MAX_QUANTITY) {
      throw new ApiError(
        "ERR_QUANTITY_INVALID",
        `The quantity of ${item.sku} must be at most ${MAX_QUANTITY}.`,
        { field: `items[${i}].quantity` },
      );
    }
    merged.set(item.sku, sum);
  });
  return {
    items: [...merged].map(([sku, quantity]) => ({ sku, quantity })),
    instalments: body.instalments ?? 1,
  };
}

/**
 * Validates the `items` and `instalments` members of a quote or checkout body and merges repeated skus.
 *
 * @throws {ApiError} the code of the first problem (`ERR_CART_EMPTY`, `ERR_SKU_INVALID`…).
 */
export function parseCart(body: unknown): Cart {
  return mergeCart(validate(QuoteBody, body));
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
  cart: Cart,
  now: Date,
  splitTerminal: boolean,
): Promise<Quote> {
  const { results } = await selectProductsBySku(
    db,
    cart.items.map((item) => item.sku),
  ).all<ProductRow>();
  const bySku = new Map(results.map((row) => [row.sku, productJson(row)]));
  const lines: QuoteLine[] = [];
  let currency: string | undefined;
  let total = 0;
  let maxInstalments = splitTerminal ? 4 : 1;
  cart.items.forEach(({ sku, quantity }, i) => {
    const product = bySku.get(sku);
    if (!product) {
      throw new ApiError("ERR_PRODUCT_UNKNOWN", `No product ${sku} in the catalog.`, {
        field: `items[${i}].sku`,
      });
    }
    if (!product.active) {
      throw new ApiError("ERR_PRODUCT_INACTIVE", `${sku} is no longer sold.`, {
        field: `items[${i}].sku`,
      });
    }
    if (currency && product.currency !== currency) {
      throw new ApiError(
        "ERR_CURRENCY_MIXED",
        `${sku} is priced in ${product.currency}, the rest of the cart in ${currency}.`,
        { field: `items[${i}].sku` },
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
      "ERR_AMOUNT_EXCEEDS_LIMIT",
      `An order may total at most ${MAX_TOTAL} minor units.`,
      { field: "items" },
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
      "ERR_INSTALMENTS_UNAVAILABLE",
      splitTerminal
        ? `This cart can be paid in at most ${Math.max(1, ...instalmentOptions)} instalment(s): an article in it is not sold in ${cart.instalments}.`
        : "Payment in instalments needs a split-payment terminal (PAYMENT_MODE=split).",
      { field: "instalments" },
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
