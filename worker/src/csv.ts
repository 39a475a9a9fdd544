/**
 * The merchant's order history as CSV (RFC 4180), safe to open in a spreadsheet.
 * @module
 */
import { type OrderRow, orderPriceJson } from "./db/orders.ts";
import { decimalAmount as decimal, percentText } from "./money.ts";

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
function vatDetail(o: OrderRow): string | null {
  const parts = orderPriceJson(o).vat;
  if (parts.length === 0) return null;
  return parts
    .map(
      (p) =>
        `${percentText(p.rate)}%: net ${decimal(p.net, o.currency)} VAT ${decimal(p.amount, o.currency)}`,
    )
    .join("; ");
}

/** One order as a CSV line (no line end). Orders made before VAT was recorded have empty VAT cells. */
export function orderCsvLine(o: OrderRow): string {
  const price = orderPriceJson(o);
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
    decimal(price.subtotal, o.currency),
    decimal(price.shipping?.amount ?? 0, o.currency),
    decimal(price.discount?.amount ?? 0, o.currency),
    price.discount?.code ?? null,
    price.shipping?.method ?? null,
    o.vat === null
      ? null
      : decimal(
          price.vat.reduce((sum, p) => sum + p.amount, 0),
          o.currency,
        ),
    vatDetail(o),
  ]
    .map(csvCell)
    .join(",");
}
