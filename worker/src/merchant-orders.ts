/**
 * Orders the merchant creates: a phone or mail order (VPC), whose card the merchant keys on the bank's page
 * as the buyer dictates it, and a payment link the buyer opens. Each is priced and placed like a shop order
 * (checkout.ts: the same reference rules, state machine and Retour) from catalog items or from a free amount,
 * and gets a payment link either way.
 *
 * Mail and telephone orders are outside strong customer authentication: there is no buyer at the card page to
 * authenticate. The bank's form has no field that says "mail or telephone order"; the Monetico Paiement
 * documentation v2.0 (PROTOCOL.md §7.2, S8) gives two v4 fields about 3-D Secure, and a phone order's form
 * posts both:
 * - `3dsdebrayable=1`: the merchant disables the cardholder's authentication for this payment (the "3-D Secure
 *   débrayable" option); the Retour says whether the bank granted it (`statutdebrayageauthentification`:
 *   `1` granted, `-1` not for this card, `-2` not with this terminal's options — the payment then goes on with
 *   3-D Secure rather than being refused);
 * - `ThreeDSecureChallenge=no_challenge_requested`: should 3-D Secure run anyway, the merchant asks for no
 *   challenge (a wish the issuer may overrule).
 * A v3 terminal (CM-CIC p@iement 3.0) has no such field: 3-D Secure there is the terminal's setting, and a
 * merchant taking phone orders asks the bank for a terminal without it. A payment link is paid by the buyer,
 * online: its form asks for nothing, 3-D Secure applies as in the shop.
 * @module
 */
import { bankDay, FieldError, minorDigits, type PaymentForm, splitSchedule } from "@sceau/protocol";
import type * as v from "valibot";
import { checkRequirements, readBuyer } from "./buyer.ts";
import { DEFAULT_COUNTRY, MAX_TOTAL, mergeCart, priceCart, type Quote } from "./catalog.ts";
import { placeOrder, sealPaymentForm } from "./checkout.ts";
import type { TerminalSettings } from "./config.ts";
import { type RefusalsRow, selectRefusals } from "./db/notifications.ts";
import { insertEventIfChanged } from "./db/order-events.ts";
import { type MerchantOrigin, type OrderRow, renewLink, selectOrder } from "./db/orders.ts";
import { type PaymentRow, selectPayments } from "./db/payments.ts";
import { sha256Hex } from "./encoding.ts";
import { type Env, replica } from "./env.ts";
import { ApiError } from "./errors.ts";
import {
  type LinkState,
  linkExpiry,
  linkToken,
  newLinkNonce,
  paymentState,
  payUrl,
  storedOrder,
} from "./payment-link.ts";
import { requirementsOf } from "./requirements.ts";
import type { MerchantOrderBody } from "./schemas.ts";

/** The v4 fields of a card the merchant keys (see the module comment). */
export const MERCHANT_KEYED_FIELDS: Readonly<Record<string, string>> = {
  "3dsdebrayable": "1",
  ThreeDSecureChallenge: "no_challenge_requested",
};

/** The console's page of an order, where the bank sends the merchant back after keying a card. */
export function consoleOrderUrl(origin: string, reference: string): string {
  return new URL(`/admin/#/orders/${reference}`, origin).href;
}

/**
 * A free amount as a one-line order: the description is the line's name. Within the bank's limits: the
 * worker's {@link MAX_TOTAL} in minor units and an ISO 4217 currency, whose minor digits write the amount
 * (PROTOCOL.md §9.1); the seal then refuses more than 2 decimals on a v3 terminal, which would round them.
 * Paid like any order of the terminal's mode: split in the terminal's instalments on a split terminal,
 * renewed on a recurring one. Nothing ships and no VAT is itemised (the merchant typed a total, not a rate).
 *
 * @throws {ApiError} `ERR_AMOUNT_EXCEEDS_LIMIT` (422); the library's `ERR_CURRENCY_UNKNOWN` (field `currency`).
 */
export function freeAmountQuote(
  free: { amount: number; currency: string; description: string },
  settings: Pick<TerminalSettings, "rules">,
  now: Date,
): Quote {
  minorDigits(free.currency, "currency");
  if (free.amount > MAX_TOTAL) {
    throw new ApiError(
      "ERR_AMOUNT_EXCEEDS_LIMIT",
      `An order may total at most ${MAX_TOTAL} minor units.`,
      { field: "amount" },
    );
  }
  const { rules } = settings;
  const shares = rules.splitPercentages;
  const instalments = rules.mode === "split" ? (shares?.length ?? rules.splitCount) : 1;
  const line = { sku: "", name: free.description, quantity: 1, unitAmount: free.amount };
  return {
    currency: free.currency,
    lines: [{ ...line, amount: free.amount, vatRate: 0, ships: false }],
    subtotal: free.amount,
    shipping: null,
    shippingMethods: [],
    discount: null,
    vat: [],
    total: free.amount,
    instalments,
    instalmentOptions: [],
    ...(instalments > 1 && {
      schedule: splitSchedule({
        total: free.amount,
        firstDay: bankDay(now),
        dayRule: rules.splitDayRule,
        ...(shares ? { percentages: [...shares] } : { count: instalments }),
      }),
    }),
    ...(rules.mode === "recurring" && {
      subscription: {
        amount: free.amount,
        periodMonths: rules.recurrence.periodMonths,
        maxRenewals: rules.recurringMaxRenewals,
      },
    }),
    method: null,
    holds: [],
  };
}

