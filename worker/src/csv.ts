/**
 * The merchant's order history as CSV (RFC 4180), safe to open in a spreadsheet.
 * @module
 */
import { minorDigits } from "@sceau/protocol";
import type { OrderRow } from "./db/orders.ts";

/** The columns of the export, in order. */
export const CSV_COLUMNS = [
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
  "channel",
  "operator",
  "description",
] as const;

/**
 * A formula character where a spreadsheet may start a cell: at the start of the text, or right after any
 * separator it may split on (`,`, `;` — French Excel —, tab, line breaks), should it ignore the quotes.
 */
const FORMULA = /(?<=^|[,;\t\r\n])[=+\-@\t\r]/g;

/**
 * One CSV cell (RFC 4180): quoted when needed, and defused against spreadsheet formulas by a `'` before every
 * formula character that could start a cell.
 *
 * @example
 * csvCell("a;=HYPERLINK(x)"); // "\"a;'=HYPERLINK(x)\""
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

/** One order as a CSV line (no line end). */
export function orderCsvLine(o: OrderRow): string {
  return [
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
    o.channel,
    o.operator,
    o.description,
  ]
    .map(csvCell)
    .join(",");
}
