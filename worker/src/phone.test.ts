import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bankPhone } from "./phone.ts";

describe("bankPhone", () => {
  it.each([
    ["06 12 34 56 78", "FR", "+33-612345678"],
    ["06.12.34.56.78", "FR", "+33-612345678"],
    ["+33 6 12 34 56 78", "BE", "+33-612345678"],
    ["+33 (0)6 12 34 56 78", "FR", "+33-612345678"],
    ["0033 6 12 34 56 78", undefined, "+33-612345678"],
    ["+33-612345678", "DE", "+33-612345678"],
    ["0470 12 34 56", "BE", "+32-470123456"],
    ["0032 470 12 34 56", "FR", "+32-470123456"],
    ["621 123 456", "LU", "+352-621123456"],
    ["+352 621 123 456", "FR", "+352-621123456"],
    ["030 1234567", "DE", "+49-301234567"],
    ["06 1234 5678", "IT", "+39-0612345678"],
    ["(415) 555-0100", "US", "+1-4155550100"],
    ["1 415 555 0100", "CA", "+1-4155550100"],
  ])("%s in %s is %s", (text, country, phone) => {
    expect(bankPhone(text, country)).toBe(phone);
  });

  it.each([
    ["12", "FR"],
    ["abc", "FR"],
    ["06 12 34 56 78", "JP"],
    ["06 12 34 56 78", undefined],
    ["+999 12345678", "FR"],
    ["+33 6123456789012345", "FR"],
    ["06*12=34", "FR"],
  ])("%s in %s is not a number the bank takes", (text, country) => {
    expect(bankPhone(text, country)).toBeUndefined();
  });

  it("answers only the bank's form, and leaves it as it is", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^(\+|00)?[\d ()./-]{0,25}$/)),
        fc.constantFrom(undefined, "FR", "BE", "IT", "US", "LU", "ZZ"),
        (text, country) => {
          const phone = bankPhone(text, country);
          if (phone === undefined) return;
          expect(phone).toMatch(/^\+\d{1,3}-\d{4,15}$/);
          expect(phone.length).toBeLessThanOrEqual(18);
          expect(bankPhone(phone, country)).toBe(phone);
        },
      ),
      { numRuns: 500 },
    );
  });
});
