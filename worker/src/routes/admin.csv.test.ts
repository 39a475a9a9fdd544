/**
 * The CSV export read back with a real RFC 4180 parser (Papa Parse): whatever a buyer or the bank put in an
 * order, or the merchant typed in it — quotes, separators, line breaks, formula characters — every column comes back, one row per order,
 * and no cell can start a formula in a spreadsheet that splits on `,`, `;` or tabs.
 */
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ADMIN, call, env } from "../../test/helpers.ts";
import { csvCell } from "../csv.ts";

const COLUMNS = [
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
];

/** A formula character where a spreadsheet could start a cell, not defused by a `'` before it. */
const LIVE_FORMULA = /(^|[,;\t\r\n])[=+\-@\t\r]/;

/** Undoes the export's defusing: the `'` put before a formula character at the start or after a separator. */
function undefuse(cell: string): string {
  return cell.replace(/(^|[,;\t\r\n])'(?=[=+\-@\t\r])/g, "$1");
}

const hostile = fc.string({
  unit: fc.constantFrom(
    '"',
    ",",
    ";",
    "\t",
    "\r",
    "\n",
    "=",
    "+",
    "-",
    "@",
    "a",
    "é",
    "1",
    " ",
    "*",
  ),
  maxLength: 24,
});

let run = 0;

async function insertOrder(
  reference: string,
  values: { email: string; anomaly: string; auth: string; operator: string; description: string },
) {
  const at = "2026-11-30T10:00:00.000Z";
  await env.DB.prepare(
    `INSERT INTO orders (reference, token_hash, status, total, currency, lang, email, cart, mac_format, tpe,
       order_date, created_at, updated_at, authorisation_number, anomaly_reason, channel, operator, description)
     VALUES (?, 'x', 'anomaly', 1234, 'EUR', 'FR', ?, '[]', 'v4', '7654321', ?, ?, ?, ?, ?, 'phone', ?, ?)`,
  )
    .bind(
      reference,
      values.email,
      at,
      at,
      at,
      values.auth,
      values.anomaly,
      values.operator,
      values.description,
    )
    .run();
}

describe("GET /api/admin/orders.csv", () => {
  it("property: hostile values round-trip through an RFC 4180 parser, defused", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            email: hostile,
            anomaly: hostile,
            auth: hostile,
            operator: hostile,
            description: hostile,
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        async (rows) => {
          run++;
          const prefix = `CSV${String(run).padStart(4, "0")}`;
          const references = rows.map((_, i) => `${prefix}${String(i).padStart(2, "0")}`);
          for (const [i, values] of rows.entries()) await insertOrder(references[i] ?? "", values);
          const response = await call(`/api/admin/orders.csv?reference=${prefix}`, {
            headers: ADMIN,
          });
          const parsed = Papa.parse<string[]>(await response.text(), {
            delimiter: ",",
            newline: "\r\n",
            quoteChar: '"',
            skipEmptyLines: false,
          });
          expect(parsed.errors).toEqual([]);
          const [header, ...records] = parsed.data;
          expect(header).toEqual(COLUMNS);
          expect(records.at(-1)).toEqual([""]); // the final CRLF
          const byReference = new Map(records.slice(0, -1).map((r) => [r[0], r]));
          expect(byReference.size).toBe(rows.length);
          for (const [i, values] of rows.entries()) {
            const record = byReference.get(references[i]);
            expect(record).toHaveLength(COLUMNS.length);
            for (const cell of record ?? []) expect(cell).not.toMatch(LIVE_FORMULA);
            const column = (name: string) => undefuse(record?.[COLUMNS.indexOf(name)] ?? "");
            expect(column("email")).toBe(values.email);
            expect(column("anomaly")).toBe(values.anomaly);
            expect(column("authorisation_number")).toBe(values.auth);
            expect(column("total")).toBe("12.34");
            expect(column("channel")).toBe("phone");
            expect(column("operator")).toBe(values.operator);
            expect(column("description")).toBe(values.description);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it("defuses a formula after a separator, not only at the start", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("a;=HYPERLINK(x)")).toBe('"a;\'=HYPERLINK(x)"');
    expect(csvCell("a,@SUM(1)")).toBe('"a,\'@SUM(1)"');
    expect(csvCell("a\t+1")).toBe('"a\t\'+1"');
    expect(csvCell("a\n-1")).toBe('"a\n\'-1"');
    expect(csvCell("a-1=2")).toBe("a-1=2");
    expect(csvCell(null)).toBe("");
  });
});
