/**
 * The merchant's order list: filters from the query string and keyset (cursor) pagination over
 * `(created_at, reference)`, served by the `orders` indexes.
 * @module
 */
import { base64url } from "../encoding.ts";
import type { D1Reader } from "../env.ts";
import { ApiError } from "../errors.ts";
import { ORDER_TOTALS } from "./authorisations.ts";
import { CHANNELS, type Channel, type ListedOrder, type OrderStatus, STATUSES } from "./orders.ts";

function invalid(field: string, message: string): ApiError {
  return new ApiError("ERR_FILTER_INVALID", message, { field });
}

export interface OrderFilter {
  statuses: OrderStatus[];
  channels?: Channel[];
  from?: string;
  to?: string;
  email?: string;
  reference?: string;
}

function instant(value: string, field: string, endOfDay: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(day.getTime())) throw invalid(field, `${field} is not a date.`);
    if (endOfDay) day.setUTCDate(day.getUTCDate() + 1);
    return day.toISOString();
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || value.length > 40) {
    throw invalid(field, `${field} must be YYYY-MM-DD or an ISO 8601 instant.`);
  }
  return date.toISOString();
}

/** A comma-separated list of values from a closed set. */
function listOf<T extends string>(
  value: string | undefined,
  field: string,
  allowed: readonly T[],
): T[] {
  const items = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean) as T[];
  for (const item of items) {
    if (!allowed.includes(item))
      throw invalid(field, `${field} must be among ${allowed.join(", ")}.`);
  }
  return items;
}

/** Reads `status`, `channel`, `from`, `to`, `email`, `reference` from the query string. */
export function parseFilter(query: Record<string, string>): OrderFilter {
  const filter: OrderFilter = { statuses: listOf(query.status, "status", STATUSES) };
  const channels = listOf(query.channel, "channel", CHANNELS);
  if (channels.length > 0) filter.channels = channels;
  if (query.from) filter.from = instant(query.from, "from", false);
  if (query.to) filter.to = instant(query.to, "to", true);
  if (query.email) filter.email = query.email.slice(0, 254);
  if (query.reference) {
    if (!/^[A-Za-z0-9]{1,50}$/.test(query.reference)) {
      throw invalid("reference", "reference must be letters and digits.");
    }
    filter.reference = query.reference.toUpperCase();
  }
  return filter;
}

export interface Cursor {
  createdAt: string;
  reference: string;
}

export function encodeCursor(cursor: Cursor): string {
  return base64url(JSON.stringify([cursor.createdAt, cursor.reference]));
}

export function decodeCursor(text: string): Cursor {
  try {
    const json = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const [createdAt, reference] = JSON.parse(json) as unknown[];
    if (typeof createdAt === "string" && typeof reference === "string")
      return { createdAt, reference };
  } catch {
    // fall through
  }
  throw new ApiError("ERR_CURSOR_INVALID", "cursor is not one this API returned.", {
    field: "cursor",
  });
}

/** The SQL conditions (joined with AND) and their parameters that select the orders of a filter. */
export function filterConditions(filter: OrderFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.statuses.length > 0) {
    where.push(`status IN (${filter.statuses.map(() => "?").join(",")})`);
    params.push(...filter.statuses);
  }
  if (filter.channels) {
    where.push(`channel IN (${filter.channels.map(() => "?").join(",")})`);
    params.push(...filter.channels);
  }
  if (filter.from) {
    where.push("created_at >= ?");
    params.push(filter.from);
  }
  if (filter.to) {
    where.push("created_at < ?");
    params.push(filter.to);
  }
  if (filter.email) {
    where.push("email = ?");
    params.push(filter.email);
  }
  if (filter.reference) {
    where.push("reference LIKE ? ESCAPE '\\'");
    params.push(`${filter.reference}%`);
  }
  return { where, params };
}

/** One page of orders, newest first. */
export async function listOrders(
  db: D1Reader,
  filter: OrderFilter,
  limit: number,
  after?: Cursor,
): Promise<{ orders: ListedOrder[]; next: Cursor | null }> {
  const { where, params } = filterConditions(filter);
  if (after) {
    where.push("(created_at, reference) < (?, ?)");
    params.push(after.createdAt, after.reference);
  }
  const sql = `SELECT *, ${ORDER_TOTALS} FROM orders ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY created_at DESC, reference DESC LIMIT ?`;
  const { results } = await db
    .prepare(sql)
    .bind(...params, limit + 1)
    .all<ListedOrder>();
  const orders = results.slice(0, limit);
  const last = orders[orders.length - 1];
  const next =
    results.length > limit && last
      ? { createdAt: last.created_at, reference: last.reference }
      : null;
  return { orders, next };
}
