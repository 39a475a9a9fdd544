import { expect } from "@open-wc/testing";
import {
  bankPhone,
  COUNTRIES,
  isAddressText,
  isPostalCode,
  normalizePostalCode,
  postalCodeExample,
} from "./validation.js";

describe("postal codes", () => {
  // Per country: what a buyer may type, as the post writes it, and codes that are not of that country.
  const cases: [string, string, string, string[]][] = [
    ["FR", " 75002 ", "75002", ["7500", "750021", "75 002", "ABCDE"]],
    ["BE", "1000", "1000", ["75002", "100"]],
    ["CH", "1200", "1200", ["12000"]],
    ["LU", "L-1111", "1111", ["11111"]],
    ["MC", "98000", "98000", ["75002", "9800"]],
    ["DE", "10115", "10115", ["1011"]],
    ["IT", "00184", "00184", ["184"]],
    ["ES", "28013", "28013", ["53001", "00123"]],
    ["NL", "1012ab", "1012 AB", ["1012", "0123 AB"]],
    ["PT", "1100-148", "1100-148", ["1100148", "1100"]],
    ["AT", "1010", "1010", ["10100"]],
    ["IE", "d02x285", "D02 X285", ["D02"]],
    ["GB", "sw1a1aa", "SW1A 1AA", ["SW1A", "12345"]],
    ["US", "10001-1234", "10001-1234", ["1000"]],
    ["CA", "k1a0b1", "K1A 0B1", ["K1A", "123456"]],
  ];

  it("has a rule and an example for every country offered", () => {
    expect(cases.map(([c]) => c)).to.deep.equal(COUNTRIES);
    for (const [country, , normal] of cases) {
      const example = postalCodeExample(country) ?? "";
      expect(isPostalCode(example, country), `${country} example ${example}`).to.equal(true);
      expect(normal.length).to.be.greaterThan(0);
    }
  });

  for (const [country, typed, normal, wrong] of cases) {
    it(`${country}: accepts ${typed} as ${normal}, refuses ${wrong.join(", ")}`, () => {
      expect(normalizePostalCode(typed, country)).to.equal(normal);
      expect(isPostalCode(normalizePostalCode(typed, country), country)).to.equal(true);
      for (const code of wrong) {
        expect(isPostalCode(normalizePostalCode(code, country), country), code).to.equal(false);
      }
    });
  }

  it("accepts a plausible code for a country without a rule", () => {
    expect(postalCodeExample("JP")).to.equal(undefined);
    expect(isPostalCode("100-0001", "JP")).to.equal(true);
    expect(isPostalCode("<script>", "JP")).to.equal(false);
  });
});

describe("bankPhone", () => {
  it("writes a national number in the bank's form for its country", () => {
    expect(bankPhone("06 12 34 56 78", "FR")).to.equal("+33-612345678");
    expect(bankPhone("06.12.34.56.78", "FR")).to.equal("+33-612345678");
    expect(bankPhone("0470 12 34 56", "BE")).to.equal("+32-470123456");
    expect(bankPhone("0151 23456789", "DE")).to.equal("+49-15123456789");
    expect(bankPhone("(201) 555-0123", "US")).to.equal("+1-2015550123");
  });

  it("keeps Italy's leading 0, which is part of the number", () => {
    expect(bankPhone("06 1234 5678", "IT")).to.equal("+39-0612345678");
  });

  it("reads an international number whatever the country, with + or 00", () => {
    expect(bankPhone("+32 470 12 34 56", "FR")).to.equal("+32-470123456");
    expect(bankPhone("0032 470 12 34 56", "FR")).to.equal("+32-470123456");
    expect(bankPhone("+352 621 123 456", "FR")).to.equal("+352-621123456");
    expect(bankPhone("+44 7400 123456", "FR")).to.equal("+44-7400123456");
  });

  it("refuses what is not a number it can place", () => {
    for (const bad of [
      "",
      "12",
      "06 12 34 ab 78",
      "+999 123456789",
      "+33 6123456789012345",
      "0*6",
    ]) {
      expect(bankPhone(bad, "FR"), bad).to.equal(undefined);
    }
  });
});

describe("isAddressText", () => {
  it("refuses control characters, line breaks and bidirectional overrides, as the worker does", () => {
    expect(isAddressText("12 rue de l’Église")).to.equal(true);
    for (const bad of ["a\nb", "a\tb", "a\u202eb", "a\u2028b", "a\u0000b"]) {
      expect(isAddressText(bad), JSON.stringify(bad)).to.equal(false);
    }
  });
});
