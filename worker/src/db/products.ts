/**
 * The `products` table: the catalog the worker prices carts from.
 * @module
 */
import type { D1Reader } from "../env.ts";

export interface ProductRow {
  sku: string;
  name: string;
  description: string;
  unit_amount: number;
  currency: string;
  active: number;
  max_instalments: number;
  subscription: number;
  created_at: string;
  updated_at: string;
}

/** A product as the API shows it; money in minor units. */
export interface Product {
  sku: string;
  name: string;
  description: string;
  unitAmount: number;
  currency: string;
  active: boolean;
  maxInstalments: number;
  /** Sold per period on a recurring terminal: `unitAmount` is the price of one period. */
  subscription: boolean;
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
    subscription: row.subscription === 1,
  };
}

/** The products on sale, by name. */
export function selectActiveProducts(db: D1Reader): D1PreparedStatement {
  return db.prepare("SELECT * FROM products WHERE active = 1 ORDER BY name");
}

/** Every product, on sale or not, by sku. */
export function selectAllProducts(db: D1Reader): D1PreparedStatement {
  return db.prepare("SELECT * FROM products ORDER BY sku");
}

/** The products of these skus (one query however many lines a cart has). */
export function selectProductsBySku(db: D1Reader, skus: readonly string[]): D1PreparedStatement {
  return db
    .prepare(`SELECT * FROM products WHERE sku IN (${skus.map(() => "?").join(",")})`)
    .bind(...skus);
}

/** One product. */
export function selectProduct(db: D1Reader, sku: string): D1PreparedStatement {
  return db.prepare("SELECT * FROM products WHERE sku = ?").bind(sku);
}

/** Creates or replaces a product, returning the stored row. */
export function upsertProduct(
  db: D1Database,
  product: Omit<Product, "active"> & { active: boolean },
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO products (sku, name, description, unit_amount, currency, active, max_instalments,
         subscription, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sku) DO UPDATE SET name = excluded.name, description = excluded.description,
         unit_amount = excluded.unit_amount, currency = excluded.currency, active = excluded.active,
         max_instalments = excluded.max_instalments, subscription = excluded.subscription,
         updated_at = excluded.updated_at
       RETURNING *`,
    )
    .bind(
      product.sku,
      product.name,
      product.description,
      product.unitAmount,
      product.currency,
      product.active ? 1 : 0,
      product.maxInstalments,
      product.subscription ? 1 : 0,
      at,
      at,
    );
}
