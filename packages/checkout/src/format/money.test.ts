import { expect } from "@open-wc/testing";
import { formatDate } from "./date.js";
import { formatMoney } from "./money.js";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("formats minor units for each language", () => {
    expect(plain(formatMoney(123456, "EUR", "fr"))).to.equal("1 234,56 €");
    expect(formatMoney(123456, "EUR", "en")).to.equal("€1,234.56");
    expect(plain(formatMoney(123456, "EUR", "de"))).to.equal("1.234,56 €");
    expect(plain(formatMoney(5, "EUR", "nl"))).to.equal("€ 0,05");
  });

  it("uses the currency's own decimals", () => {
    expect(formatMoney(1200, "JPY", "en")).to.equal("¥1,200");
    expect(plain(formatMoney(1999, "CHF", "fr"))).to.equal("19,99 CHF");
  });
});

describe("formatDate", () => {
  it("formats a calendar date whatever the time zone", () => {
    expect(formatDate("2026-01-31", "fr")).to.equal("31 janvier 2026");
    expect(formatDate("2026-01-31", "en")).to.equal("January 31, 2026");
    expect(formatDate("not a date", "en")).to.equal("not a date");
  });
});
