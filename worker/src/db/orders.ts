/**
 * The `orders` table: rows, JSON views, creation and the transitions notifications and the scheduled job
 * drive. Those statuses form a lattice, pending < abandoned < refused < anomaly < paid; each transition is one
 * conditional `UPDATE` that only ever moves an order up (see retour.ts), so a late notification still applies
 * to an order the scheduled job marked `abandoned`.
 * @module
 */
import type { DiscountJson, OrderLine, ShippingJson } from "../catalog.ts";
import { base64url } from "../encoding.ts";
import type { D1Reader } from "../env.ts";
import type { PaymentMode } from "../payment-mode.ts";
import type { VatPart } from "../vat.ts";
import { classifiedAs } from "./notifications.ts";
import type { PaymentRow } from "./payments.ts";

export type OrderStatus =
  | "pending"
  | "abandoned"
  | "refused"
  | "anomaly"
  | "paid"
  | "captured"
  | "cancelled"
  | "expired"
  | "refunded";

/** Who started an order: the buyer in the shop, or the merchant for a phone or mail order, or a payment link. */
export type Channel = "shop" | "phone" | "link";

/** Every channel. */
export const CHANNELS: readonly Channel[] = ["shop", "phone", "link"];

/**
 * Every status, in the order of the lattice and then the merchant's states: `captured` (the merchant, or the
 * bank at the end of a deferred delay, captured), `cancelled` and `expired` (nothing captured and nothing
 * left: cancelled, or its deadlines passed), `refunded` (everything captured refunded, nothing left).
 */
export const STATUSES: readonly OrderStatus[] = [
  "pending",
  "abandoned",
  "refused",
  "anomaly",
  "paid",
  "captured",
  "cancelled",
  "expired",
  "refunded",
];

export interface OrderRow {
  reference: string;
  token_hash: string;
  status: OrderStatus;
  total: number;
  currency: string;
  lang: string;
  email: string | null;
  cart: string;
  billing: string | null;
  shipping: string | null;
  instalments: number;
  mac_format: string;
  tpe: string;
  order_date: string;
  created_at: string;
  updated_at: string;
  paid_at: string | null;
  paid_notification_id: string | null;
  authorisation_number: string | null;
  card_brand: string | null;
  test_payment: number;
  anomaly_reason: string | null;
  payment_mode: PaymentMode;
  /** 1 once no renewal will come: stopped by the merchant or by a critical refusal (recurring orders). */
  recurrence_stopped: number;
  op_lock: string | null;
  op_lock_at: string | null;
  subtotal: number | null;
  shipping_method: string | null;
  shipping_name: string | null;
  shipping_amount: number;
  promo_code: string | null;
  discount_amount: number;
  vat: string | null;
  channel: Channel;
  operator: string | null;
  description: string | null;
  link_nonce: string | null;
  link_expires_at: string | null;
  link_opened_at: string | null;
}

const ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A random reference: 12 upper-case letters and digits (valid in both formats, unique by primary key). */
export function newReference(): string {
  const out: string[] = [];
  while (out.length < 12) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    for (const byte of bytes) {
      // 252 = 7 × 36: reject the tail so every character is equally likely.
      if (byte < 252 && out.length < 12) out.push(ALPHANUM[byte % 36] as string);
    }
  }
  return out.join("");
}

/** A random buyer token (192 bits, base64url). */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return base64url(String.fromCharCode(...bytes));
}

/**
 * An order's schedule as the buyer and the merchant see it: the instalments of a split payment, the renewals
 * of a subscription (the next one included), each with its day, amount and state.
 */
export function scheduleJson(payments: readonly PaymentRow[]) {
  return payments
    .filter((p) => p.kind !== "order")
    .map((p) => ({
      kind: p.kind,
      number: p.number,
      date: p.day,
      amount: p.amount,
      status: p.state,
    }));
}

/**
 * How an order's total is made: `total = subtotal + shipping.amount − discount.amount`, and the VAT it includes
 * per rate (orders made before VAT was recorded: the total as subtotal, no breakdown).
 */
export function orderPriceJson(order: OrderColumns) {
  return {
    subtotal: order.subtotal ?? order.total,
    shipping: order.shipping_method
      ? {
          method: order.shipping_method,
          name: order.shipping_name ?? order.shipping_method,
          amount: order.shipping_amount,
        }
      : null,
    discount: order.promo_code ? { code: order.promo_code, amount: order.discount_amount } : null,
    vat: order.vat ? (JSON.parse(order.vat) as VatPart[]) : [],
  };
}

/** What the buyer's return page may see. */
export function publicOrderJson(order: OrderRow, payments: readonly PaymentRow[]) {
  const schedule = scheduleJson(payments);
  return {
    reference: order.reference,
    status: order.status,
    total: order.total,
    currency: order.currency,
    createdAt: order.created_at,
    ...(order.paid_at && { paidAt: order.paid_at }),
    lines: JSON.parse(order.cart) as OrderLine[],
    ...orderPriceJson(order),
    ...(schedule.length > 0 && { schedule }),
  };
}

