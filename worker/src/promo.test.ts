import { describe, expect, it } from "vitest";
import { ApiError } from "./errors.ts";
import { normalizePromoCode, type PromoCodeWithUses, promoDiscount } from "./promo.ts";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const tenPercent: PromoCodeWithUses = {
  code: "ETE10",
  kind: "percent",
  rate: 1000,
  amount: null,
  currency: null,
  minimum: 0,
  startsAt: "2026-06-01T00:00:00.000Z",
  endsAt: "2026-07-01T00:00:00.000Z",
  usageLimit: 3,
  active: true,
  description: "",
  uses: 0,
};
const cart = { code: "ETE10", subtotal: 2998, currency: "EUR", now: NOW };

/** The error a refused code gives. */
function refusal(promo: PromoCodeWithUses | undefined, over: Partial<typeof cart> = {}) {
  try {
    promoDiscount(promo, { ...cart, ...over });
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    return { code: e.code, status: e.status, field: e.field, message: e.message, extra: e.extra };
  }
  throw new Error("the code was accepted");
}

describe("promoDiscount", () => {
  it("takes a percentage of the subtotal, half up", () => {
    expect(promoDiscount(tenPercent, cart)).toBe(300); // 299.8
    expect(promoDiscount(tenPercent, { ...cart, subtotal: 2995 })).toBe(300); // 299.5
    expect(promoDiscount(tenPercent, { ...cart, subtotal: 2994 })).toBe(299); // 299.4
    expect(promoDiscount({ ...tenPercent, rate: 10_000 }, cart)).toBe(2998);
  });

  it("takes a fixed amount, never more than the subtotal", () => {
    const fiveEuros = {
      ...tenPercent,
      kind: "amount" as const,
      rate: null,
      amount: 500,
      currency: "EUR",
    };
    expect(promoDiscount(fiveEuros, cart)).toBe(500);
    expect(promoDiscount(fiveEuros, { ...cart, subtotal: 490 })).toBe(490);
  });

  it("is valid from startsAt (inclusive) until endsAt (exclusive)", () => {
    expect(promoDiscount(tenPercent, { ...cart, now: new Date("2026-06-01T00:00:00.000Z") })).toBe(
      300,
    );
    expect(refusal(tenPercent, { now: new Date("2026-05-31T23:59:59.999Z") })).toMatchObject({
      code: "ERR_PROMO_NOT_STARTED",
      status: 422,
      field: "promoCode",
    });
    expect(refusal(tenPercent, { now: new Date("2026-07-01T00:00:00.000Z") })).toMatchObject({
      code: "ERR_PROMO_EXPIRED",
      status: 422,
      field: "promoCode",
    });
  });

  it("refuses unknown and inactive codes without echoing what is not a code", () => {
    expect(refusal(undefined)).toMatchObject({ code: "ERR_PROMO_UNKNOWN", status: 422 });
    expect(refusal({ ...tenPercent, active: false }).code).toBe("ERR_PROMO_UNKNOWN");
    const junk = refusal(undefined, { code: "<img src=x>" });
    expect(junk.message).not.toContain("<img");
  });

  it("refuses a cart under the minimum, saying the minimum", () => {
    const minimum = { ...tenPercent, minimum: 3000, currency: "EUR" };
    expect(refusal(minimum)).toEqual({
      code: "ERR_PROMO_MINIMUM",
      status: 422,
      field: "promoCode",
      message: "ETE10 needs a subtotal of at least 30.00 EUR.",
      extra: { minimum: { amount: 3000, currency: "EUR" } },
    });
    expect(promoDiscount(minimum, { ...cart, subtotal: 3000 })).toBe(300);
  });

  it("refuses a code of another currency, and one used as often as its limit allows", () => {
    expect(refusal({ ...tenPercent, currency: "CHF" }).code).toBe("ERR_PROMO_NOT_APPLICABLE");
    expect(promoDiscount({ ...tenPercent, uses: 2 }, cart)).toBe(300);
    expect(refusal({ ...tenPercent, uses: 3 }).code).toBe("ERR_PROMO_EXHAUSTED");
    expect(promoDiscount({ ...tenPercent, uses: 99, usageLimit: null }, cart)).toBe(300);
  });
});

describe("normalizePromoCode", () => {
  it("trims and upper-cases", () => {
    expect(normalizePromoCode("  bienvenue10 ")).toBe("BIENVENUE10");
  });
});
