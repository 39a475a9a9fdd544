/**
 * `/api/admin/shipping-methods`: how parcels travel, where to and at what price (see shipping.ts).
 * @module
 */
import { minorDigits } from "@sceau/protocol";
import { Hono } from "hono";
import {
  type ShippingMethodRow,
  selectAllShippingMethods,
  shippingMethodJson,
  upsertShippingMethod,
} from "../db/shipping-methods.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { ShippingMethodBody } from "../schemas.ts";
import { jsonBody } from "../validation.ts";

export const adminShippingMethods = new Hono<AppEnv>();

/** A method's id: what the buyer's choice sends (`shippingMethod`). */
const METHOD_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;

adminShippingMethods.get("/shipping-methods", async (c) => {
  const { results } = await selectAllShippingMethods(c.env.DB).all<ShippingMethodRow>();
  return c.json({ shippingMethods: results.map(shippingMethodJson) });
});

adminShippingMethods.put("/shipping-methods/:id", jsonBody(ShippingMethodBody), async (c) => {
  const id = c.req.param("id");
  if (!METHOD_ID.test(id)) {
    throw new ApiError(
      "ERR_SHIPPING_METHOD_INVALID",
      "The id must be 1 to 32 lower-case letters, digits, '_' or '-' (colissimo, relay-point).",
      { field: "id" },
    );
  }
  const method = c.req.valid("json");
  minorDigits(method.currency, "currency");
  const row = await upsertShippingMethod(
    c.env.DB,
    { id, ...method },
    new Date().toISOString(),
  ).first<ShippingMethodRow>();
  return c.json({ shippingMethod: shippingMethodJson(row as ShippingMethodRow) });
});
