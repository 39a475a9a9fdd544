/**
 * `/api/admin/*`: the merchant's API, behind `Authorization: Bearer <ADMIN_TOKEN>`.
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { adminAuth, jsonRequests } from "../middleware.ts";
import { adminOperations } from "./admin-operations.ts";
import { adminOrders } from "./admin-orders.ts";
import { adminProducts } from "./admin-products.ts";
import { adminPromoCodes } from "./admin-promo-codes.ts";
import { adminShippingMethods } from "./admin-shipping-methods.ts";

export const admin = new Hono<AppEnv>();
admin.use("*", adminAuth());
admin.use("*", jsonRequests({ optional: true }));
admin.route("/", adminOrders);
admin.route("/", adminOperations);
admin.route("/", adminProducts);
admin.route("/", adminShippingMethods);
admin.route("/", adminPromoCodes);
