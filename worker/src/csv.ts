/**
 * The merchant's order history as CSV, safe to open in a spreadsheet, in two flavours: plain RFC 4180 (`,`
 * between cells, `.` in amounts), the default for programs; and `excel`, which a spreadsheet in a
 * comma-decimal locale such as French Excel opens as columns at once: a UTF-8 byte order mark (without it
 * Excel reads the file as Windows-1252), `;` between cells and a decimal comma in amounts.
 * @module
 */
import { type ListedOrder, type OrderRow, orderPriceJson } from "./db/orders.ts";
import { ApiError } from "./errors.ts";
import { decimalAmount as decimal, percentText } from "./money.ts";

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
  "subtotal",
  "shipping",
  "discount",
  "promo_code",
  "shipping_method",
  "vat",
  "vat_detail",
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

/** The VAT of an order per rate, for people: `20%: net 16.24 VAT 3.25; 5.5%: net 4.64 VAT 0.26`. */
function vatDetail(o: OrderRow, mark: string): string | null {
  const parts = orderPriceJson(o).vat;
  if (parts.length === 0) return null;
  return parts
    .map(
      (p) =>
        `${percentText(p.rate)}%: net ${decimal(p.net, o.currency, mark)} VAT ${decimal(p.amount, o.currency, mark)}`,
    )
    .join("; ");
}

/**
 * One order as a CSV line (no line end), RFC 4180 unless another flavour is given. Orders made before VAT was
 * recorded have empty VAT cells.
 */
export function orderCsvLine(o: ListedOrder, flavour = csvFlavour(undefined)): string {
  const amount = (minor: number) => decimal(minor, o.currency, flavour.decimalMark);
  const price = orderPriceJson(o);
  return [
    o.reference,
    o.created_at,
    o.status,
    amount(o.total),
    o.currency,
    amount(o.captured_total),
    amount(o.refunded_total),
    o.email,
    o.paid_at,
    o.authorisation_number,
    o.anomaly_reason,
    amount(price.subtotal),
    amount(price.shipping?.amount ?? 0),
    amount(price.discount?.amount ?? 0),
    price.discount?.code ?? null,
    price.shipping?.method ?? null,
    o.vat === null ? null : amount(price.vat.reduce((sum, p) => sum + p.amount, 0)),
    vatDetail(o, flavour.decimalMark),
    o.channel,
    o.operator,
    o.description,
  ]
    .map(csvCell)
    .join(flavour.separator);
}
