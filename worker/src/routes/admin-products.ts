/**
 * `/api/admin/products`: the catalog, managed by the merchant.
 * @module
 */
import { minorDigits } from "@sceau/protocol";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { SKU } from "../catalog.ts";
import { type ProductRow, productJson, selectAllProducts, upsertProduct } from "../db/products.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { ProductBody } from "../schemas.ts";
import { jsonBody } from "../validation.ts";

export const adminProducts = new Hono<AppEnv>();

adminProducts.get("/products", async (c) => {
  const { results } = await selectAllProducts(c.env.DB).all<ProductRow>();
  return c.json({ products: results.map(productJson) });
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
    c.get("now")().toISOString(),
  ).first<ProductRow>();
  return c.json({ product: productJson(row as ProductRow) });
});
