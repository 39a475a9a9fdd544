/**
 * `/api/admin/*`: the merchant's API, behind `Authorization: Bearer <ADMIN_TOKEN>`.
 * @module
 */
import { decodeFormBody, minorDigits } from "@sceau/protocol";
import { Hono } from "hono";
import { type ProductRow, productFromRow, SKU } from "../catalog.ts";
import { terminalSettings } from "../config.ts";
import {
  adminOrderJson,
  getInstalments,
  getOrder,
  instalmentJson,
  type OrderRow,
} from "../db/orders.ts";
import { type Cursor, decodeCursor, encodeCursor, listOrders, parseFilter } from "../db/queries.ts";
import { type AppEnv, replica } from "../env.ts";
import { ApiError, badRequest } from "../errors.ts";
import { readJson } from "../http.ts";
import { adminAuth } from "../middleware.ts";
import {
  type OperationKind,
  type OperationRow,
  operationJson,
  runOperation,
} from "../operations.ts";

export const admin = new Hono<AppEnv>();
admin.use("*", adminAuth());

function summaryJson(order: OrderRow) {
  return {
    reference: order.reference,
    status: order.status,
    total: order.total,
    currency: order.currency,
    email: order.email,
    createdAt: order.created_at,
    paidAt: order.paid_at,
    anomaly: order.anomaly_reason,
    captured: order.captured_amount,
    refunded: order.refunded_amount,
  };
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 50;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw badRequest("ERR_FILTER_INVALID", "limit must be an integer from 1 to 200.", "limit");
  }
  return limit;
}

admin.get("/orders", async (c) => {
  const query = c.req.query();
  const filter = parseFilter(query);
  const limit = parseLimit(query.limit);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { orders, next } = await listOrders(replica(c.env.DB), filter, limit, after);
  return c.json({ orders: orders.map(summaryJson), nextCursor: next ? encodeCursor(next) : null });
});

const CSV_COLUMNS = [
  "reference",
  "created_at",
  "status",
  "total",
  "currency",
  "captured",
  "refunded",
  "email",
  "paid_at",
  "authorisation_number",
  "anomaly",
] as const;

/**
 * A formula character where a spreadsheet may start a cell: at the start of the text, or right after any
 * separator it may split on (`,`, `;` — French Excel —, tab, line breaks), should it ignore the quotes.
 */
const FORMULA = /(?<=^|[,;\t\r\n])[=+\-@\t\r]/g;

/**
 * One CSV cell (RFC 4180): quoted when needed, and defused against spreadsheet formulas by a `'` before every
 * formula character that could start a cell.
 */
export function csvCell(value: string | number | null): string {
  const text = (value === null ? "" : String(value)).replace(FORMULA, "'$&");
  return /[",\r\n;\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A decimal amount without currency, as spreadsheets read it (`62.73`). */
function decimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

admin.get("/orders.csv", async (c) => {
  const filter = parseFilter(c.req.query());
  const lines = [CSV_COLUMNS.join(",")];
  let after: Cursor | undefined;
  const db = replica(c.env.DB);
  for (let page = 0; page < 200; page++) {
    const { orders, next } = await listOrders(db, filter, 500, after);
    for (const o of orders) {
      lines.push(
        [
          o.reference,
          o.created_at,
          o.status,
          decimal(o.total, o.currency),
          o.currency,
          decimal(o.captured_amount, o.currency),
          decimal(o.refunded_amount, o.currency),
          o.email,
          o.paid_at,
          o.authorisation_number,
          o.anomaly_reason,
        ]
          .map(csvCell)
          .join(","),
      );
    }
    if (!next) break;
    after = next;
  }
  return c.body(`${lines.join("\r\n")}\r\n`, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": 'attachment; filename="orders.csv"',
  });
});

interface NotificationRow {
  seq: number;
  id: string;
  received_at: string;
  method: string;
  body: string;
  seal_valid: number;
  reference: string | null;
  code_retour: string | null;
  montant: string | null;
  tpe: string | null;
  classification: string;
  detail: string | null;
}

function notificationJson(row: NotificationRow) {
  let fields: Record<string, string> = {};
  try {
    fields = decodeFormBody(row.body);
  } catch {
    // kept as raw text below
  }
  delete fields.MAC;
  return {
    id: row.id,
    receivedAt: row.received_at,
    method: row.method,
    sealValid: row.seal_valid === 1,
    classification: row.classification,
    reference: row.reference,
    codeRetour: row.code_retour,
    montant: row.montant,
    detail: row.detail,
    fields,
  };
}

/** How many notifications an order's detail shows per page. */
const NOTIFICATIONS_PAGE = 50;

/** A `before` / `after` cursor of the notification lists: a sequence number. */
function parseSeq(value: string | undefined, field: "before" | "after"): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) {
    throw badRequest("ERR_CURSOR_INVALID", `${field} must be a sequence number.`, field);
  }
  return Number(value);
}

/** One page of an order's notifications, oldest first, from after `after` (a sequence number). */
async function orderNotifications(db: D1Database, reference: string, after = 0) {
  const { results } = await db
    .prepare("SELECT * FROM notifications WHERE reference = ? AND seq > ? ORDER BY seq LIMIT ?")
    .bind(reference, after, NOTIFICATIONS_PAGE + 1)
    .all<NotificationRow>();
  const page = results.slice(0, NOTIFICATIONS_PAGE);
  return {
    notifications: page.map(notificationJson),
    notificationsNextAfter: results.length > NOTIFICATIONS_PAGE ? String(page.at(-1)?.seq) : null,
  };
}

