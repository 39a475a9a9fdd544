/**
 * The CSV export read back with a real RFC 4180 parser (Papa Parse), in both flavours (`,`, and for French
 * Excel `;` after a byte order mark): whatever a buyer or the bank put in an order, or the merchant typed in
 * it — quotes, separators, line breaks, formula characters — every column comes back, one row per order, and
 * no cell can start a formula in a spreadsheet that splits on `,`, `;` or tabs.
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

/** Each flavour: its `format`, its separator, and how it writes 12.34 EUR. */
const FLAVOURS = [
  ["rfc4180", ",", "12.34"],
  ["excel", ";", "12,34"],
] as const;

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
          for (const [format, delimiter, total] of FLAVOURS) {
            const response = await call(
              `/api/admin/orders.csv?reference=${prefix}&format=${format}`,
              {
                headers: ADMIN,
              },
            );
            const parsed = Papa.parse<string[]>((await response.text()).replace(/^\uFEFF/, ""), {
              delimiter,
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
              expect(column("total")).toBe(total);
              expect(column("channel")).toBe("phone");
              expect(column("operator")).toBe(values.operator);
              expect(column("description")).toBe(values.description);
            }
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

let serial = 0;
/** Stores a captured order, a third of it refunded, with its payment and authorisation (the ledger). */
async function storeOrder(prefix: string, total: number, currency = "EUR") {
  serial += 1;
  const reference = `${prefix}${String(serial).padStart(12 - prefix.length, "0")}`;
  const at = new Date(Date.UTC(2026, 0, 1) + serial * 1000).toISOString();
  const day = at.slice(0, 10);
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO orders (reference, token_hash, status, total, currency, lang, email, cart, mac_format, tpe,
         order_date, created_at, updated_at)
       VALUES (?, 'x', 'captured', ?, ?, 'FR', 'a@example.com', '[]', 'v4', '7654321', ?, ?, ?)`,
    ).bind(reference, total, currency, at, at, at),
    env.DB.prepare(
      `INSERT INTO payments (reference, kind, number, day, due_at, amount, state, updated_at)
       VALUES (?, 'order', 0, ?, ?, ?, 'captured', ?)`,
    ).bind(reference, day, at, total, at),
    env.DB.prepare(
      `INSERT INTO authorisations (reference, kind, payment_number, numauto, at, authorised, captured,
         captured_day, refunded)
       VALUES (?, 'order', 0, '123456', ?, ?, ?, ?, ?)`,
    ).bind(reference, at, total, total, day, Math.floor(total / 3)),
  ]);
  return reference;
}

async function exportCsv(query: string) {
  const response = await call(`/api/admin/orders.csv?${query}`, { headers: ADMIN });
  expect(response.status).toBe(200);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** The records of a CSV body (without its byte order mark), keyed by reference. */
function records(bytes: Uint8Array, delimiter: string) {
  const text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: "\r\n", skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return {
    header: parsed.data[0],
    byReference: new Map(parsed.data.slice(1).map((r) => [r[0], r])),
  };
}

describe("GET /api/admin/orders.csv flavours", () => {
  it("writes RFC 4180 by default: commas, decimal points, no byte order mark", async () => {
    const eur = await storeOrder("CSVA", 2998);
    const jpy = await storeOrder("CSVA", 1500, "JPY");
    for (const query of ["reference=CSVA", "reference=CSVA&format=rfc4180"]) {
      const { response, bytes } = await exportCsv(query);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
      const { header, byReference } = records(bytes, ",");
      expect(header?.slice(0, 7)).toEqual([
        "reference",
        "created_at",
        "status",
        "total",
        "currency",
        "captured",
        "refunded",
      ]);
      expect(byReference.get(eur)?.slice(3, 8)).toEqual([
        "29.98",
        "EUR",
        "29.98",
        "9.99",
        "a@example.com",
      ]);
      expect(byReference.get(jpy)?.slice(3, 7)).toEqual(["1500", "JPY", "1500", "500"]);
    }
  });

  it("writes for French Excel with format=excel: byte order mark, semicolons, decimal commas", async () => {
    const eur = await storeOrder("CSVB", 123456);
    const jpy = await storeOrder("CSVB", 1500, "JPY");
    const { response, bytes } = await exportCsv("reference=CSVB&format=excel");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="orders.csv"');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { header, byReference } = records(bytes, ";");
    expect(header?.join(";")).toBe(
      "reference;created_at;status;total;currency;captured;refunded;email;paid_at;authorisation_number;anomaly;" +
        "subtotal;shipping;discount;promo_code;shipping_method;vat;vat_detail;channel;operator;description",
    );
    expect(byReference.get(eur)?.slice(3, 8)).toEqual([
      "1234,56",
      "EUR",
      "1234,56",
      "411,52",
      "a@example.com",
    ]);
    expect(byReference.get(jpy)?.slice(3, 7)).toEqual(["1500", "JPY", "1500", "500"]);
  });

  it("refuses another format with ERR_FILTER_INVALID on format", async () => {
    for (const format of ["xlsx", "EXCEL", "toString"]) {
      const response = await call(`/api/admin/orders.csv?format=${format}`, { headers: ADMIN });
      expect(response.status, format).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { code: "ERR_FILTER_INVALID", field: "format" },
      });
    }
  });
});
