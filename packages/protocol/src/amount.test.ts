import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmount, minorDigits, parseAmount } from "./amount.ts";
import { FieldError } from "./errors.ts";

describe("formatAmount", () => {
  it("writes the canonical bank amount for 2, 0 and 3 minor digits", () => {
    expect(formatAmount(6273, "EUR")).toBe("62.73EUR");
    expect(formatAmount(5, "EUR")).toBe("0.05EUR");
    expect(formatAmount(123456789, "EUR")).toBe("1234567.89EUR");
    expect(formatAmount(1500, "JPY")).toBe("1500JPY");
    expect(formatAmount(1234, "KWD")).toBe("1.234KWD");
    expect(formatAmount(0, "EUR")).toBe("0EUR");
  });

  it("rejects negative, fractional and unsafe amounts with ERR_AMOUNT_INVALID", () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) {
      expect(() => formatAmount(bad, "EUR")).toThrow(
        expect.objectContaining({ code: "ERR_AMOUNT_INVALID", field: "montant" }),
      );
    }
  });

  it("rejects an unknown currency with ERR_CURRENCY_UNKNOWN", () => {
    const error = (() => {
      try {
        formatAmount(100, "EURO");
      } catch (e) {
        return e as FieldError;
      }
    })();
    expect(error).toBeInstanceOf(FieldError);
    expect(error?.code).toBe("ERR_CURRENCY_UNKNOWN");
    expect(error?.message).toMatch(/"EURO" is not an ISO 4217 currency code/);
    expect(() => minorDigits("eur")).toThrow(/ISO 4217/);
  });
});

describe("parseAmount", () => {
  it("follows the bank's rule: the first , or . is the decimal mark", () => {
    expect(parseAmount("62.73EUR")).toEqual({ minor: 6273, currency: "EUR" });
    expect(parseAmount("62,73EUR")).toEqual({ minor: 6273, currency: "EUR" });
    expect(parseAmount("1.234,50EUR")).toEqual({ minor: 123, currency: "EUR" });
    expect(parseAmount("1,234.50EUR")).toEqual({ minor: 123, currency: "EUR" });
    expect(parseAmount("15.5EUR")).toEqual({ minor: 1550, currency: "EUR" });
    expect(parseAmount("10EUR")).toEqual({ minor: 1000, currency: "EUR" });
    expect(parseAmount("62.735EUR")).toEqual({ minor: 6274, currency: "EUR" });
    expect(parseAmount("1500JPY")).toEqual({ minor: 1500, currency: "JPY" });
    expect(parseAmount("1500.6JPY")).toEqual({ minor: 1501, currency: "JPY" });
  });

  it("rejects text that is not an amount, naming the field", () => {
    for (const bad of [
      "",
      "EUR",
      "62.73",
      "62.73 EUR",
      "-1EUR",
      "1e3EUR",
      "62.73eur",
      `${"9".repeat(18)}EUR`,
    ]) {
      expect(() => parseAmount(bad, "montantech2")).toThrow(
        expect.objectContaining({ code: "ERR_AMOUNT_INVALID", field: "montantech2" }),
      );
    }
  });

  it("round-trips every integer amount in every digit class (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom("EUR", "JPY", "KWD", "USD", "CLF"),
        (minor, currency) => {
          const text = formatAmount(minor, currency);
          expect(text).not.toMatch(/[, ]/);
          expect(parseAmount(text)).toEqual({ minor, currency });
        },
      ),
    );
  });

  it("returns a value or a ProtocolError for any string (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          const money = parseAmount(text);
          expect(Number.isSafeInteger(money.minor)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(FieldError);
        }
      }),
    );
  });
});
