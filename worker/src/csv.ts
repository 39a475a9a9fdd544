/**
 * The merchant's order history as CSV, safe to open in a spreadsheet, in two flavours: plain RFC 4180 (`,`
 * between cells, `.` in amounts), the default for programs; and `excel`, which a spreadsheet in a
 * comma-decimal locale such as French Excel opens as columns at once: a UTF-8 byte order mark (without it
 * Excel reads the file as Windows-1252), `;` between cells and a decimal comma in amounts.
 * @module
 */
import { minorDigits } from "@sceau/protocol";
import type { OrderRow } from "./db/orders.ts";
import { ApiError } from "./errors.ts";

/** How an export is written. */
export interface CsvFlavour {
  separator: "," | ";";
  decimalMark: "." | ",";
  /** Written before the first line. */
  prefix: string;
}

const FLAVOURS: Record<string, CsvFlavour> = {
  rfc4180: { separator: ",", decimalMark: ".", prefix: "" },
  excel: { separator: ";", decimalMark: ",", prefix: "\uFEFF" },
};

/**
 * The flavour asked for by the `format` query parameter (`rfc4180` when absent).
 *
 * @throws {ApiError} `ERR_FILTER_INVALID` (400, field `format`) for another value.
 */
export function csvFlavour(format: string | undefined): CsvFlavour {
  const name = format || "rfc4180";
  if (!Object.hasOwn(FLAVOURS, name)) {
    throw new ApiError("ERR_FILTER_INVALID", 'format must be "rfc4180" or "excel".', {
      field: "format",
    });
  }
  return FLAVOURS[name] as CsvFlavour;
}

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

/** A decimal amount without currency, as spreadsheets read it (`62.73`, or `62,73` with a decimal comma). */
function decimal(minor: number, currency: string, mark: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}${mark}${text.slice(-digits)}`;
}

/** One order as a CSV line (no line end), RFC 4180 unless another flavour is given. */
export function orderCsvLine(o: OrderRow, flavour = csvFlavour(undefined)): string {
  const amount = (minor: number) => decimal(minor, o.currency, flavour.decimalMark);
  return [
    o.reference,
    o.created_at,
    o.status,
    amount(o.total),
    o.currency,
    amount(o.captured_amount),
    amount(o.refunded_amount),
    o.email,
    o.paid_at,
    o.authorisation_number,
    o.anomaly_reason,
    o.channel,
    o.operator,
    o.description,
  ]
    .map(csvCell)
    .join(flavour.separator);
}
