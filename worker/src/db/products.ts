/**
 * The `products` table: the catalog the worker prices carts from, with each product's VAT rate, whether it
 * ships, its weight and its stock (units still held by pending orders are counted from `stock_holds`).
 * @module
 */
import type { D1Reader } from "../env.ts";
import { heldUnits } from "./stock-holds.ts";

export interface ProductRow {
  sku: string;
  name: string;
  description: string;
  unit_amount: number;
  currency: string;
  active: number;
  max_instalments: number;
  vat_rate: number;
  ships: number;
  weight: number;
  stock: number | null;
  created_at: string;
  updated_at: string;
}

/** A product row with the units its unexpired holds keep aside. */
export interface ProductStockRow extends ProductRow {
  held: number;
}

/** A product as the API shows it; money in minor units, VAT rate in basis points, weight in grams. */
export interface Product {
  sku: string;
  name: string;
  description: string;
  unitAmount: number;
  currency: string;
  active: boolean;
  maxInstalments: number;
  vatRate: number;
  ships: boolean;
  weight: number;
  /** Units on hand (`null`: not counted, never sold out). */
  stock: number | null;
}

/** The JSON view of a product row. */
export function productJson(row: ProductRow): Product {
  return {
    sku: row.sku,
    name: row.name,
    description: row.description,
    unitAmount: row.unit_amount,
    currency: row.currency,
    active: row.active === 1,
    maxInstalments: row.max_instalments,
    vatRate: row.vat_rate,
    ships: row.ships === 1,
    weight: row.weight,
    stock: row.stock,
  };
}

/** The units a buyer may still order (`undefined`: unlimited): the stock less what pending orders hold. */
export function availableUnits(row: ProductStockRow): number | undefined {
  return row.stock === null ? undefined : Math.max(0, row.stock - row.held);
}

/** The public JSON of a product on sale: no stock figures but `available`, when the stock is counted. */
export function shopProductJson(row: ProductStockRow) {
  const { active: _, stock: __, weight: ___, ...product } = productJson(row);
  const available = availableUnits(row);
  return { ...product, ...(available !== undefined && { available }) };
}

/** The merchant's JSON of a product: every setting, and what is available now. */
export function adminProductJson(row: ProductStockRow) {
  return { ...productJson(row), available: availableUnits(row) ?? null };
}

const WITH_HELD = `SELECT p.*, ${heldUnits("p.sku", "?1")} AS held FROM products p`;

/** The products on sale, by name, with their held units at `now`. */
export function selectActiveProducts(db: D1Reader, now: string): D1PreparedStatement {
  return db.prepare(`${WITH_HELD} WHERE p.active = 1 ORDER BY p.name`).bind(now);
}

/** Every product, on sale or not, by sku, with their held units at `now`. */
export function selectAllProducts(db: D1Reader, now: string): D1PreparedStatement {
  return db.prepare(`${WITH_HELD} ORDER BY p.sku`).bind(now);
}

/** The products of these skus with their held units at `now` (one query however many lines a cart has). */
export function selectProductsBySku(
  db: D1Reader,
  skus: readonly string[],
  now: string,
): D1PreparedStatement {
  return db
    .prepare(`${WITH_HELD} WHERE p.sku IN (${skus.map(() => "?").join(",")})`)
    .bind(now, ...skus);
}

/** What the merchant sets on a product; `stock` left `undefined` keeps the stored stock. */
export type ProductSettings = Omit<Product, "stock"> & { stock?: number | null | undefined };

/** Creates or replaces a product, returning the stored row with its held units at `at`. */
export function upsertProduct(
  db: D1Database,
  product: ProductSettings,
  at: string,
): D1PreparedStatement {
  const keepStock = product.stock === undefined;
  return db
    .prepare(
      `INSERT INTO products (sku, name, description, unit_amount, currency, active, max_instalments, vat_rate,
         ships, weight, stock, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
       ON CONFLICT (sku) DO UPDATE SET name = excluded.name, description = excluded.description,
         unit_amount = excluded.unit_amount, currency = excluded.currency, active = excluded.active,
         max_instalments = excluded.max_instalments, vat_rate = excluded.vat_rate, ships = excluded.ships,
         weight = excluded.weight, stock = CASE WHEN ?13 THEN products.stock ELSE excluded.stock END,
         updated_at = excluded.updated_at
       RETURNING *, ${heldUnits("products.sku", "?12")} AS held`,
    )
    .bind(
      product.sku,
      product.name,
      product.description,
      product.unitAmount,
      product.currency,
      product.active ? 1 : 0,
      product.maxInstalments,
      product.vatRate,
      product.ships ? 1 : 0,
      product.weight,
      product.stock ?? null,
      at,
      keepStock ? 1 : 0,
    );
}

/** Adds `delta` units to a product's counted stock (a delivery, a return), returning the row. */
export function adjustStock(
  db: D1Database,
  sku: string,
  delta: number,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE products SET stock = stock + ?1, updated_at = ?2 WHERE sku = ?3 AND stock IS NOT NULL
       RETURNING *, ${heldUnits("products.sku", "?2")} AS held`,
    )
    .bind(delta, at, sku);
}
