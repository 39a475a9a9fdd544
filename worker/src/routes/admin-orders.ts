/**
 * `/api/admin/orders*` and `/api/admin/notifications`: the merchant's history — list, CSV, detail, log.
 * @module
 */
import { Hono } from "hono";
import { CSV_COLUMNS, csvFlavour, orderCsvLine } from "../csv.ts";
import { type AuthorisationRow, selectAuthorisations } from "../db/authorisations.ts";
import {
  type NotificationRow,
  notificationJson,
  selectNotifications,
  selectOrderNotifications,
} from "../db/notifications.ts";
import { type OperationRow, operationJson, selectOrderOperations } from "../db/operations.ts";
import { type OrderEventRow, selectOrderEvents } from "../db/order-events.ts";
import {
  type Cursor,
  decodeCursor,
  encodeCursor,
  listOrders,
  parseFilter,
} from "../db/order-list.ts";
import {
  adminOrderJson,
  type OrderRow,
  orderSummaryJson,
  scheduleJson,
  selectOrder,
} from "../db/orders.ts";
import { type PaymentRow, selectPayments } from "../db/payments.ts";
import { type AppEnv, replica } from "../env.ts";
import { ApiError } from "../errors.ts";
import { ledgerJson } from "../ledger.ts";
import { currentPayUrl } from "../merchant-orders.ts";
import { paymentRules } from "../payment-mode.ts";

export const adminOrders = new Hono<AppEnv>();

/** How many notifications an order's detail shows per page. */
const NOTIFICATIONS_PAGE = 50;

export function parseLimit(value: string | undefined): number {
  if (value === undefined) return 50;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new ApiError("ERR_FILTER_INVALID", "limit must be an integer from 1 to 200.", {
      field: "limit",
    });
  }
  return limit;
}

/** A `before` / `after` cursor of the notification lists: a sequence number. */
export function parseSeq(value: string | undefined, field: "before" | "after"): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) {
    throw new ApiError("ERR_CURSOR_INVALID", `${field} must be a sequence number.`, { field });
  }
  return Number(value);
}

/** One page of an order's notifications and the cursor of the next. */
function notificationPage(rows: NotificationRow[]) {
  const page = rows.slice(0, NOTIFICATIONS_PAGE);
  return {
    notifications: page.map(notificationJson),
    notificationsNextAfter: rows.length > NOTIFICATIONS_PAGE ? String(page.at(-1)?.seq) : null,
  };
}

adminOrders.get("/orders", async (c) => {
  const query = c.req.query();
  const filter = parseFilter(query);
  const limit = parseLimit(query.limit);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { orders, next } = await listOrders(replica(c.env.DB), filter, limit, after);
  return c.json({
    orders: orders.map(orderSummaryJson),
    nextCursor: next ? encodeCursor(next) : null,
  });
});

adminOrders.get("/orders.csv", async (c) => {
  const query = c.req.query();
  const filter = parseFilter(query);
  const flavour = csvFlavour(query.format);
  const lines = [CSV_COLUMNS.join(flavour.separator)];
  let after: Cursor | undefined;
  const db = replica(c.env.DB);
  for (let page = 0; page < 200; page++) {
    const { orders, next } = await listOrders(db, filter, 500, after);
    for (const order of orders) lines.push(orderCsvLine(order, flavour));
    if (!next) break;
    after = next;
  }
  return c.body(`${flavour.prefix}${lines.join("\r\n")}\r\n`, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": 'attachment; filename="orders.csv"',
  });
});

adminOrders.get("/orders/:reference", async (c) => {
  const reference = c.req.param("reference");
  const db = c.env.DB;
  const [orders, notifications, operations, events, payments, authorisations] =
    await db.batch<unknown>([
      selectOrder(db, reference),
      selectOrderNotifications(db, reference, 0, NOTIFICATIONS_PAGE),
      selectOrderOperations(db, reference),
      selectOrderEvents(db, reference),
      selectPayments(db, reference),
      selectAuthorisations(db, reference),
    ]);
  const order = orders?.results[0] as OrderRow | undefined;
  if (!order) throw new ApiError("ERR_ORDER_NOT_FOUND", `No order ${reference}.`);
  const rows = <T>(result: D1Result<unknown> | undefined) => (result?.results ?? []) as T[];
  const ledger = {
    order,
    payments: rows<PaymentRow>(payments),
    authorisations: rows<AuthorisationRow>(authorisations),
  };
  return c.json({
    order: {
      ...adminOrderJson(order),
      ledger: ledgerJson(ledger, paymentRules(c.env), c.get("now")()),
    },
    schedule: scheduleJson(ledger.payments),
    payUrl: await currentPayUrl(c.env, new URL(c.req.url).origin, order),
    ...notificationPage(rows<NotificationRow>(notifications)),
    operations: rows<OperationRow>(operations).map(operationJson),
    events: rows<OrderEventRow>(events),
  });
});

adminOrders.get("/orders/:reference/notifications", async (c) => {
  const after = parseSeq(c.req.query("after"), "after") ?? 0;
  const { results } = await selectOrderNotifications(
    c.env.DB,
    c.req.param("reference"),
    after,
    NOTIFICATIONS_PAGE,
  ).all<NotificationRow>();
  return c.json(notificationPage(results));
});

adminOrders.get("/notifications", async (c) => {
  const limit = parseLimit(c.req.query("limit"));
  const before = parseSeq(c.req.query("before"), "before");
  const classification = c.req.query("classification");
  const { results } = await selectNotifications(
    c.env.DB,
    { ...(classification && { classification }), ...(before !== undefined && { before }) },
    limit,
  ).all<NotificationRow>();
  const page = results.slice(0, limit);
  return c.json({
    notifications: page.map(notificationJson),
    nextBefore: results.length > limit ? String(page.at(-1)?.seq) : null,
  });
});
