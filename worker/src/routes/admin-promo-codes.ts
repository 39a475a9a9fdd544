/**
 * `/api/admin/promo-codes`: the merchant's promo codes, with how often each was used.
 * @module
 */
import { minorDigits } from "@sceau/protocol";
import { Hono } from "hono";
import {
  type PromoCodeRow,
  promoCodeJson,
  selectAllPromoCodes,
  upsertPromoCode,
} from "../db/promo-codes.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { normalizePromoCode, PROMO_CODE } from "../promo.ts";
import { PromoCodeBody } from "../schemas.ts";
import { jsonBody } from "../validation.ts";

export const adminPromoCodes = new Hono<AppEnv>();

adminPromoCodes.get("/promo-codes", async (c) => {
  const { results } = await selectAllPromoCodes(
    c.env.DB,
    new Date().toISOString(),
  ).all<PromoCodeRow>();
  return c.json({ promoCodes: results.map(promoCodeJson) });
});

adminPromoCodes.put("/promo-codes/:code", jsonBody(PromoCodeBody), async (c) => {
  const code = normalizePromoCode(c.req.param("code"));
  if (!PROMO_CODE.test(code)) {
    throw new ApiError(
      "ERR_PROMO_INVALID",
      "The code must be 1 to 32 letters, digits, '_' or '-' (codes are case-insensitive).",
      { field: "code" },
    );
  }
  const promo = c.req.valid("json");
  if (promo.currency !== null) minorDigits(promo.currency, "currency");
  const at = new Date().toISOString();
  const row = await upsertPromoCode(c.env.DB, { code, ...promo }, at).first<PromoCodeRow>();
  return c.json({ promoCode: promoCodeJson(row as PromoCodeRow) });
});
