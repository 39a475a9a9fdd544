/**
 * Checkout: a validated body becomes a priced, persisted order and its sealed payment form — one read (the
 * catalog, shipping methods and promo code; a replica may answer) and one write batch: the client's rate-limit
 * count, the stock and promo-code holds, the order (inserted only if every one of those held), its payments
 * (the order itself, its instalments or its first renewal). The order exists before the buyer leaves for the
 * bank, and concurrent checkouts never sell more units than the stock nor use a code more often than its
 * limit: each hold is a conditional INSERT that the database serialises. Orders the merchant creates
 * (merchant-orders.ts) are placed and sealed by the same functions.
 * @module
 */
import {
  FieldError,
  type Instalment,
  type OrderContext,
  type PaymentForm,
  type PaymentOrder,
} from "@sceau/protocol";
import type * as v from "valibot";
import { type Buyer, checkRequirements, type Delivery, readBuyer } from "./buyer.ts";
import { DEFAULT_COUNTRY, mergeCart, priceCart, type Quote, scheduleJson } from "./catalog.ts";
import type { TerminalSettings } from "./config.ts";
import { insertMerchantEvent } from "./db/order-events.ts";
import {
  type InsertCondition,
  insertOrder,
  type MerchantOrigin,
  newReference,
  newToken,
} from "./db/orders.ts";
import { insertPayment, type NewPayment } from "./db/payments.ts";
import {
  deleteRedemptionWithoutOrder,
  insertRedemptionWithinLimit,
  redeemed,
} from "./db/promo-codes.ts";
import { countRequest, withinLimit } from "./db/rate-limits.ts";
import { allHeld, deleteHoldsWithoutOrder, insertHoldIfAvailable } from "./db/stock-holds.ts";
import { sha256Hex } from "./encoding.ts";
import { replica } from "./env.ts";
import { ApiError } from "./errors.ts";
import { checkoutPayments } from "./ledger.ts";
import { type CountedClient, rateLimited } from "./rate-limit.ts";
import { type EmailRequirement, requirementsOf } from "./requirements.ts";
import type { CheckoutBody } from "./schemas.ts";

/**
 * How long a pending order holds its units and its promo code: an hour, the bank's validity of a pending
 * order's reference (PROTOCOL.md §9.5: "reference pending for more than ~1 h"). An abandoned order releases
 * them at once; a payment after the hold expired still takes them.
 */
export const HOLD_MINUTES = 60;

/**
 * The `shipping` member of the v4 order context (PROTOCOL.md §7.3): `digital_goods` when nothing ships,
 * `pick-up` for a method the buyer collects, otherwise the delivery address with `billing_address` or
 * `another_address`; the method's delivery time when it has one.
 */
function shippingContext(quote: Quote, delivery: Delivery): OrderContext["shipping"] {
  const method = quote.method;
  if (!method) return { shipIndicator: "digital_goods" };
  const deliveryTimeframe = method.deliveryTimeframe ?? undefined;
  if (method.pickup || !delivery.address) {
    return { shipIndicator: "pick-up", ...(deliveryTimeframe && { deliveryTimeframe }) };
  }
  // The bank's shipping member has no mobilePhone.
  const { mobilePhone: _, ...address } = delivery.address;
  return {
    ...address,
    shipIndicator: delivery.sameAsBilling ? "billing_address" : "another_address",
    ...(deliveryTimeframe && { deliveryTimeframe }),
    matchBillingAddress: delivery.sameAsBilling,
  };
}

/**
 * A buyer's return URL carrying the order's reference and token; the error and cancel URLs also say
 * `return=error` / `return=cancel`, so `<sceau-order-status>` can tell at once that the payment did not
 * complete, even when a shop sends both returns to the same page.
 */
function withOrder(
  url: URL,
  order: { reference: string; token: string },
  returned?: "error" | "cancel",
): string {
  const out = new URL(url);
  out.searchParams.set("reference", order.reference);
  out.searchParams.set("token", order.token);
  if (returned) out.searchParams.set("return", returned);
  return out.href;
}

