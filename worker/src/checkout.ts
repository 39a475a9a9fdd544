/**
 * Checkout: a validated body becomes a priced, persisted order and its sealed payment form — one read of
 * the catalog (a replica may answer) and one write batch (the client's rate-limit count, the order, its
 * schedule), so the order exists before the buyer leaves for the bank.
 * @module
 */
import {
  diagnoseAddress,
  FieldError,
  isEmailAddress,
  LANGUAGES,
  type OrderAddress,
  type OrderContext,
  type PaymentForm,
} from "@sceau/protocol";
import type * as v from "valibot";
import { isoDay, mergeCart, priceCart, type Quote, scheduleJson } from "./catalog.ts";
import type { TerminalSettings } from "./config.ts";
import { insertInstalment } from "./db/instalments.ts";
import { insertOrder, newReference, newToken } from "./db/orders.ts";
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

/** The buyer's details of a checkout, checked against the terminal's format. */
function readBuyer(body: v.InferOutput<typeof CheckoutBody>, settings: TerminalSettings) {
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

/**
 * Seals the form. A value the bank would refuse is the buyer's to fix: an address member is named as the
 * buyer sent it (`billing.city`); any other field keeps the library's code (answered 400 by `onError`).
 */
async function seal(
  settings: TerminalSettings,
  order: Parameters<TerminalSettings["terminal"]["paymentForm"]>[0],
): Promise<PaymentForm> {
  try {
    return await settings.terminal.paymentForm(order);
  } catch (error) {
    if (error instanceof FieldError && error.field.startsWith("contexte_commande")) {
      throw new ApiError("ERR_ADDRESS_INVALID", error.message, {
        field: error.field.slice("contexte_commande.".length),
      });
    }
    throw error;
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
  const tokenHash = await sha256Hex(token);
  const context: OrderContext | undefined =
    buyer.billing && settings.format === "v4"
      ? { billing: buyer.billing, ...(buyer.shipping && { shipping: buyer.shipping }) }
      : undefined;
  const at = now.toISOString();
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    const form = await seal(settings, {
      reference,
      amount: quote.total,
      currency: quote.currency,
      language: buyer.lang,
      date: now,
      ...(buyer.email && { email: buyer.email }),
      returnUrls: {
        ok: withOrder(ctx.urls.ok, { reference, token }),
        error: withOrder(ctx.urls.error, { reference, token }, "error"),
        ...(ctx.urls.cancel && {
          cancel: withOrder(ctx.urls.cancel, { reference, token }, "cancel"),
        }),
      },
      ...(quote.schedule && { split: { schedule: quote.schedule } }),
      ...(context && { context }),
    });
    const counted = ctx.counted;
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
}
