/**
 * `npm run catalog -- push`: what differs between the merchant's catalog file and the products table, and
 * the SQL that applies it. `wrangler d1 execute` takes no bound parameters, so the statements are written
 * with `?` and the values inlined as SQL literals by {@link inlineSql}, the one place that quotes.
 * @module
 */

import type { CatalogEntry } from "../catalog-file.ts";
import type { ProductRow } from "./products.ts";

/** The products as the push compares them (the rows of {@link ProductRow}). */
export const PRODUCTS_SQL = "SELECT * FROM products ORDER BY sku";

/**
 * Creates or updates one product (`created_at` is kept on update). The file's `stock` is a starting stock: it is
 * stored when the product is added or when the file starts or stops counting it; otherwise the stored stock,
 * which sales and `POST /api/admin/products/:sku/stock` move, is kept.
 */
export const UPSERT_PRODUCT_SQL = `INSERT INTO products (sku, name, description, unit_amount, currency, active, max_instalments, subscription, vat_rate, ships, weight, stock, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (sku) DO UPDATE SET name = excluded.name, description = excluded.description,
  unit_amount = excluded.unit_amount, currency = excluded.currency, active = excluded.active,
  max_instalments = excluded.max_instalments, subscription = excluded.subscription,
  vat_rate = excluded.vat_rate, ships = excluded.ships, weight = excluded.weight,
  stock = CASE WHEN (products.stock IS NULL) = (excluded.stock IS NULL) THEN products.stock ELSE excluded.stock END,
  updated_at = excluded.updated_at`;

/** Takes a product off sale; it is never deleted (orders keep their own copy of what was bought). */
export const RETIRE_PRODUCT_SQL = "UPDATE products SET active = 0, updated_at = ? WHERE sku = ?";

/** The members the products table stores, with their columns. */
const STORED = [
  ["name", "name"],
  ["description", "description"],
  ["unitAmount", "unit_amount"],
  ["currency", "currency"],
  ["active", "active"],
  ["maxInstalments", "max_instalments"],
  ["subscription", "subscription"],
  ["vatRate", "vat_rate"],
  ["ships", "ships"],
  ["weight", "weight"],
  ["stock", "stock"],
] as const;

/** One product's difference between the file and the table. */
export interface CatalogChange {
  readonly sku: string;
  /** `add`: new; `change`: some members differ; `retire`: on sale in D1, absent from the file. */
  readonly kind: "add" | "change" | "retire";
  /** The members that differ (empty for `add` and `retire`). */
  readonly fields: readonly { member: string; from: unknown; to: unknown }[];
  /** The product as the file has it (not for `retire`). */
  readonly entry?: CatalogEntry;
}

/** What the diff reads of a row (the timestamps are not compared). */
export type CatalogRow = Omit<ProductRow, "created_at" | "updated_at">;

function stored(row: CatalogRow, member: (typeof STORED)[number][0]): unknown {
  const column = STORED.find(([m]) => m === member)?.[1] ?? member;
  const value = row[column as keyof CatalogRow];
  return column === "active" || column === "subscription" || column === "ships"
    ? value === 1
    : value;
}

/** Whether a member differs; a counted stock differs only when it stops being counted (see the upsert). */
function differs(member: (typeof STORED)[number][0], from: unknown, to: unknown): boolean {
  if (member === "stock") return (from === null) !== (to === null);
  return from !== to;
}

/**
 * What to change so that the table sells exactly the file's products, in sku order. Products absent from
 * the file are retired (inactive), never deleted.
 */
export function catalogDiff(
  rows: readonly CatalogRow[],
  wanted: readonly CatalogEntry[],
): CatalogChange[] {
  const current = new Map(rows.map((row) => [row.sku, row]));
  const changes: CatalogChange[] = [];
  for (const entry of wanted) {
    const row = current.get(entry.sku);
    if (!row) {
      changes.push({ sku: entry.sku, kind: "add", fields: [], entry });
      continue;
    }
    const fields = STORED.map(([member]) => ({
      member,
      from: stored(row, member),
      to: entry[member],
    })).filter((f) => differs(f.member, f.from, f.to));
    if (fields.length > 0) changes.push({ sku: entry.sku, kind: "change", fields, entry });
  }
  const listed = new Set(wanted.map((entry) => entry.sku));
  for (const row of rows) {
    if (!listed.has(row.sku) && row.active === 1) {
      changes.push({ sku: row.sku, kind: "retire", fields: [] });
    }
  }
  return changes.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

/** A value as a SQLite literal: text quoted with `'` doubled, integers as digits, booleans as 0/1. */
export function sqlLiteral(value: string | number | boolean | null): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/** A statement written with `?` and its values, as one SQL text (the statements hold no `?` of their own). */
export function inlineSql(
  sql: string,
  values: readonly (string | number | boolean | null)[],
): string {
  let next = 0;
  const text = sql.replace(/\?/g, () => {
    if (next >= values.length) throw new RangeError("fewer values than placeholders");
    return sqlLiteral(values[next++] ?? null);
  });
  if (next !== values.length) throw new RangeError("more values than placeholders");
  return text;
}

/** The SQL statements that apply `changes`, stamped `at` (ISO 8601). */
export function catalogStatements(changes: readonly CatalogChange[], at: string): string[] {
  return changes.map((change) => {
    if (change.kind === "retire" || !change.entry) {
      return `${inlineSql(RETIRE_PRODUCT_SQL, [at, change.sku])};`;
    }
    const e = change.entry;
    return `${inlineSql(UPSERT_PRODUCT_SQL, [
      e.sku,
      e.name,
      e.description,
      e.unitAmount,
      e.currency,
      e.active,
      e.maxInstalments,
      e.subscription,
      e.vatRate,
      e.ships,
      e.weight,
      e.stock,
      at,
      at,
    ])};`;
  });
}
