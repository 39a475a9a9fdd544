/**
 * Promo codes: percentage or fixed amount off the goods (never off the shipping), with a minimum subtotal,
 * validity dates and a usage limit. A refused code says why, with a stable `ERR_PROMO_*` code and the field
 * `promoCode`.
 * @module
 */
import { ApiError } from "./errors.ts";
import { moneyText } from "./money.ts";

/** A code as buyers type it once trimmed and upper-cased: letters, digits, `_` and `-`, at most 32. */
export const PROMO_CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;

/** A promo code, as the merchant configures it (`/api/admin/promo-codes`). */
export interface PromoCode {
  code: string;
  kind: "percent" | "amount";
  /** Basis points off the subtotal (1000 = 10 %), for `percent` codes. */
  rate: number | null;
  /** Minor units off the subtotal, for `amount` codes (never more than the subtotal). */
  amount: number | null;
  /** The currency of `amount` and `minimum`; `null`: any (a percentage code without minimum). */
  currency: string | null;
  /** The subtotal a cart must reach (minor units; 0: none). */
  minimum: number;
  /** ISO 8601 UTC; valid from this instant (inclusive). */
  startsAt: string | null;
  /** ISO 8601 UTC; valid until this instant (exclusive). */
  endsAt: string | null;
  /** How many orders may use it (`null`: unlimited). */
  usageLimit: number | null;
  active: boolean;
  description: string;
}

/** A code and its uses so far (paid orders, and pending ones whose hold has not expired). */
export interface PromoCodeWithUses extends PromoCode {
  uses: number;
}

/** The code as the buyer typed it, trimmed and upper-cased (codes are case-insensitive). */
export function normalizePromoCode(text: string): string {
  return text.trim().toUpperCase();
}

function refused(code: ConstructorParameters<typeof ApiError>[0], message: string, extra = {}) {
  return new ApiError(code, message, { field: "promoCode", extra });
}

/**
 * The discount a code gives a cart of this subtotal, in minor units: a percentage rounded half up, or a fixed
 * amount capped at the subtotal.
 *
 * @throws {ApiError} (422, field `promoCode`) `ERR_PROMO_UNKNOWN` (no such active code),
 *   `ERR_PROMO_NOT_STARTED`, `ERR_PROMO_EXPIRED`, `ERR_PROMO_NOT_APPLICABLE` (another currency),
 *   `ERR_PROMO_MINIMUM` (the body carries `minimum: { amount, currency }`), `ERR_PROMO_EXHAUSTED`.
 * @example
 * promoDiscount(bienvenue10, { code: "BIENVENUE10", subtotal: 2998, currency: "EUR", now }); // 300
 */
export function promoDiscount(
  promo: PromoCodeWithUses | undefined,
  cart: { code: string; subtotal: number; currency: string; now: Date },
): number {
  if (!promo?.active) {
    throw refused(
      "ERR_PROMO_UNKNOWN",
      PROMO_CODE.test(cart.code)
        ? `${cart.code} is not a promo code of this shop.`
        : "This is not a promo code of this shop.",
    );
  }
  const now = cart.now.toISOString();
  if (promo.startsAt !== null && now < promo.startsAt) {
    throw refused("ERR_PROMO_NOT_STARTED", `${promo.code} can be used from ${promo.startsAt}.`);
  }
  if (promo.endsAt !== null && now >= promo.endsAt) {
    throw refused("ERR_PROMO_EXPIRED", `${promo.code} expired at ${promo.endsAt}.`);
  }
  if (promo.currency !== null && promo.currency !== cart.currency) {
    throw refused(
      "ERR_PROMO_NOT_APPLICABLE",
      `${promo.code} applies to carts in ${promo.currency}, not ${cart.currency}.`,
    );
  }
  if (cart.subtotal < promo.minimum) {
    const currency = promo.currency ?? cart.currency;
    throw refused(
      "ERR_PROMO_MINIMUM",
      `${promo.code} needs a subtotal of at least ${moneyText(promo.minimum, currency)}.`,
      { minimum: { amount: promo.minimum, currency } },
    );
  }
  if (promo.usageLimit !== null && promo.uses >= promo.usageLimit) {
    throw refused("ERR_PROMO_EXHAUSTED", `${promo.code} has been used as often as it may be.`);
  }
  if (promo.kind === "percent") {
    // subtotal × rate / 10000, half up, in integers.
    return Math.floor((2 * cart.subtotal * (promo.rate ?? 0) + 10_000) / 20_000);
  }
  return Math.min(promo.amount ?? 0, cart.subtotal);
}