admin.get("/orders/:reference", async (c) => {
  const reference = c.req.param("reference");
  const order = await getOrder(c.env.DB, reference);
  if (!order) throw new ApiError(404, "ERR_ORDER_NOT_FOUND", `No order ${reference}.`);
  const [notifications, operations, events, instalments] = await Promise.all([
    orderNotifications(c.env.DB, reference),
    c.env.DB.prepare("SELECT * FROM operations WHERE reference = ? ORDER BY seq")
      .bind(reference)
      .all<OperationRow>(),
    c.env.DB.prepare(
      "SELECT at, kind, notification_id, operation_id, detail FROM order_events WHERE reference = ? ORDER BY seq",
    )
      .bind(reference)
      .all(),
    getInstalments(c.env.DB, reference),
  ]);
  return c.json({
    order: adminOrderJson(order),
    schedule: instalments.map(instalmentJson),
    ...notifications,
    operations: operations.results.map(operationJson),
    events: events.results,
  });
});

admin.get("/orders/:reference/notifications", async (c) => {
  const after = parseSeq(c.req.query("after"), "after") ?? 0;
  return c.json(await orderNotifications(c.env.DB, c.req.param("reference"), after));
});

admin.get("/notifications", async (c) => {
  const classification = c.req.query("classification");
  const limit = parseLimit(c.req.query("limit"));
  const before = parseSeq(c.req.query("before"), "before");
  const where: string[] = [];
  const params: unknown[] = [];
  if (classification) {
    where.push("classification = ?");
    params.push(classification);
  }
  if (before !== undefined) {
    where.push("seq < ?");
    params.push(before);
  }
  const { results } = await c.env.DB.prepare(
    `SELECT * FROM notifications ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`,
  )
    .bind(...params, limit + 1)
    .all<NotificationRow>();
  const page = results.slice(0, limit);
  return c.json({
    notifications: page.map(notificationJson),
    nextBefore: results.length > limit ? String(page[page.length - 1]?.seq) : null,
  });
});

for (const kind of ["capture", "cancel", "recredit", "stop-recurrence"] as OperationKind[]) {
  admin.post(`/orders/:reference/${kind}`, async (c) => {
    const hasBody = (c.req.header("content-length") ?? "0") !== "0" || c.req.header("content-type");
    const input = hasBody ? await readJson(c.req.raw) : {};
    const settings = await terminalSettings(c.env);
    const { operation, order } = await runOperation(
      c.env.DB,
      settings,
      c.get("bankFetch"),
      kind,
      c.req.param("reference"),
      input,
    );
    return c.json({ operation: operationJson(operation), order: adminOrderJson(order) });
  });
}

admin.get("/products", async (c) => {
  const { results } = await c.env.DB.prepare(
    "SELECT * FROM products ORDER BY sku",
  ).all<ProductRow>();
  return c.json({ products: results.map(productFromRow) });
});

admin.put("/products/:sku", async (c) => {
  const sku = c.req.param("sku");
  if (!SKU.test(sku)) {
    throw badRequest("ERR_SKU_INVALID", "sku must be letters, digits, '.', '_' or '-'.", "sku");
  }
  const body = await readJson(c.req.raw);
  const { name, description = "", unitAmount, currency, active = true, maxInstalments = 1 } = body;
  if (typeof name !== "string" || name.trim() === "" || name.length > 200) {
    throw badRequest("ERR_PRODUCT_INVALID", "name must be a non-empty string.", "name");
  }
  if (typeof description !== "string" || description.length > 2000) {
    throw badRequest("ERR_PRODUCT_INVALID", "description must be a string.", "description");
  }
  if (typeof unitAmount !== "number" || !Number.isSafeInteger(unitAmount) || unitAmount <= 0) {
    throw badRequest(
      "ERR_PRODUCT_INVALID",
      "unitAmount must be a positive integer in minor units.",
      "unitAmount",
    );
  }
  if (typeof currency !== "string") {
    throw badRequest("ERR_PRODUCT_INVALID", "currency must be an ISO 4217 code.", "currency");
  }
  minorDigits(currency, "currency");
  if (typeof active !== "boolean") {
    throw badRequest("ERR_PRODUCT_INVALID", "active must be true or false.", "active");
  }
  if (
    typeof maxInstalments !== "number" ||
    !Number.isInteger(maxInstalments) ||
    maxInstalments < 1 ||
    maxInstalments > 4
  ) {
    throw badRequest("ERR_PRODUCT_INVALID", "maxInstalments must be 1 to 4.", "maxInstalments");
  }
  const at = new Date().toISOString();
  await c.env.DB.prepare(
    `INSERT INTO products (sku, name, description, unit_amount, currency, active, max_instalments, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (sku) DO UPDATE SET name = excluded.name, description = excluded.description,
       unit_amount = excluded.unit_amount, currency = excluded.currency, active = excluded.active,
       max_instalments = excluded.max_instalments, updated_at = excluded.updated_at`,
  )
    .bind(
      sku,
      name.trim(),
      description,
      unitAmount,
      currency,
      active ? 1 : 0,
      maxInstalments,
      at,
      at,
    )
    .run();
  const row = await c.env.DB.prepare("SELECT * FROM products WHERE sku = ?")
    .bind(sku)
    .first<ProductRow>();
  return c.json({ product: productFromRow(row as ProductRow) });
});