/** An order as the merchant's list reads it: with what was captured and refunded under all authorisations. */
export type ListedOrder = OrderRow & { captured_total: number; refunded_total: number };

/** A line of the merchant's order list. */
export function orderSummaryJson(order: ListedOrder) {
  return {
    reference: order.reference,
    status: order.status,
    total: order.total,
    currency: order.currency,
    email: order.email,
    createdAt: order.created_at,
    paidAt: order.paid_at,
    anomaly: order.anomaly_reason,
    mode: order.payment_mode,
    captured: order.captured_total,
    refunded: order.refunded_total,
    channel: order.channel,
  };
}

/** Who created an order and, for a payment link, until when it can be paid and when it was first opened. */
function originJson(order: OrderColumns) {
  return {
    channel: order.channel,
    operator: order.operator,
    description: order.description,
    link: order.link_expires_at
      ? { expiresAt: order.link_expires_at, openedAt: order.link_opened_at }
      : null,
  };
}

/** An order's columns less its secrets and its lock (what an event's snapshot holds, see migrations/0008). */
export type OrderColumns = Omit<OrderRow, "token_hash" | "op_lock" | "op_lock_at">;

/** The merchant's view of an order (its ledger apart: see ledger.ts). */
export function adminOrderJson(order: OrderColumns) {
  return {
    reference: order.reference,
    status: order.status,
    total: order.total,
    currency: order.currency,
    lang: order.lang,
    email: order.email,
    lines: JSON.parse(order.cart) as OrderLine[],
    ...orderPriceJson(order),
    billing: order.billing ? JSON.parse(order.billing) : null,
    shippingAddress: order.shipping ? JSON.parse(order.shipping) : null,
    instalments: order.instalments,
    macFormat: order.mac_format,
    tpe: order.tpe,
    orderDate: order.order_date,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
    paidAt: order.paid_at,
    authorisationNumber: order.authorisation_number,
    cardBrand: order.card_brand,
    testPayment: order.test_payment === 1,
    anomaly: order.anomaly_reason,
    mode: order.payment_mode,
    ...originJson(order),
  };
}

/** One order. */
export function selectOrder(db: D1Reader, reference: string): D1PreparedStatement {
  return db.prepare("SELECT * FROM orders WHERE reference = ?").bind(reference);
}

/** A condition of the order's INSERT, checked inside the batch that creates it (rate limit, holds…). */
export interface InsertCondition {
  sql: string;
  values: unknown[];
}

/** A new order, as checkout creates it. */
export interface NewOrder {
  reference: string;
  tokenHash: string;
  total: number;
  currency: string;
  lang: string;
  email: string | null;
  lines: OrderLine[];
  billing: object | null;
  shipping: object | null;
  instalments: number;
  macFormat: string;
  tpe: string;
  paymentMode: PaymentMode;
  at: string;
  subtotal: number;
  shippingMethod: ShippingJson | null;
  discount: DiscountJson | null;
  vat: VatPart[];
  /** Set for an order the merchant creates (default: a shop order). */
  merchant?: MerchantOrigin | undefined;
}

/** How a merchant's order came about, and its payment link. */
export interface MerchantOrigin {
  channel: Exclude<Channel, "shop">;
  operator: string | null;
  description: string | null;
  linkNonce: string;
  linkExpiresAt: string;
}

/** Creates a pending order, only if every condition holds (each written earlier in the same batch). */
export function insertOrder(
  db: D1Database,
  order: NewOrder,
  conditions: readonly InsertCondition[] = [],
): D1PreparedStatement {
  const values = [
    order.reference,
    order.tokenHash,
    order.total,
    order.currency,
    order.lang,
    order.email,
    JSON.stringify(order.lines),
    order.billing ? JSON.stringify(order.billing) : null,
    order.shipping ? JSON.stringify(order.shipping) : null,
    order.instalments,
    order.macFormat,
    order.tpe,
    order.paymentMode,
    order.at,
    order.at,
    order.at,
    order.subtotal,
    order.shippingMethod?.method ?? null,
    order.shippingMethod?.name ?? null,
    order.shippingMethod?.amount ?? 0,
    order.discount?.code ?? null,
    order.discount?.amount ?? 0,
    JSON.stringify(order.vat),
    order.merchant?.channel ?? "shop",
    order.merchant?.operator ?? null,
    order.merchant?.description ?? null,
    order.merchant?.linkNonce ?? null,
    order.merchant?.linkExpiresAt ?? null,
  ];
  const where = conditions.length > 0 ? ` WHERE ${conditions.map((c) => c.sql).join(" AND ")}` : "";
  return db
    .prepare(
      `INSERT INTO orders (reference, token_hash, status, total, currency, lang, email, cart, billing,
         shipping, instalments, mac_format, tpe, payment_mode, order_date, created_at, updated_at, subtotal,
         shipping_method, shipping_name, shipping_amount, promo_code, discount_amount, vat, channel, operator,
         description, link_nonce, link_expires_at)
       SELECT ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?${where}`,
    )
    .bind(...values, ...conditions.flatMap((c) => c.values));
}

