/**
 * Checkout: a validated body becomes a priced, persisted order and its sealed payment form — one read of
 * the catalog (a replica may answer) and one write batch (the client's rate-limit count, the order, its
 * schedule), so the order exists before the buyer leaves for the bank. Orders the merchant creates
 * (merchant-orders.ts) are placed and sealed by the same functions.
 * @module
 */
import {
  diagnoseAddress,
  FieldError,
  type Instalment,
  isEmailAddress,
  LANGUAGES,
  type OrderAddress,
  type OrderContext,
  type PaymentForm,
  type PaymentOrder,
} from "@sceau/protocol";
import type * as v from "valibot";
import { isoDay, mergeCart, priceCart, type Quote, scheduleJson } from "./catalog.ts";
import type { TerminalSettings } from "./config.ts";
import { insertInstalment } from "./db/instalments.ts";
import { insertMerchantEvent } from "./db/order-events.ts";
import { insertOrder, type MerchantOrigin, newReference, newToken } from "./db/orders.ts";
import { countRequest } from "./db/rate-limits.ts";
import { sha256Hex } from "./encoding.ts";
import { replica } from "./env.ts";
import { ApiError } from "./errors.ts";
import { type CountedClient, rateLimited } from "./rate-limit.ts";
import type { CheckoutBody } from "./schemas.ts";

const ADDRESS_MEMBERS = [
  "civility",
  "name",
  "firstName",
  "lastName",
  "addressLine1",
  "addressLine2",
  "addressLine3",
  "city",
  "postalCode",
  "country",
  "stateOrProvince",
  "email",
  "phone",
  "mobilePhone",
] as const;

/**
 * Reads an address of the body: only the documented members, as strings, each checked against the bank's
 * rules (lengths, formats, no control characters) in either MAC format — on a v3 terminal the address is
 * only stored, but it still ends up in the merchant's pages and exports.
 *
 * @throws {ApiError} `ERR_ADDRESS_INVALID` naming the member (`billing.city`).
 */
function readAddress(
  source: Record<string, unknown> | null | undefined,
  field: "billing" | "shipping",
  required: boolean,
): OrderAddress | undefined {
  if (!source) return undefined;
  const address: Record<string, string> = {};
  for (const name of ADDRESS_MEMBERS) {
    const member = source[name];
    if (member === undefined || member === null || member === "") continue;
    if (typeof member !== "string" || member.length > 255) {
      throw new ApiError("ERR_ADDRESS_INVALID", `${field}.${name} must be a short string.`, {
        field: `${field}.${name}`,
      });
    }
    address[name] = member.trim();
  }
  const [problem] = diagnoseAddress(address, field, { required });
  if (problem) {
    throw new ApiError("ERR_ADDRESS_INVALID", problem.message, {
      field: problem.field.slice("contexte_commande.".length),
    });
  }
  return address as OrderAddress;
}

/** The buyer's members of a checkout or of a merchant's order, as validated by their schema. */
export type BuyerFields = Pick<
  v.InferOutput<typeof CheckoutBody>,
  "lang" | "email" | "billing" | "shipping"
>;

/** The buyer of an order, checked against the terminal's format. */
export interface Buyer {
  lang: string;
  email: string | undefined;
  billing: OrderAddress | undefined;
  shipping: OrderAddress | undefined;
}

/**
 * Reads the buyer's details, checked against the terminal's format: the same rules for what a buyer types at
 * checkout and what a merchant types for a phone order or a payment link.
 *
 * @throws {ApiError} `ERR_LANGUAGE_INVALID`, `ERR_EMAIL_INVALID`, `ERR_ADDRESS_INVALID`, `ERR_BILLING_REQUIRED`.
 */
export function readBuyer(body: BuyerFields, settings: TerminalSettings): Buyer {
  const languages = LANGUAGES[settings.format];
  const lang = (body.lang ?? "FR").toUpperCase();
  if (!languages.includes(lang)) {
    throw new ApiError("ERR_LANGUAGE_INVALID", `lang must be one of ${languages.join(", ")}.`, {
      field: "lang",
    });
  }
  const email = body.email || undefined;
  if (email !== undefined && !isEmailAddress(email)) {
    throw new ApiError(
      "ERR_EMAIL_INVALID",
      "email must be a plain e-mail address (letters, digits and . _ % + - before the @; no spaces, quotes, * = or ;).",
      { field: "email" },
    );
  }
  const billing = readAddress(body.billing, "billing", settings.format === "v4");
  const shipping = readAddress(body.shipping, "shipping", false);
  if (settings.format === "v4" && !billing) {
    throw new ApiError(
      "ERR_BILLING_REQUIRED",
      "A billing address (addressLine1, city, postalCode, country) is required for 3-D Secure v2.",
      { field: "billing" },
    );
  }
  return { lang, email, billing, shipping };
}

/** The buyer's return URLs, each carrying the order's reference and token. */
function withOrder(url: URL, reference: string, token: string): string {
  const out = new URL(url);
  out.searchParams.set("reference", reference);
  out.searchParams.set("token", token);
  return out.href;
}

/** What a checkout needs besides the body. */
export interface CheckoutContext {
  db: D1Database;
  settings: TerminalSettings;
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
    total: number;
    currency: string;
    schedule?: ReturnType<typeof scheduleJson>;
  };
  form: Pick<PaymentForm, "action" | "method" | "fields">;
}