/** What a checkout needs besides the body. */
export interface CheckoutContext {
  db: D1Database;
  settings: TerminalSettings;
  /** The shop's setting for the buyer's e-mail address (`BUYER_EMAIL`). */
  email: EmailRequirement;
  urls: { ok: URL; error: URL; cancel?: URL };
  /** The client counted against `CHECKOUT_RATE_LIMIT`, when it is counted. */
  counted?: CountedClient | undefined;
  now: Date;
}

/** The answer of a checkout: the order the buyer holds and the form their browser posts. */
export interface CheckoutResult {
  order: {
    reference: string;
    token: string;
    status: "pending";
    subtotal: number;
    shipping: Quote["shipping"];
    discount: Quote["discount"];
    vat: Quote["vat"];
    total: number;
    currency: string;
    schedule?: ReturnType<typeof scheduleJson>;
  };
  form: Pick<PaymentForm, "action" | "method" | "fields">;
}
/** What the payment form of an order is built from: the order, and this form's own choices. */
export interface FormRequest {
  order: {
    reference: string;
    total: number;
    currency: string;
    email: string | undefined;
    /** The v4 order context (billing and shipping); absent without a billing address. */
    context: OrderContext | undefined;
    /** A split payment's instalments. */
    schedule?: Instalment[] | undefined;
  };
  /** The payment page's language (`lgue`). */
  lang: string;
  /** The form's instant, sealed in `date`. */
  now: Date;
  returnUrls: NonNullable<PaymentOrder["returnUrls"]>;
  /** Further v4 fields (the 3-D Secure choice of a card the merchant keys). */
  extraFields?: Record<string, string> | undefined;
}

/**
 * Seals the payment form of an order — at checkout, and again each time a payment link is opened (a new
 * `date`, the same order). A value the bank would refuse is the buyer's to fix: an address member is named as
 * the buyer sent it (`billing.city`); any other field keeps the library's code (answered 400 by `onError`).
 *
 * @throws {ApiError} `ERR_ADDRESS_INVALID`; the library's `ERR_FIELD_*` errors.
 */
export async function sealPaymentForm(
  settings: TerminalSettings,
  request: FormRequest,
): Promise<PaymentForm> {
  const { order } = request;
  const v4 = settings.format === "v4";
  try {
    return await settings.terminal.paymentForm({
      reference: order.reference,
      amount: order.total,
      currency: order.currency,
      language: request.lang,
      date: request.now,
      ...(order.email && { email: order.email }),
      returnUrls: request.returnUrls,
      ...(order.schedule && {
        split: { schedule: order.schedule, dayRule: settings.rules.splitDayRule },
      }),
      ...(order.context && v4 && { context: order.context }),
      ...(request.extraFields && v4 && { extraFields: request.extraFields }),
    });
  } catch (error) {
    if (error instanceof FieldError && error.field.startsWith("contexte_commande")) {
      throw new ApiError("ERR_ADDRESS_INVALID", error.message, {
        field: error.field.slice("contexte_commande.".length),
      });
    }
    throw error;
  }
}

