/**
 * `POST /api/admin/orders` and its follow-ups: orders the merchant creates — a phone or mail order whose card
 * the merchant keys on the bank's page, or a payment link sent to the buyer.
 * @module
 */
import { Hono } from "hono";
import { paymentLinkDays, terminalSettings } from "../config.ts";
import type { AppEnv } from "../env.ts";
import { createMerchantOrder, keyedCardForm, renewPaymentLink } from "../merchant-orders.ts";
import { MerchantOrderBody } from "../schemas.ts";
import { jsonBody } from "../validation.ts";

export const adminMerchantOrders = new Hono<AppEnv>();

adminMerchantOrders.post("/orders", jsonBody(MerchantOrderBody), async (c) => {
  const result = await createMerchantOrder(c.req.valid("json"), {
    db: c.env.DB,
    env: c.env,
    settings: await terminalSettings(c.env),
    origin: new URL(c.req.url).origin,
    linkDays: paymentLinkDays(c.env),
    now: c.get("now")(),
  });
  const { reference, total, channel } = result.order;
  console.log(JSON.stringify({ event: "order-created", reference, total, channel }));
  return c.json(result, 201);
});

adminMerchantOrders.post("/orders/:reference/link", async (c) => {
  const link = await renewPaymentLink(
    {
      db: c.env.DB,
      env: c.env,
      origin: new URL(c.req.url).origin,
      linkDays: paymentLinkDays(c.env),
      now: c.get("now")(),
    },
    c.req.param("reference"),
  );
  return c.json(link);
});

adminMerchantOrders.post("/orders/:reference/keyed-form", async (c) => {
  const form = await keyedCardForm(
    {
      db: c.env.DB,
      settings: await terminalSettings(c.env),
      origin: new URL(c.req.url).origin,
      now: c.get("now")(),
    },
    c.req.param("reference"),
  );
  return c.json({ form: { action: form.action, method: form.method, fields: form.fields } });
});