/** What the payment form of an order is built from: the order as stored, and this form's own choices. */
export interface FormRequest {
  order: {
    reference: string;
    total: number;
    currency: string;
    email: string | undefined;
    billing: OrderAddress | undefined;
    shipping: OrderAddress | undefined;
  };
  /** The payment page's language (`lgue`). */
  lang: string;
  /** The form's instant, sealed in `date`. */
  now: Date;
  returnUrls: NonNullable<PaymentOrder["returnUrls"]>;
  schedule?: Instalment[] | undefined;
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
  const context: OrderContext | undefined =
    order.billing && settings.format === "v4"
      ? { billing: order.billing, ...(order.shipping && { shipping: order.shipping }) }
      : undefined;
  try {
    return await settings.terminal.paymentForm({
      reference: order.reference,
      amount: order.total,
      currency: order.currency,
      language: request.lang,
      date: request.now,
      ...(order.email && { email: order.email }),
      returnUrls: request.returnUrls,
      ...(request.schedule && { split: { schedule: request.schedule } }),
      ...(context && { context }),
      ...(request.extraFields && settings.format === "v4" && { extraFields: request.extraFields }),
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

/** A priced order about to be persisted: its buyer, its price, the token it is read with. */
export interface OrderDraft {
  quote: Quote;
  buyer: Buyer;
  token: string;
  /** The return URLs of its reference (chosen when the order is persisted). */
  returnUrls: (reference: string) => FormRequest["returnUrls"];
  /** Set for an order the merchant creates. */
  merchant?: MerchantOrigin | undefined;
  extraFields?: Record<string, string> | undefined;
}

/**
 * Persists and seals a priced order: a new reference, the form sealed for it, then one batch — the client's
 * rate-limit count, the order (only within the limit), its schedule, and for a merchant's order the event
 * that says who created it.
 *
 * @throws {ApiError} `ERR_RATE_LIMITED` (429) when the client's window is spent; the seal's errors.
 */
export async function placeOrder(
  draft: OrderDraft,
  ctx: Omit<CheckoutContext, "urls">,
): Promise<{ reference: string; form: PaymentForm }> {
  const { settings, now, counted } = ctx;
  const { quote, buyer, merchant } = draft;
  const tokenHash = await sha256Hex(draft.token);
  const at = now.toISOString();
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    const form = await sealPaymentForm(settings, {
      order: { reference, total: quote.total, currency: quote.currency, ...buyer },
      lang: buyer.lang,
      now,
      returnUrls: draft.returnUrls(reference),
      schedule: quote.schedule,
      extraFields: draft.extraFields,
    });
    const statements = [
      ...(counted
        ? countRequest(ctx.db, counted.client, counted.window.start, counted.limit.windowSeconds)
        : []),
      insertOrder(
        ctx.db,
        {
          reference,
          tokenHash,
          total: quote.total,
          currency: quote.currency,
          lang: buyer.lang,
          email: buyer.email ?? null,
          lines: quote.lines,
          billing: buyer.billing ?? null,
          shipping: buyer.shipping ?? null,
          instalments: quote.instalments,
          macFormat: settings.format,
          tpe: settings.tpe,
          at,
          merchant,
        },
        counted && {
          client: counted.client,
          start: counted.window.start,
          limit: counted.limit.limit,
        },
      ),
      ...(quote.schedule ?? []).map((instalment, i) =>
        insertInstalment(
          ctx.db,
          reference,
          { number: i + 1, dueDate: isoDay(instalment.date), amount: instalment.amount },
          at,
        ),
      ),
      ...(merchant
        ? [
            insertMerchantEvent(ctx.db, {
              reference,
              at,
              kind: "created",
              detail: merchant.channel,
            }),
          ]
        : []),
    ];
    let results: D1Result<{ count?: number }>[];
    try {
      results = await ctx.db.batch<{ count?: number }>(statements);
    } catch (error) {
      // A reference collision (1 in 36^12) gets a new reference; anything else is a real failure.
      if (attempt < 2 && String(error).includes("UNIQUE")) continue;
      throw error;
    }
    if (counted && (results[1]?.results[0]?.count ?? 0) > counted.limit.limit) {
      throw rateLimited(counted.window.retryAfter, "orders");
    }
    return { reference, form };
  }
}

/**
 * Prices, persists and seals one order.
 *
 * @throws {ApiError} the body's or the catalog's problem (`ERR_LANGUAGE_INVALID`, `ERR_PRODUCT_UNKNOWN`…),
 *   `ERR_RATE_LIMITED` (429) when the client's window is spent.
 */
export async function createCheckout(
  body: v.InferOutput<typeof CheckoutBody>,
  ctx: CheckoutContext,
): Promise<CheckoutResult> {
  const { settings, now } = ctx;
  const cart = mergeCart(body);
  const buyer = readBuyer(body, settings);
  const quote: Quote = await priceCart(
    replica(ctx.db),
    cart,
    now,
    settings.paymentMode === "split",
  );
  const token = newToken();
  const { reference, form } = await placeOrder(
    {
      quote,
      buyer,
      token,
      returnUrls: (reference) => ({
        ok: withOrder(ctx.urls.ok, reference, token),
        error: withOrder(ctx.urls.error, reference, token),
        ...(ctx.urls.cancel && { cancel: withOrder(ctx.urls.cancel, reference, token) }),
      }),
    },
    ctx,
  );
  return {
    order: {
      reference,
      token,
      status: "pending",
      total: quote.total,
      currency: quote.currency,
      ...(quote.schedule && { schedule: scheduleJson(quote.schedule) }),
    },
    form: { action: form.action, method: form.method, fields: form.fields },
  };
}
