/**
 * Orders in D1: creation, lookup and their JSON views. Functions take the D1 binding.
 * @module
 */
import type { QuoteLine } from "../catalog.ts";
import { base64url } from "../encoding.ts";

export type OrderStatus =
  | "pending"
  | "refused"
  | "anomaly"
  | "paid"
  | "captured"
  | "cancelled"
  | "refunded";

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
  captured_amount: number;
  authorised_remaining: number;
  refunded_amount: number;
  capture_date: string | null;
  recurrence_stopped: number;
  op_lock: string | null;
  op_lock_at: string | null;
}

export interface InstalmentRow {
  reference: string;
  number: number;
  due_date: string;
  amount: number;
  status: "scheduled" | "refused" | "collected";
  notification_id: string | null;
  updated_at: string;
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

export async function getOrder(db: D1Database, reference: string): Promise<OrderRow | null> {
  return db.prepare("SELECT * FROM orders WHERE reference = ?").bind(reference).first<OrderRow>();
}

export async function getInstalments(db: D1Database, reference: string): Promise<InstalmentRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM instalments WHERE reference = ? ORDER BY number")
    .bind(reference)
    .all<InstalmentRow>();
  return results;
}

export function instalmentJson(row: InstalmentRow) {
  return { number: row.number, date: row.due_date, amount: row.amount, status: row.status };
}

/** What the buyer's return page may see. */
export function publicOrderJson(order: OrderRow, instalments: InstalmentRow[]) {
  return {
    reference: order.reference,
    status: order.status,
    total: order.total,
    currency: order.currency,
    createdAt: order.created_at,
    ...(order.paid_at && { paidAt: order.paid_at }),
    lines: JSON.parse(order.cart) as QuoteLine[],
    ...(instalments.length > 0 && { schedule: instalments.map(instalmentJson) }),
  };
}

/** The merchant's view of an order. */
export function adminOrderJson(order: OrderRow) {
  return {
    reference: order.reference,
    status: order.status,
    total: order.total,
    currency: order.currency,
    lang: order.lang,
    email: order.email,
    lines: JSON.parse(order.cart) as QuoteLine[],
    billing: order.billing ? JSON.parse(order.billing) : null,
    shipping: order.shipping ? JSON.parse(order.shipping) : null,
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
    captured: order.captured_amount,
    refunded: order.refunded_amount,
    ledger: {
      captured: order.captured_amount,
      authorisedRemaining: order.authorised_remaining,
      refunded: order.refunded_amount,
      captureDate: order.capture_date,
      recurrenceStopped: order.recurrence_stopped === 1,
    },
  };
}
