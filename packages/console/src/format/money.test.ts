import { expect } from "@open-wc/testing";
import { decimalText, formatMoney, moneyInputText, parseMoney } from "./money.js";

describe("formatMoney", () => {
  it("uses the currency's own digits: none for JPY, two for EUR, three for KWD", () => {
    expect(formatMoney(1500, "JPY", "fr-FR")).to.match(/^1\s500\sJPY$|^1\s500\s¥$|^1\s500\s￥$/);
    expect(formatMoney(1500, "EUR", "fr-FR")).to.equal("15,00\u00a0€");
    expect(formatMoney(123456, "EUR", "fr-FR")).to.equal("1\u202f234,56\u00a0€");
    expect(formatMoney(1234, "KWD", "en-GB")).to.equal("KWD\u00a01.234");
    expect(formatMoney(2798, "EUR", "en-GB")).to.equal("€27.98");
  });

  it("keeps every digit of large amounts (no float division)", () => {
    expect(formatMoney(900719925474099, "EUR", "en-GB")).to.equal("€9,007,199,254,740.99");
  });

  it("falls back to plain digits for a code Intl refuses", () => {
    expect(formatMoney(1250, "EU", "fr-FR")).to.equal("12.50 EU");
  });
});

describe("decimalText and moneyInputText", () => {
  it("writes minor units with the currency's digits and the locale's mark", () => {
    expect(decimalText(5, 2)).to.equal("0.05");
    expect(decimalText(1500, 0)).to.equal("1500");
    expect(moneyInputText(123456, "EUR", ",")).to.equal("1234,56");
    expect(moneyInputText(1500, "JPY", ",")).to.equal("1500");
    expect(moneyInputText(1, "KWD", ".")).to.equal("0.001");
  });
});

describe("parseMoney", () => {
  it("reads what a merchant types, in minor units of the currency", () => {
    const cases: [string, string, number][] = [
      ["12,50", "EUR", 1250],
      ["12.5", "EUR", 1250],
      ["12", "EUR", 1200],
      ["0,01", "EUR", 1],
      ["1 234,56", "EUR", 123456],
      ["1\u202f234,56", "EUR", 123456],
      ["15", "JPY", 15],
      ["1 500", "JPY", 1500],
      ["1,234", "KWD", 1234],
      ["  7,5 ", "EUR", 750],
      ["19,99", "EUR", 1999],
      ["0.29", "EUR", 29],
    ];
    for (const [text, currency, minor] of cases) {
      expect(parseMoney(text, currency), `${text} ${currency}`).to.deep.equal({ ok: true, minor });
    }
  });

  it("refuses instead of guessing", () => {
    const cases: [string, string, string][] = [
      ["", "EUR", "empty"],
      ["   ", "EUR", "empty"],
      ["1.234,50", "EUR", "format"],
      ["12,50 €", "EUR", "format"],
      ["-5", "EUR", "format"],
      ["1e3", "EUR", "format"],
      ["12,505", "EUR", "decimals"],
      ["15,5", "JPY", "decimals"],
      ["0", "EUR", "zero"],
      ["0,00", "EUR", "zero"],
      ["99999999999999999", "EUR", "too-large"],
    ];
    for (const [text, currency, error] of cases) {
      expect(parseMoney(text, currency), `${text} ${currency}`).to.deep.equal({ ok: false, error });
    }
  });

  it("reads back exactly what it prefills, for every amount of a range", () => {
    for (const currency of ["EUR", "JPY", "KWD"]) {
      for (let minor = 1; minor < 3000; minor += 7) {
        for (const mark of [",", "."]) {
          const text = moneyInputText(minor, currency, mark);
          expect(parseMoney(text, currency)).to.deep.equal({ ok: true, minor });
        }
      }
    }
  });
});
