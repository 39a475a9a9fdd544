/**
 * The pricing of carts: the client sends skus and quantities (and a promo code, a shipping method, a
 * destination), the worker sets every price from its catalog — lines, shipping, discount, the VAT included,
 * the total — in one read of the database (a replica may answer).
 * @module
 */
import { bankDay, type Instalment, splitSchedule } from "@sceau/protocol";
import {
  availableUnits,
  type ProductStockRow,
  productJson,
  selectProductsBySku,
} from "./db/products.ts";
import { type PromoCodeRow, promoCodeJson, selectPromoCode } from "./db/promo-codes.ts";
import {
  type ShippingMethodRow,
  selectActiveShippingMethods,
  shippingMethodJson,
} from "./db/shipping-methods.ts";
import type { D1Reader } from "./env.ts";
import { ApiError } from "./errors.ts";
import { normalizePromoCode, promoDiscount } from "./promo.ts";
import type { Requirements } from "./requirements.ts";
import { MAX_QUANTITY, QuoteBody } from "./schemas.ts";
import { chooseShipping, type ShippingMethod, type ShippingOption } from "./shipping.ts";
import { validate } from "./validation.ts";
import { type VatPart, vatBreakdown } from "./vat.ts";

export { MAX_LINES, MAX_QUANTITY, SKU } from "./schemas.ts";

/** The most one order may total, in minor units (100 000.00 in a two-decimal currency). */
export const MAX_TOTAL = 10_000_000;

/** The destination of a quote that names none: the shop's own country. */
export const DEFAULT_COUNTRY = "FR";

/** A line as the order keeps it: the price charged, the VAT rate it includes, whether it ships. */
export interface OrderLine {
  sku: string;
  name: string;
  quantity: number;
  unitAmount: number;
  amount: number;
  vatRate: number;
  ships: boolean;
}

/** A priced line of a quote; `available` only for a product whose stock is counted. */
export interface QuoteLine extends OrderLine {
  available?: number;
}

/** A shipping method as the buyer sees it, with its price for this cart. */
export interface ShippingJson {
  method: string;
  name: string;
  amount: number;
}

/** The promo code applied and what it takes off. */
export interface DiscountJson {
  code: string;
  amount: number;
}

export interface Quote {
  currency: string;
  lines: QuoteLine[];
  /** Σ line amounts (VAT included). */
  subtotal: number;
  /** The chosen method, `null` when nothing in the cart ships. */
  shipping: ShippingJson | null;
  /** What the destination can use (empty when nothing ships). */
  shippingMethods: ShippingJson[];
  discount: DiscountJson | null;
  vat: VatPart[];
  /** subtotal + shipping − discount. */
  total: number;
  instalments: number;
  /** The instalment counts this cart may be paid in on this terminal (empty: single payment only). */
  instalmentOptions: number[];
  schedule?: Instalment[];
  /** The chosen method's settings (phone, pick-up, delivery time), `null` when nothing ships. */
  method: ShippingMethod | null;
  /** The units to hold at checkout: the lines of products whose stock is counted. */
  holds: { sku: string; quantity: number }[];
}

