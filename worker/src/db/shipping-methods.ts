/**
 * The `shipping_methods` table: how parcels travel, where to and at what price (see shipping.ts). Zones are
 * stored as JSON, checked by the admin API's schema before they are written.
 * @module
 */
import type { DeliveryTimeframe } from "@sceau/protocol";
import type { D1Reader } from "../env.ts";
import type { ShippingMethod, ShippingZone } from "../shipping.ts";

export interface ShippingMethodRow {
  id: string;
  name: string;
  currency: string;
  zones: string;
  phone_required: number;
  pickup: number;
  delivery_timeframe: DeliveryTimeframe | null;
  position: number;
  active: number;
  created_at: string;
  updated_at: string;
}

/** The JSON view of a method row (the admin API's shape, and the shape shipping.ts prices with). */
export function shippingMethodJson(row: ShippingMethodRow): ShippingMethod {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    zones: JSON.parse(row.zones) as ShippingZone[],
    phoneRequired: row.phone_required === 1,
    pickup: row.pickup === 1,
    deliveryTimeframe: row.delivery_timeframe,
    position: row.position,
    active: row.active === 1,
  };
}

/** The methods in use, in the merchant's order. */
export function selectActiveShippingMethods(db: D1Reader): D1PreparedStatement {
  return db.prepare("SELECT * FROM shipping_methods WHERE active = 1 ORDER BY position, id");
}

/** Every method, in the merchant's order. */
export function selectAllShippingMethods(db: D1Reader): D1PreparedStatement {
  return db.prepare("SELECT * FROM shipping_methods ORDER BY position, id");
}

/** Creates or replaces a method, returning the stored row. */
export function upsertShippingMethod(
  db: D1Database,
  method: ShippingMethod,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO shipping_methods (id, name, currency, zones, phone_required, pickup, delivery_timeframe,
         position, active, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, currency = excluded.currency,
         zones = excluded.zones, phone_required = excluded.phone_required, pickup = excluded.pickup,
         delivery_timeframe = excluded.delivery_timeframe, position = excluded.position,
         active = excluded.active, updated_at = excluded.updated_at
       RETURNING *`,
    )
    .bind(
      method.id,
      method.name,
      method.currency,
      JSON.stringify(method.zones),
      method.phoneRequired ? 1 : 0,
      method.pickup ? 1 : 0,
      method.deliveryTimeframe,
      method.position,
      method.active ? 1 : 0,
      at,
    );
}
