/**
 * `/api/admin/*`: the merchant's API, behind `Authorization: Bearer <ADMIN_TOKEN>`.
 * @module
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { adminAuth, jsonRequests } from "../middleware.ts";
import { adminMerchantOrders } from "./admin-merchant-orders.ts";
import { adminOperations } from "./admin-operations.ts";
import { adminOrders } from "./admin-orders.ts";
import { adminProducts } from "./admin-products.ts";
import { adminPromoCodes } from "./admin-promo-codes.ts";
import { adminScheduled } from "./admin-scheduled.ts";
import { adminSettings } from "./admin-settings.ts";
import { adminShippingMethods } from "./admin-shipping-methods.ts";
import { adminStats } from "./admin-stats.ts";
import { adminWebhooks } from "./admin-webhooks.ts";
import { doctorRoutes } from "./doctor.ts";

export const admin = new Hono<AppEnv>();
admin.use("*", adminAuth());
admin.use("*", jsonRequests({ optional: true }));
admin.route("/", adminOrders);
admin.route("/", adminMerchantOrders);
admin.route("/", adminOperations);
admin.route("/", adminProducts);
admin.route("/doctor", doctorRoutes);
admin.route("/", adminShippingMethods);
admin.route("/", adminPromoCodes);
admin.route("/", adminWebhooks);
admin.route("/", adminStats);
admin.route("/", adminSettings);
admin.route("/", adminScheduled);
