/**
 * `/api/admin/products`: the catalog, managed by the merchant — prices, VAT rates, shipping, stock.
 * @module
 */
import { minorDigits } from "@sceau/protocol";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { SKU } from "../catalog.ts";
import {
  adjustStock,
  adminProductJson,
  type ProductStockRow,
  selectAllProducts,
  selectProductsBySku,
  upsertProduct,
} from "../db/products.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { ProductBody, StockBody } from "../schemas.ts";
import { jsonBody } from "../validation.ts";

export const adminProducts = new Hono<AppEnv>();

adminProducts.get("/products", async (c) => {
  const { results } = await selectAllProducts(
    c.env.DB,
    new Date().toISOString(),
  ).all<ProductStockRow>();
  return c.json({ products: results.map(adminProductJson) });
});

/** The sku in the path, checked before the body. */
const skuParam = createMiddleware<AppEnv>(async (c, next) => {
  if (!SKU.test(c.req.param("sku") ?? "")) {
    throw new ApiError("ERR_SKU_INVALID", "sku must be letters, digits, '.', '_' or '-'.", {
      field: "sku",
    });
  }
  await next();
});

adminProducts.put("/products/:sku", skuParam, jsonBody(ProductBody), async (c) => {
  const sku = c.req.param("sku");
  const product = c.req.valid("json");
  minorDigits(product.currency, "currency");
  const row = await upsertProduct(
    c.env.DB,
    { sku, ...product },
    new Date().toISOString(),
  ).first<ProductStockRow>();
  return c.json({ product: adminProductJson(row as ProductStockRow) });
});

adminProducts.post("/products/:sku/stock", skuParam, jsonBody(StockBody), async (c) => {
  const sku = c.req.param("sku");
  const at = new Date().toISOString();
  const db = c.env.DB;
  const [adjusted, current] = await db.batch<ProductStockRow>([
    adjustStock(db, sku, c.req.valid("json").delta, at),
    selectProductsBySku(db, [sku], at),
  ]);
  const row = current?.results[0];
  if (!row) throw new ApiError("ERR_PRODUCT_UNKNOWN", `No product ${sku} in the catalog.`);
  if (adjusted?.meta.changes !== 1) {
    throw new ApiError(
      "ERR_STOCK_NOT_COUNTED",
      `${sku} has no counted stock: set one with PUT /api/admin/products/${sku} { "stock": … }.`,
    );
  }
  return c.json({ product: adminProductJson(row) });
});
