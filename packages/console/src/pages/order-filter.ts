/**
 * The order list's filter: what the form shows, how it sits in the address (`#/orders?status=…`) and what the
 * worker is asked. Without a `from` in the address the list covers six rolling months (the bank's own
 * history window); an empty `from` means "since the first order".
 * @module
 */
import type { Query } from "../api/client.js";
import { localDay, monthsBefore, startOfLocalDay } from "../format/dates.js";

export interface OrderFilter {
  status: string;
  /** `shop`, `phone`, `link`, or empty for every channel. */
  channel: string;
  /** Local calendar day `YYYY-MM-DD`, or empty for no lower bound. */
  from: string;
  /** Local calendar day `YYYY-MM-DD` (included), or empty for no upper bound. */
  to: string;
  /** The start of a reference. */
  reference: string;
  email: string;
}

/** How far back the list goes by default, in months. */
export const DEFAULT_MONTHS = 6;

/** The filter an address names, with the six-month default. */
export function filterFromQuery(query: URLSearchParams, today = new Date()): OrderFilter {
  return {
    status: query.get("status") ?? "",
    channel: query.get("channel") ?? "",
    from: query.has("from") ? (query.get("from") ?? "") : monthsBefore(today, DEFAULT_MONTHS),
    to: query.get("to") ?? "",
    reference: query.get("reference") ?? "",
    email: query.get("email") ?? "",
  };
}

/** The address query of a filter (`from` is always written, so that "everything" survives a reload). */
export function queryFromFilter(filter: OrderFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ["status", "channel", "from", "to", "reference", "email"] as const) {
    if (filter[name] || name === "from") query.set(name, filter[name].trim());
  }
  return query;
}

/** What the worker is asked: local days as instants (the whole `to` day included). */
export function apiQuery(filter: OrderFilter): Query {
  return {
    status: filter.status || undefined,
    channel: filter.channel || undefined,
    from: filter.from ? startOfLocalDay(filter.from) : undefined,
    to: filter.to ? startOfLocalDay(filter.to, 1) : undefined,
    reference: filter.reference.trim().toUpperCase() || undefined,
    email: filter.email.trim() || undefined,
  };
}

/**
 * A file name for the exported history: `commandes_2026-05-30_2026-11-30.csv` (`start` stands for an open
 * start, the day of the export for an open end).
 */
export function exportFileName(
  filter: OrderFilter,
  stem: string,
  start: string,
  suffix = "",
): string {
  const from = filter.from || start;
  const to = filter.to || localDay(new Date());
  return `${stem}_${from}_${to}${suffix}.csv`;
}
