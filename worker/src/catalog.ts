/**
 * The catalog and the pricing of carts: the client sends skus and quantities, the worker sets every price.
 * @module
 */
import { bankDay, type Instalment, splitSchedule } from "@sceau/protocol";
import { isoDay } from "./calendar.ts";
import { type Product, type ProductRow, productJson, selectProductsBySku } from "./db/products.ts";
import type { D1Reader } from "./env.ts";
import { ApiError } from "./errors.ts";
import type { PaymentMode, PaymentRules } from "./payment-mode.ts";
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
  /** On a recurring terminal: what is renewed, and how often. */
  subscription?: Subscription;
}

/**
 * A cart as priced: one line per sku, and the number of instalments asked for (1: not asked — a single
 * payment, or the terminal's count on a split terminal).
 */
export interface Cart {
  items: { sku: string; quantity: number }[];
  instalments: number;
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

/** What a quote says about a subscription: the amount renewed each period (the whole order). */
export interface Subscription {
  amount: number;
  periodMonths: number;
  /** The most renewals after the first payment; 0 until stopped. */
  maxRenewals: number;
}

/**
 * Checks a product against the terminal's mode: a subscription is sold only on a recurring terminal, and a
 * recurring terminal reproduces the whole order every period, so it sells subscriptions only.
 *
 * @throws {ApiError} `ERR_SUBSCRIPTION_UNAVAILABLE`, `ERR_SUBSCRIPTION_ONLY` (422) naming the item.
 */
function checkSubscription(product: Product, mode: PaymentMode, field: string): void {
  if (product.subscription && mode !== "recurring") {
    throw new ApiError(
      "ERR_SUBSCRIPTION_UNAVAILABLE",
      `${product.sku} is a subscription: it needs a recurring terminal (PAYMENT_MODE=recurring).`,
      { field },
    );
  }
  if (!product.subscription && mode === "recurring") {
    throw new ApiError(
      "ERR_SUBSCRIPTION_ONLY",
      `${product.sku} is sold once, and a recurring terminal renews the whole order every period: it sells subscriptions only.`,
      { field },
    );
  }
}

/**
 * The instalments a cart is paid in on a split terminal: the count the buyer chose among those allowed, or
 * the terminal's when the buyer did not choose. A split terminal splits every payment.
 *
 * @throws {ApiError} `ERR_INSTALMENTS_UNAVAILABLE` (422) when the count is not allowed for this cart.
 */
function instalmentCount(cart: Cart, options: number[], rules: PaymentRules): number {
  if (rules.mode !== "split") {
    if (cart.instalments > 1) {
      throw new ApiError(
        "ERR_INSTALMENTS_UNAVAILABLE",
        "Payment in instalments needs a split-payment terminal (PAYMENT_MODE=split).",
        { field: "instalments" },
      );
    }
    return 1;
  }
  const chosen =
    cart.instalments > 1
      ? cart.instalments
      : (options.filter((n) => n <= rules.splitCount).at(-1) ?? options[0]);
  if (chosen === undefined || !options.includes(chosen)) {
    throw new ApiError(
      "ERR_INSTALMENTS_UNAVAILABLE",
      options.length
        ? `This cart can be paid in ${options.join(" or ")} instalments: an article in it is not sold in ${cart.instalments}.`
        : "This terminal takes payments in instalments only, and an article in this cart is sold in a single payment.",
      { field: "instalments" },
    );
  }
  return chosen;
}

/**
 * Prices a validated cart from the catalog for the terminal's mode: instalments on a split terminal only,
 * up to the smallest `maxInstalments` of the cart's products (or the terminal's percentages), on the
 * terminal's day rule; subscriptions on a recurring terminal only.
 *
 * @throws {ApiError} `ERR_PRODUCT_UNKNOWN`, `ERR_PRODUCT_INACTIVE`, `ERR_CURRENCY_MIXED`,
 *   `ERR_AMOUNT_EXCEEDS_LIMIT`, `ERR_INSTALMENTS_UNAVAILABLE`, `ERR_SUBSCRIPTION_UNAVAILABLE`,
 *   `ERR_SUBSCRIPTION_ONLY` (422).
 */
export async function priceCart(
  db: D1Reader,
  cart: Cart,
  now: Date,
  rules: PaymentRules,
): Promise<Quote> {
  const { results } = await selectProductsBySku(
    db,
    cart.items.map((item) => item.sku),
  ).all<ProductRow>();
  const bySku = new Map(results.map((row) => [row.sku, productJson(row)]));
  const lines: QuoteLine[] = [];
  let currency: string | undefined;
  let total = 0;
  let maxInstalments = 4;
  cart.items.forEach(({ sku, quantity }, i) => {
    const field = `items[${i}].sku`;
    const product = bySku.get(sku);
    if (!product) {
      throw new ApiError("ERR_PRODUCT_UNKNOWN", `No product ${sku} in the catalog.`, { field });
    }
    if (!product.active) {
      throw new ApiError("ERR_PRODUCT_INACTIVE", `${sku} is no longer sold.`, { field });
    }
    if (currency && product.currency !== currency) {
      throw new ApiError(
        "ERR_CURRENCY_MIXED",
        `${sku} is priced in ${product.currency}, the rest of the cart in ${currency}.`,
        { field },
      );
    }
    checkSubscription(product, rules.mode, field);
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
  const counts = rules.splitPercentages ? [rules.splitPercentages.length] : [2, 3, 4];
  const instalmentOptions =
    rules.mode === "split" ? counts.filter((n) => n <= maxInstalments && n <= total) : [];
  const instalments = instalmentCount(cart, instalmentOptions, rules);
  const quote: Quote = {
    currency: currency ?? "EUR",
    total,
    lines,
    instalments,
    instalmentOptions,
  };
  if (instalments > 1) {
    const shares = rules.splitPercentages;
    quote.schedule = splitSchedule({
      total,
      firstDay: bankDay(now),
      dayRule: rules.splitDayRule,
      ...(shares ? { percentages: [...shares] } : { count: instalments }),
    });
  }
  if (rules.mode === "recurring") {
    quote.subscription = {
      amount: total,
      periodMonths: rules.recurrence.periodMonths,
      maxRenewals: rules.recurringMaxRenewals,
    };
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
    ...(quote.subscription && { subscription: quote.subscription }),
  };
}