/** What creating a merchant's order needs besides the body. */
export interface MerchantOrderContext {
  db: D1Database;
  env: Env;
  settings: TerminalSettings;
  /** This worker's origin, which serves the payment link and the console. */
  origin: string;
  linkDays: number;
  now: Date;
}

/** The answer: the order, its payment link, and the sealed form of the channel's first payment. */
export interface MerchantOrderResult {
  order: {
    reference: string;
    status: "pending";
    total: number;
    currency: string;
    channel: MerchantOrigin["channel"];
    operator: string | null;
    description: string | null;
    lines: Quote["lines"];
    link: { expiresAt: string; openedAt: null };
  };
  payUrl: string;
  form: { action: string; method: "POST"; fields: Readonly<Record<string, string>> };
}

/** The return URLs of a merchant's order: the console after a keyed card, the payment page after a link. */
function returnUrls(channel: MerchantOrigin["channel"], origin: string, token: string) {
  return (reference: string) =>
    channel === "phone"
      ? { ok: consoleOrderUrl(origin, reference), error: consoleOrderUrl(origin, reference) }
      : {
          ok: payUrl(origin, reference, token, "ok"),
          error: payUrl(origin, reference, token, "error"),
        };
}

/**
 * Prices, persists and seals an order the merchant creates: from catalog items (one read, a replica may
 * answer) or a free amount, then one write batch (the order and the event saying who created it).
 *
 * @throws {ApiError} the body's, the catalog's or the buyer's problem (`ERR_PRODUCT_UNKNOWN`,
 *   `ERR_AMOUNT_EXCEEDS_LIMIT`, `ERR_BILLING_REQUIRED`…).
 * @example
 * const { payUrl } = await createMerchantOrder(
 *   { channel: "link", amount: 4500, currency: "EUR", description: "Facture 2026-114", billing },
 *   { db: env.DB, env, settings, origin: "https://pay.example", linkDays: 7, now: new Date() },
 * );
 */
export async function createMerchantOrder(
  body: v.InferOutput<typeof MerchantOrderBody>,
  ctx: MerchantOrderContext,
): Promise<MerchantOrderResult> {
  const { settings, now } = ctx;
  const channel = body.channel;
  const buyer = readBuyer(body, settings);
  const quote =
    body.amount !== undefined
      ? freeAmountQuote(
          {
            amount: body.amount,
            currency: body.currency ?? "",
            description: body.description ?? "",
          },
          settings,
          now,
        )
      : await priceCart(replica(ctx.db), mergeCart(body), {
          now,
          rules: settings.rules,
          country: (buyer.shipping ?? buyer.billing)?.country ?? DEFAULT_COUNTRY,
        });
  // The same requirements as the shop's (a delivery address for what ships); the e-mail is the merchant's choice.
  const delivery = checkRequirements(
    buyer,
    requirementsOf(quote, { format: settings.format, email: "optional" }),
  );
  const nonce = newLinkNonce();
  const token = await linkToken(ctx.env, nonce);
  const merchant: MerchantOrigin = {
    channel,
    operator: body.operator ?? null,
    description: body.description ?? null,
    linkNonce: nonce,
    linkExpiresAt: linkExpiry(now, ctx.linkDays),
  };
  const { reference, form } = await placeOrder(
    {
      quote,
      buyer,
      delivery,
      token,
      returnUrls: returnUrls(channel, ctx.origin, token),
      merchant,
      ...(channel === "phone" && { extraFields: MERCHANT_KEYED_FIELDS }),
    },
    { db: ctx.db, settings, now },
  ).catch((error: unknown) => {
    // The amount the bank could not take exactly is the merchant's `amount`.
    if (error instanceof FieldError && error.field === "montant") {
      throw new ApiError("ERR_AMOUNT_INVALID", error.message, { field: "amount" });
    }
    throw error;
  });
  return {
    order: {
      reference,
      status: "pending",
      total: quote.total,
      currency: quote.currency,
      channel,
      operator: merchant.operator,
      description: merchant.description,
      lines: quote.lines,
      link: { expiresAt: merchant.linkExpiresAt, openedAt: null },
    },
    payUrl: payUrl(ctx.origin, reference, token),
    form: { action: form.action, method: form.method, fields: form.fields },
  };
}