/** What a notification's transitions need to know; each statement acts only on its classification. */
interface Transition {
  reference: string;
  notificationId: string;
  at: string;
}

/**
 * Marks the order paid when the notification was classified `accepted`: once (from pending, abandoned,
 * refused or anomaly). Its payments open in the same batch (payments.ts).
 */
export function markPaid(
  db: D1Database,
  t: Transition & {
    authorisationNumber: string | null;
    brand: string | null;
    testPayment: boolean;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE orders SET status = 'paid', paid_at = ?1, paid_notification_id = ?2, authorisation_number = ?3,
         card_brand = ?4, test_payment = ?5, updated_at = ?1
       WHERE reference = ?6 AND status IN ('pending', 'abandoned', 'refused', 'anomaly')
         AND EXISTS (SELECT 1 FROM notifications WHERE id = ?2 AND classification = 'accepted')`,
    )
    .bind(
      t.at,
      t.notificationId,
      t.authorisationNumber,
      t.brand,
      t.testPayment ? 1 : 0,
      t.reference,
    );
}

/**
 * Stops an order's recurrence: asked by the merchant (the bank said yes), or after a critical refusal when
 * notification `notificationId` was classified `renewal-refused`.
 */
export function stopRecurrence(
  db: D1Database,
  reference: string,
  at: string,
  notificationId?: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE orders SET recurrence_stopped = 1, updated_at = ?2
       WHERE reference = ?1 AND recurrence_stopped = 0 AND (?3 IS NULL
         OR EXISTS (SELECT 1 FROM notifications WHERE id = ?3 AND classification = 'renewal-refused'))`,
    )
    .bind(reference, at, notificationId ?? null);
}

/** Marks a pending or abandoned order refused when the notification was classified `refused`. */
export function markRefused(db: D1Database, t: Transition): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE orders SET status = 'refused', updated_at = ?
       WHERE reference = ? AND status IN ('pending', 'abandoned') AND ${classifiedAs}`,
    )
    .bind(t.at, t.reference, t.notificationId, "refused");
}

/** Keeps the first anomaly's reason on the order, when the notification was classified `anomaly`. */
export function flagAnomaly(db: D1Database, t: Transition): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE orders SET anomaly_reason = (SELECT detail FROM notifications WHERE id = ?1), updated_at = ?2
       WHERE reference = ?3 AND anomaly_reason IS NULL
         AND EXISTS (SELECT 1 FROM notifications WHERE id = ?1 AND classification = 'anomaly')`,
    )
    .bind(t.notificationId, t.at, t.reference);
}

/** Marks a pending, abandoned or refused order `anomaly`, when the notification was classified `anomaly`. */
export function markAnomaly(db: D1Database, t: Transition): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE orders SET status = 'anomaly', updated_at = ?
       WHERE reference = ? AND status IN ('pending', 'abandoned', 'refused') AND ${classifiedAs}`,
    )
    .bind(t.at, t.reference, t.notificationId, "anomaly");
}

/**
 * Marks `abandoned` every order still `pending` that was created before `before`: the bank sent no
 * notification within its session lifetime. Only from `pending`, so it never undoes a notification's effect;
 * a notification that arrives later still moves the order up.
 */
export function markAbandoned(
  db: D1Database,
  t: { before: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE orders SET status = 'abandoned', updated_at = ? WHERE status = 'pending' AND created_at < ?",
    )
    .bind(t.at, t.before);
}

/**
 * Records the first time the buyer opened the payment link — with this token, before it expires; the event
 * that follows in the batch is written only when this changed the row.
 */
export function markLinkOpened(
  db: D1Database,
  link: { reference: string; tokenHash: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE orders SET link_opened_at = ?1
       WHERE reference = ?2 AND token_hash = ?3 AND link_opened_at IS NULL AND link_expires_at > ?1`,
    )
    .bind(link.at, link.reference, link.tokenHash);
}

/**
 * Gives a merchant's order that can still be paid a new payment link: a new token (the old link stops
 * working), a new expiry, not opened yet. Returns the order when it changed.
 */
export function renewLink(
  db: D1Database,
  link: { reference: string; tokenHash: string; nonce: string; expiresAt: string; at: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE orders SET token_hash = ?1, link_nonce = ?2, link_expires_at = ?3, link_opened_at = NULL,
         updated_at = ?4
       WHERE reference = ?5 AND channel <> 'shop' AND status IN ('pending', 'refused')
       RETURNING *`,
    )
    .bind(link.tokenHash, link.nonce, link.expiresAt, link.at, link.reference);
}