/** A cart as priced: one line per sku, the instalments asked for (1: single payment), code and method. */
export interface Cart {
  items: { sku: string; quantity: number }[];
  instalments: number;
  /** Trimmed and upper-cased; absent when the buyer gave none. */
  promoCode?: string | undefined;
  shippingMethod?: string | undefined;
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
  promoCode?: string | null | undefined;
  shippingMethod?: string | null | undefined;
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
  const promoCode = body.promoCode ? normalizePromoCode(body.promoCode) : "";
  const shippingMethod = body.shippingMethod?.trim() ?? "";
  return {
    items: [...merged].map(([sku, quantity]) => ({ sku, quantity })),
    instalments: body.instalments ?? 1,
    ...(promoCode !== "" && { promoCode }),
    ...(shippingMethod !== "" && { shippingMethod }),
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

/** What pricing needs besides the cart. */
export interface PricingContext {
  now: Date;
  /** The terminal is contracted for split payments (`PAYMENT_MODE=split`). */
  splitTerminal: boolean;
  /** ISO 3166-1 alpha-2 destination, which picks the shipping zone. */
  country: string;
}

/** The catalog's lines of a cart, checked: known, on sale, one currency, in stock. */
function priceLines(cart: Cart, rows: readonly ProductStockRow[]) {
  const bySku = new Map(rows.map((row) => [row.sku, row]));
  let currency: string | undefined;
  const lines = cart.items.map(
    ({ sku, quantity }, i): QuoteLine & { weight: number; max: number } => {
      const row = bySku.get(sku);
      const field = `items[${i}].sku`;
      if (!row)
        throw new ApiError("ERR_PRODUCT_UNKNOWN", `No product ${sku} in the catalog.`, { field });
      const product = productJson(row);
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
      currency = product.currency;
      const available = availableUnits(row);
      if (available !== undefined && quantity > available) {
        throw new ApiError(
          "ERR_OUT_OF_STOCK",
          available === 0
            ? `${product.name} is sold out.`
            : `Only ${available} of ${product.name} left.`,
          { field: `items[${i}].quantity`, extra: { available } },
        );
      }
      return {
        sku,
        name: product.name,
        quantity,
        unitAmount: product.unitAmount,
        amount: product.unitAmount * quantity,
        vatRate: product.vatRate,
        ships: product.ships,
        ...(available !== undefined && { available }),
        weight: product.weight * quantity,
        max: product.maxInstalments,
      };
    },
  );
  return { lines, currency: currency ?? "EUR" };
}

const choiceJson = (option: ShippingOption): ShippingJson => ({
  method: option.method.id,
  name: option.method.name,
  amount: option.amount,
});

/**
 * The instalment counts a cart may be split into: none unless the terminal is a split-payment one, and at most
 * the smallest `maxInstalments` of its products (and never more instalments than minor units).
 *
 * @throws {ApiError} `ERR_INSTALMENTS_UNAVAILABLE` (422) when the count asked for is not among them.
 */
function offeredInstalments(
  lines: readonly { max: number }[],
  total: number,
  asked: number,
  splitTerminal: boolean,
): number[] {
  const most = Math.min(splitTerminal ? 4 : 1, ...lines.map((line) => line.max));
  const options = [2, 3, 4].filter((n) => n <= most && n <= total);
  if (asked > 1 && !options.includes(asked)) {
    throw new ApiError(
      "ERR_INSTALMENTS_UNAVAILABLE",
      splitTerminal
        ? `This cart can be paid in at most ${Math.max(1, ...options)} instalment(s): an article in it is not sold in ${asked}.`
        : "Payment in instalments needs a split-payment terminal (PAYMENT_MODE=split).",
      { field: "instalments" },
    );
  }
  return options;
}

/**
 * Prices a validated cart from the catalog in one read (products with their held units, shipping methods, the
 * promo code with its uses). Instalments are offered only on a split-payment terminal and up to the smallest
 * `maxInstalments` of the cart's products.
 *
 * @throws {ApiError} `ERR_PRODUCT_UNKNOWN`, `ERR_PRODUCT_INACTIVE`, `ERR_CURRENCY_MIXED`,
 *   `ERR_AMOUNT_EXCEEDS_LIMIT`, `ERR_INSTALMENTS_UNAVAILABLE`, `ERR_PROMO_*`, `ERR_SHIPPING_METHOD_UNKNOWN`,
 *   `ERR_SHIPPING_UNAVAILABLE` (422); `ERR_OUT_OF_STOCK` (409).
 * @example
 * const quote = await priceCart(replica(env.DB), mergeCart(body), { now, splitTerminal: false, country: "FR" });
 */
export async function priceCart(db: D1Reader, cart: Cart, ctx: PricingContext): Promise<Quote> {
  const at = ctx.now.toISOString();
  const [products, methodRows, promoRows] = await db.batch<unknown>([
    selectProductsBySku(
      db,
      cart.items.map((item) => item.sku),
      at,
    ),
    selectActiveShippingMethods(db),
    ...(cart.promoCode ? [selectPromoCode(db, cart.promoCode, at)] : []),
  ]);
  const { lines, currency } = priceLines(cart, (products?.results ?? []) as ProductStockRow[]);
  const subtotal = lines.reduce((sum, line) => sum + line.amount, 0);
  const overLimit = () =>
    new ApiError(
      "ERR_AMOUNT_EXCEEDS_LIMIT",
      `An order may total at most ${MAX_TOTAL} minor units.`,
      {
        field: "items",
      },
    );
  if (subtotal > MAX_TOTAL) throw overLimit();
  const promo = promoRows?.results[0] as PromoCodeRow | undefined;
  const discount = cart.promoCode
    ? promoDiscount(promo && promoCodeJson(promo), {
        code: cart.promoCode,
        subtotal,
        currency,
        now: ctx.now,
      })
    : 0;
  const shipped = lines.filter((line) => line.ships);
  const methods = ((methodRows?.results ?? []) as ShippingMethodRow[]).map(shippingMethodJson);
  const delivery =
    shipped.length === 0
      ? undefined
      : chooseShipping(
          methods,
          {
            country: ctx.country,
            currency,
            weight: shipped.reduce((sum, line) => sum + line.weight, 0),
            goods: subtotal - discount,
          },
          cart.shippingMethod,
        );
  const shipping = delivery?.chosen.amount ?? 0;
  const total = subtotal + shipping - discount;
  if (total <= 0) {
    throw new ApiError(
      "ERR_PROMO_NOT_APPLICABLE",
      `${cart.promoCode} would make this order free, and a card payment needs an amount.`,
      { field: "promoCode" },
    );
  }
  if (total > MAX_TOTAL) throw overLimit();
  const instalmentOptions = offeredInstalments(lines, total, cart.instalments, ctx.splitTerminal);
  return {
    currency,
    lines: lines.map(({ weight: _, max: __, ...line }) => line),
    subtotal,
    shipping: delivery ? choiceJson(delivery.chosen) : null,
    shippingMethods: delivery?.options.map(choiceJson) ?? [],
    discount: cart.promoCode ? { code: cart.promoCode, amount: discount } : null,
    vat: vatBreakdown(lines, { shipping, discount }),
    total,
    instalments: cart.instalments,
    instalmentOptions,
    ...(cart.instalments > 1 && {
      schedule: splitSchedule({ total, count: cart.instalments, firstDay: bankDay(ctx.now) }),
    }),
    method: delivery?.chosen.method ?? null,
    holds: lines
      .filter((line) => line.available !== undefined)
      .map((line) => ({ sku: line.sku, quantity: line.quantity })),
  };
}

/**
 * The destination a quote prices for: `shipping.country` upper-cased, or the shop's country when absent.
 *
 * @throws {ApiError} `ERR_ADDRESS_INVALID` (field `shipping.country`) for anything but two letters.
 */
export function quoteDestination(shipping: Record<string, unknown> | null | undefined): string {
  const country = shipping?.country;
  if (country === undefined || country === null || country === "") return DEFAULT_COUNTRY;
  if (typeof country !== "string" || !/^[A-Za-z]{2}$/.test(country.trim())) {
    throw new ApiError(
      "ERR_ADDRESS_INVALID",
      "shipping.country must be an ISO 3166-1 alpha-2 code, such as FR.",
      { field: "shipping.country" },
    );
  }
  return country.trim().toUpperCase();
}

/** The public JSON of an instalment schedule (quote and checkout answers). */
export function scheduleJson(schedule: Instalment[]) {
  return schedule.map((i) => ({ date: isoDay(i.date), amount: i.amount }));
}

/** The public JSON of a quote. */
export function quoteJson(quote: Quote, requirements: Requirements) {
  return {
    currency: quote.currency,
    lines: quote.lines,
    subtotal: quote.subtotal,
    shipping: quote.shipping,
    shippingMethods: quote.shippingMethods,
    discount: quote.discount,
    vat: quote.vat,
    total: quote.total,
    instalmentOptions: quote.instalmentOptions,
    ...(quote.schedule && { schedule: scheduleJson(quote.schedule) }),
    requirements,
  };
}
