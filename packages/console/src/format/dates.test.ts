import { expect } from "@open-wc/testing";
import { formatDay, formatPercent, localDay, monthsBefore, startOfLocalDay } from "./dates.js";

describe("dates", () => {
  it("formats calendar days the same in every time zone, French and English", () => {
    expect(formatDay("2026-11-30", "fr-FR")).to.equal("30 nov. 2026");
    expect(formatDay("2026-11-30", "en-GB")).to.equal("30 Nov 2026");
    expect(formatDay("2026-01-05", "fr-FR", "short")).to.equal("05/01/2026");
  });

  it("counts six rolling months back, keeping the day when the month has it", () => {
    expect(monthsBefore(new Date(2026, 10, 30), 6)).to.equal("2026-05-30");
    expect(monthsBefore(new Date(2026, 7, 31), 6)).to.equal("2026-02-28");
    expect(monthsBefore(new Date(2027, 1, 15), 6)).to.equal("2026-08-15");
  });

  it("turns a local day into the instant it starts, and the next day's", () => {
    const start = new Date(startOfLocalDay("2026-11-30"));
    expect(localDay(start)).to.equal("2026-11-30");
    expect([start.getHours(), start.getMinutes()]).to.deep.equal([0, 0]);
    expect(localDay(new Date(startOfLocalDay("2026-12-31", 1)))).to.equal("2027-01-01");
  });

  it("writes ratios as percentages", () => {
    expect(formatPercent(0.125, "fr-FR")).to.equal("12,5\u00a0%");
    expect(formatPercent(1 / 3, "en-GB")).to.equal("33.3%");
  });
});
