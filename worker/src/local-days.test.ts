import { describe, expect, it } from "vitest";
import { lastDays, parseTimeZone } from "./local-days.ts";

describe("lastDays", () => {
  it("gives UTC days in UTC, the last one being today", () => {
    expect(lastDays("UTC", 2, new Date("2026-11-30T23:59:59.999Z"))).toEqual([
      { date: "2026-11-29", start: "2026-11-29T00:00:00.000Z", end: "2026-11-30T00:00:00.000Z" },
      { date: "2026-11-30", start: "2026-11-30T00:00:00.000Z", end: "2026-12-01T00:00:00.000Z" },
    ]);
  });

  it("follows the local date: 00:30 in Paris is already the next day", () => {
    const days = lastDays("Europe/Paris", 1, new Date("2026-11-29T23:30:00Z"));
    expect(days).toEqual([
      { date: "2026-11-30", start: "2026-11-29T23:00:00.000Z", end: "2026-11-30T23:00:00.000Z" },
    ]);
  });

  it("gives the 23-hour and the 25-hour days of the clock changes in Paris", () => {
    const spring = lastDays("Europe/Paris", 2, new Date("2026-03-29T12:00:00Z"));
    expect(spring.map((d) => [d.date, d.start, d.end])).toEqual([
      ["2026-03-28", "2026-03-27T23:00:00.000Z", "2026-03-28T23:00:00.000Z"],
      ["2026-03-29", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"],
    ]);
    const [autumn] = lastDays("Europe/Paris", 1, new Date("2026-10-25T12:00:00Z"));
    expect(autumn).toEqual({
      date: "2026-10-25",
      start: "2026-10-24T22:00:00.000Z",
      end: "2026-10-25T23:00:00.000Z",
    });
  });

  it("works for offsets that are not whole hours, and across month and year ends", () => {
    const days = lastDays("Asia/Kathmandu", 3, new Date("2027-01-01T00:00:00Z"));
    expect(days.map((d) => d.date)).toEqual(["2026-12-30", "2026-12-31", "2027-01-01"]);
    expect(days[2]?.start).toBe("2026-12-31T18:15:00.000Z");
  });

  it("returns consecutive days, each ending where the next starts", () => {
    const days = lastDays("America/New_York", 30, new Date("2026-11-15T05:00:00Z"));
    expect(days).toHaveLength(30);
    for (let i = 1; i < days.length; i++) expect(days[i]?.start).toBe(days[i - 1]?.end);
    expect(days[29]?.date).toBe("2026-11-15");
  });
});

describe("parseTimeZone", () => {
  it("takes IANA names and defaults to UTC", () => {
    expect(parseTimeZone(undefined)).toBe("UTC");
    expect(parseTimeZone("Europe/Paris")).toBe("Europe/Paris");
  });

  it("refuses unknown names with ERR_FILTER_INVALID on tz", () => {
    for (const bad of ["Mars/Olympus", "'; DROP TABLE orders", "x".repeat(65)]) {
      expect(() => parseTimeZone(bad)).toThrow(
        expect.objectContaining({ code: "ERR_FILTER_INVALID", field: "tz" }),
      );
    }
  });
});