/** The statements of one checkout, and where their results are in the batch's answer. */
function orderBatch(
  ctx: PlaceContext,
  quote: Quote,
  order: Parameters<typeof insertOrder>[1],
  payments: readonly NewPayment[],
) {
  const { db, counted } = ctx;
  const at = ctx.now.toISOString();
  const expiresAt = new Date(ctx.now.getTime() + HOLD_MINUTES * 60_000).toISOString();
  const reference = order.reference;
  const code = quote.discount?.code;
  const conditions: InsertCondition[] = [
    ...(counted ? [withinLimit(counted.client, counted.window.start, counted.limit.limit)] : []),
    ...(quote.holds.length > 0 ? [allHeld(reference, quote.holds.length)] : []),
    ...(code ? [redeemed(reference)] : []),
  ];
  const limit = counted
    ? countRequest(db, counted.client, counted.window.start, counted.limit.windowSeconds)
    : [];
  const holds = quote.holds.map((hold) =>
    insertHoldIfAvailable(db, { reference, ...hold, expiresAt }, at),
  );
  const redemption = code
    ? [insertRedemptionWithinLimit(db, { reference, code, expiresAt }, at)]
    : [];
  const statements = [
    ...limit,
    ...holds,
    ...redemption,
    insertOrder(db, order, conditions),
    ...payments.map((payment) => insertPayment(db, reference, payment, "pending", at)),
    ...(order.merchant
      ? [
          insertMerchantEvent(db, {
            reference,
            at,
            kind: "created",
            detail: order.merchant.channel,
          }),
        ]
      : []),
    ...(holds.length > 0 ? [deleteHoldsWithoutOrder(db, reference)] : []),
    ...(code ? [deleteRedemptionWithoutOrder(db, reference)] : []),
  ];
  return {
    statements,
    /** Where the rate-limit count, the first hold and the order are in the batch's results. */
    index: {
      count: limit.length - 1,
      holds: limit.length,
      order: limit.length + holds.length + redemption.length,
    },
  };
}

/**
 * What went wrong when the batch did not create the order: the rate limit first (it says nothing about
 * stock), then the first line whose units were taken meanwhile, then the promo code's last use.
 */
function notCreated(
  ctx: PlaceContext,
  quote: Quote,
  results: D1Result<{ count?: number }>[],
  index: ReturnType<typeof orderBatch>["index"],
): ApiError {
  const { counted } = ctx;
  if (counted && (results[index.count]?.results[0]?.count ?? 0) > counted.limit.limit) {
    return rateLimited(counted.window.retryAfter, "orders");
  }
  const short = quote.holds.findIndex((_, i) => results[index.holds + i]?.meta.changes === 0);
  const hold = quote.holds[short];
  if (hold) {
    const line = quote.lines.findIndex((l) => l.sku === hold.sku);
    return new ApiError(
      "ERR_OUT_OF_STOCK",
      `${quote.lines[line]?.name ?? hold.sku}: not enough left for this order any more.`,
      { field: `items[${line}].quantity` },
    );
  }
  return new ApiError(
    "ERR_PROMO_EXHAUSTED",
    `${quote.discount?.code} has been used as often as it may be.`,
    { field: "promoCode" },
  );
}

/** The destination of a checkout: the shipping address's country, else the billing address's, else the shop's. */
function destination(buyer: Buyer): string {
  return (buyer.shipping ?? buyer.billing)?.country ?? DEFAULT_COUNTRY;
}

/** A priced order about to be persisted: its buyer and delivery, its price, the token it is read with. */
export interface OrderDraft {
  quote: Quote;
  buyer: Buyer;
  delivery: Delivery;
  token: string;
  /** The return URLs of its reference (chosen when the order is persisted). */
  returnUrls: (reference: string) => FormRequest["returnUrls"];
  /** Set for an order the merchant creates. */
  merchant?: MerchantOrigin | undefined;
  extraFields?: Record<string, string> | undefined;
}

/** What placing an order needs besides the draft. */
export type PlaceContext = Pick<CheckoutContext, "db" | "settings" | "counted" | "now">;

/**
 * Persists and seals a priced order: a new reference, the form sealed for it, then one batch — the client's
 * rate-limit count, the stock and promo-code holds, the order (only if all held), its payments, and for a
 * merchant's order the event that says who created it.
 *
 * @throws {ApiError} `ERR_OUT_OF_STOCK` (409), `ERR_PROMO_EXHAUSTED`, `ERR_RATE_LIMITED` (429); the seal's
 *   errors.
 */