/** Where a merchant's order stands, read in one batch: the order and the refusals notified for it. */
async function readMerchantOrder(db: D1Database, reference: string) {
  const [orders, refusals, payments] = await db.batch<OrderRow | RefusalsRow | PaymentRow>([
    selectOrder(db, reference),
    selectRefusals(db, reference),
    selectPayments(db, reference),
  ]);
  const order = orders?.results[0] as OrderRow | undefined;
  if (!order) throw new ApiError("ERR_ORDER_NOT_FOUND", `No order ${reference}.`);
  if (order.channel === "shop") {
    throw new ApiError(
      "ERR_ORDER_NOT_PAYABLE",
      `Order ${reference} was placed in the shop: only orders the merchant created are paid from the console.`,
    );
  }
  const counts = (refusals?.results[0] as RefusalsRow | undefined) ?? {
    refusals: 0,
    first_refusal_at: null,
  };
  return { order, counts, payments: (payments?.results ?? []) as PaymentRow[] };
}

/** The error for an order that cannot be paid any more, saying why. */
function notPayable(order: OrderRow, state: LinkState): ApiError {
  const why =
    state.kind === "exhausted"
      ? "the bank accepts no more card attempts on its reference (PROTOCOL.md §9.5)"
      : `it is ${order.status}`;
  return new ApiError("ERR_ORDER_NOT_PAYABLE", `Order ${order.reference} cannot be paid: ${why}.`);
}

/**
 * A new sealed form for the merchant to key a card on an order they created (another card after a refusal,
 * a phone call after a link): the phone order's 3-D Secure fields, the order's language, back to the
 * console. The link's own expiry does not apply; the bank's limits on the reference do.
 *
 * @throws {ApiError} `ERR_ORDER_NOT_FOUND` (404), `ERR_ORDER_NOT_PAYABLE` (409).
 */
export async function keyedCardForm(
  ctx: Pick<MerchantOrderContext, "db" | "settings" | "origin" | "now">,
  reference: string,
): Promise<PaymentForm> {
  const { order, counts, payments } = await readMerchantOrder(ctx.db, reference);
  const state = paymentState(order, counts, ctx.now);
  if (state.kind !== "payable") throw notPayable(order, state);
  return sealPaymentForm(ctx.settings, {
    order: storedOrder(order, payments),
    lang: order.lang,
    now: ctx.now,
    returnUrls: {
      ok: consoleOrderUrl(ctx.origin, reference),
      error: consoleOrderUrl(ctx.origin, reference),
    },
    extraFields: MERCHANT_KEYED_FIELDS,
  });
}

/**
 * Gives an order the merchant created a new payment link, valid `linkDays` from now: a new token, so the old
 * link stops working. One batch: the conditional update, its event, the order.
 *
 * @throws {ApiError} `ERR_ORDER_NOT_FOUND` (404), `ERR_ORDER_NOT_PAYABLE` (409) for a shop order or one that is
 *   paid, closed or out of the bank's attempts.
 */
export async function renewPaymentLink(
  ctx: Pick<MerchantOrderContext, "db" | "env" | "origin" | "linkDays" | "now">,
  reference: string,
): Promise<{ payUrl: string; link: { expiresAt: string; openedAt: null } }> {
  const { order, counts } = await readMerchantOrder(ctx.db, reference);
  const expiresAt = linkExpiry(ctx.now, ctx.linkDays);
  const state = paymentState(order, counts, ctx.now);
  if (state.kind !== "payable") throw notPayable(order, state);
  const nonce = newLinkNonce();
  const token = await linkToken(ctx.env, nonce);
  const at = ctx.now.toISOString();
  const [renewed] = await ctx.db.batch([
    renewLink(ctx.db, { reference, tokenHash: await sha256Hex(token), nonce, expiresAt, at }),
    insertEventIfChanged(ctx.db, { reference, at, kind: "link-renewed", detail: expiresAt }),
  ]);
  // Paid or closed between the read and the update: the conditional update changed nothing.
  if (!renewed?.results[0]) throw notPayable(order, { kind: "closed" });
  return { payUrl: payUrl(ctx.origin, reference, token), link: { expiresAt, openedAt: null } };
}

/** The link of an order the merchant created, as the console shows it again; `null` for a shop order. */
export async function currentPayUrl(
  env: Env,
  origin: string,
  order: Pick<OrderRow, "reference" | "link_nonce" | "token_hash">,
): Promise<string | null> {
  if (!order.link_nonce) return null;
  const token = await linkToken(env, order.link_nonce);
  // A link made under another merchant key cannot be made again: renew it.
  if ((await sha256Hex(token)) !== order.token_hash) return null;
  return payUrl(origin, order.reference, token);
}
