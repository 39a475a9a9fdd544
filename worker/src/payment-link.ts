/**
 * Payment links: `/pay/<reference>?token=…`, the page where a buyer pays an order the merchant created. The
 * token is the order's buyer token (only its SHA-256 is stored, as for a shop order), derived from a random
 * nonce kept on the order under a key derived from the merchant key, so the merchant can show or send the
 * same link again; renewing it draws a new nonce and the old link stops working.
 *
 * What the page may offer follows the order and the bank's limits on one reference (PROTOCOL.md §9.5): at
 * most 4 card attempts, and a reference still pending an hour after it was first posted is refused as
 * expired. The worker cannot see when the buyer first posted the form, but every refused attempt is
 * notified: once 4 are, or the first is more than an hour old, the page says the order can no longer be paid
 * online instead of sending the buyer to the bank's error page.
 * @module
 */
import { BANK_LIMITS, type OrderAddress, type OrderContext } from "@sceau/protocol";
import { calendarDay } from "./calendar.ts";
import type { FormRequest } from "./checkout.ts";
import type { RefusalsRow } from "./db/notifications.ts";
import type { OrderRow } from "./db/orders.ts";
import type { PaymentRow } from "./db/payments.ts";
import { keyedHash } from "./derived-keys.ts";
import { base64url } from "./encoding.ts";
import type { Env } from "./env.ts";

const LINK_PURPOSE = "sceau payment link v1";

/** A new random input of a link's token (128 bits). */
export function newLinkNonce(): string {
  return base64url(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** The token of a payment link: 192 bits of an HMAC of its nonce, base64url (like a shop order's token). */
export async function linkToken(env: Env, nonce: string): Promise<string> {
  const mac = await keyedHash(env, LINK_PURPOSE, nonce);
  return base64url(String.fromCharCode(...mac.slice(0, 24)));
}

/** When a link created now stops working. */
export function linkExpiry(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}

/** Why the buyer is on the page: the bank sent them back after paying (`ok`) or not (`error`). */
export type Return = "ok" | "error";

/**
 * The payment link of an order, served by this worker at `origin`; with `back`, the address the bank sends
 * the buyer back to, in the page's language `lang` when given (the buyer returns in the language they chose).
 *
 * @example
 * payUrl("https://pay.example", "ABC123DEF456", token); // "https://pay.example/pay/ABC123DEF456?token=…"
 */
export function payUrl(
  origin: string,
  reference: string,
  token: string,
  back?: Return,
  lang?: string,
): string {
  const url = new URL(`/pay/${reference}`, origin);
  url.searchParams.set("token", token);
  if (back) url.searchParams.set("return", back);
  if (lang) url.searchParams.set("lang", lang.toLowerCase());
  return url.href;
}

/** What the payment page shows for an order. */
export type LinkState =
  /** The buyer can pay (again, after a refusal: `attemptsLeft` more card attempts at the bank). */
  | { kind: "payable"; refused: boolean; attemptsLeft: number }
  /** Back from the bank's page, the payment not notified yet: the page offers to reload. */
  | { kind: "confirming" }
  | { kind: "paid" }
  /** The link's time is over. */
  | { kind: "expired" }
  /** The bank would refuse another attempt on this reference. */
  | { kind: "exhausted" }
  /** Cancelled, refunded, or a payment that did not match: only the merchant can help. */
  | { kind: "closed" };

const PAID: readonly string[] = ["paid", "captured"];
const PAYABLE: readonly string[] = ["pending", "refused"];

/**
 * Whether an order can still be paid, whatever its link: a paid order is paid; one the merchant closed, or
 * whose payment did not match, cannot be; nor one whose reference the bank would refuse (PROTOCOL.md §9.5).
 */
export function paymentState(
  order: Pick<OrderRow, "status">,
  refusals: RefusalsRow,
  now: Date,
): LinkState {
  if (PAID.includes(order.status)) return { kind: "paid" };
  if (!PAYABLE.includes(order.status)) return { kind: "closed" };
  const firstRefusal = refusals.first_refusal_at ? Date.parse(refusals.first_refusal_at) : null;
  const windowOver =
    firstRefusal !== null &&
    now.getTime() - firstRefusal > BANK_LIMITS.pendingReferenceMinutes * 60_000;
  const attemptsLeft = BANK_LIMITS.attemptsPerReference - refusals.refusals;
  if (attemptsLeft <= 0 || windowOver) return { kind: "exhausted" };
  return { kind: "payable", refused: order.status === "refused", attemptsLeft };
}

/**
 * What the payment page may offer: a paid order shows it is paid (even once the link expired), a closed one
 * that it cannot be paid; then the link's expiry; then the bank's limits; then, back from the bank before
 * the payment was notified, that it is being confirmed.
 */
export function linkState(
  order: Pick<OrderRow, "status" | "link_expires_at">,
  refusals: RefusalsRow,
  now: Date,
  back?: Return,
): LinkState {
  const state = paymentState(order, refusals, now);
  if (state.kind === "paid" || state.kind === "closed") return state;
  if (!order.link_expires_at || Date.parse(order.link_expires_at) <= now.getTime()) {
    return { kind: "expired" };
  }
  if (state.kind === "payable" && order.status === "pending" && back === "ok") {
    return { kind: "confirming" };
  }
  return state;
}

/**
 * The v4 `shipping` member of a stored order: nothing ships without a shipping method; the stored delivery
 * address is the billing address or another one; a method with no address is collected. (The method's
 * delivery time is not stored: a link's form goes without it.)
 */
function storedShipping(row: OrderRow): OrderContext["shipping"] {
  if (!row.shipping_method) return { shipIndicator: "digital_goods" };
  if (!row.shipping) return { shipIndicator: "pick-up" };
  const { mobilePhone: _, ...address } = JSON.parse(row.shipping) as OrderAddress;
  const same = row.shipping === row.billing;
  return {
    ...address,
    shipIndicator: same ? "billing_address" : "another_address",
    matchBillingAddress: same,
  };
}

/** An order as stored, with its payments, as its payment form is built again (checkout.ts). */
export function storedOrder(row: OrderRow, payments: readonly PaymentRow[]): FormRequest["order"] {
  const billing = row.billing ? (JSON.parse(row.billing) as OrderAddress) : undefined;
  const instalments = payments.filter((p) => p.kind === "instalment");
  return {
    reference: row.reference,
    total: row.total,
    currency: row.currency,
    email: row.email ?? undefined,
    context: billing ? { billing, shipping: storedShipping(row) } : undefined,
    ...(instalments.length > 0 && {
      schedule: instalments.map((p) => ({ date: calendarDay(p.day), amount: p.amount })),
    }),
  };
}