export async function placeOrder(
  draft: OrderDraft,
  ctx: PlaceContext,
): Promise<{ reference: string; form: PaymentForm }> {
  const { settings, now } = ctx;
  const { quote, buyer, delivery } = draft;
  const payments = checkoutPayments(settings.rules, {
    date: now,
    total: quote.total,
    schedule: quote.schedule,
  });
  const tokenHash = await sha256Hex(draft.token);
  const context: OrderContext | undefined =
    buyer.billing && settings.format === "v4"
      ? { billing: buyer.billing, shipping: shippingContext(quote, delivery) }
      : undefined;
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    const form = await sealPaymentForm(settings, {
      order: {
        reference,
        total: quote.total,
        currency: quote.currency,
        email: buyer.email,
        context,
        schedule: quote.schedule,
      },
      lang: buyer.lang,
      now,
      returnUrls: draft.returnUrls(reference),
      extraFields: draft.extraFields,
    });
    const batch = orderBatch(
      ctx,
      quote,
      {
        reference,
        tokenHash,
        total: quote.total,
        currency: quote.currency,
        lang: buyer.lang,
        email: buyer.email ?? null,
        lines: quote.lines.map(({ available: _, ...line }) => line),
        billing: buyer.billing ?? null,
        shipping: delivery.address ?? null,
        instalments: quote.instalments,
        macFormat: settings.format,
        tpe: settings.tpe,
        paymentMode: settings.rules.mode,
        at: now.toISOString(),
        subtotal: quote.subtotal,
        shippingMethod: quote.shipping,
        discount: quote.discount,
        vat: quote.vat,
        merchant: draft.merchant,
      },
      payments,
    );
    let results: D1Result<{ count?: number }>[];
    try {
      results = await ctx.db.batch<{ count?: number }>(batch.statements);
    } catch (error) {
      // A reference collision (1 in 36^12) gets a new reference; anything else is a real failure.
      if (attempt < 2 && String(error).includes("UNIQUE")) continue;
      throw error;
    }
    if (results[batch.index.order]?.meta.changes !== 1) {
      throw notCreated(ctx, quote, results, batch.index);
    }
    return { reference, form };
  }
}

/**
 * Prices, persists and seals one order.
 *
 * @throws {ApiError} the body's, the catalog's or the buyer's problem (`ERR_LANGUAGE_INVALID`,
 *   `ERR_PRODUCT_UNKNOWN`, `ERR_SHIPPING_REQUIRED`, `ERR_PROMO_EXPIRED`…), `ERR_OUT_OF_STOCK` (409),
 *   `ERR_RATE_LIMITED` (429) when the client's window is spent.
 * @example
 * const { order, form } = await createCheckout(body, { db: env.DB, settings, email: "optional", urls, now });
 */
export async function createCheckout(
  body: v.InferOutput<typeof CheckoutBody>,
  ctx: CheckoutContext,
): Promise<CheckoutResult> {
  const { settings, now } = ctx;
  const cart = mergeCart(body);
  const buyer = readBuyer(body, settings);
  const quote = await priceCart(replica(ctx.db), cart, {
    now,
    rules: settings.rules,
    country: destination(buyer),
  });
  const delivery = checkRequirements(
    buyer,
    requirementsOf(quote, { format: settings.format, email: ctx.email }),
  );
  const token = newToken();
  const { reference, form } = await placeOrder(
    {
      quote,
      buyer,
      delivery,
      token,
      returnUrls: (reference) => ({
        ok: withOrder(ctx.urls.ok, { reference, token }),
        error: withOrder(ctx.urls.error, { reference, token }, "error"),
        ...(ctx.urls.cancel && {
          cancel: withOrder(ctx.urls.cancel, { reference, token }, "cancel"),
        }),
      }),
    },
    ctx,
  );
  return {
    order: {
      reference,
      token,
      status: "pending",
      subtotal: quote.subtotal,
      shipping: quote.shipping,
      discount: quote.discount,
      vat: quote.vat,
      total: quote.total,
      currency: quote.currency,
      ...(quote.schedule && { schedule: scheduleJson(quote.schedule) }),
    },
    form: { action: form.action, method: form.method, fields: form.fields },
  };
}
