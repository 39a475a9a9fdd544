import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarMonths,
  bankDay,
  formatBankDateTime,
  formatBankDay,
  formatRetourDateTime,
  parseBankDateTime,
  parseBankDay,
} from "./bank-date.ts";
import { FieldError } from "./errors.ts";

/** The wall-clock time in Paris of an instant, as Intl prints it. */
function parisWallTime(instant: number | Date): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Paris",
    dateStyle: "short",
    timeStyle: "medium",
  }).format(instant);
}

describe("bank dates", () => {
  it("formats in Paris time, winter (UTC+1) and summer (UTC+2)", () => {
    expect(formatBankDateTime(new Date("2006-12-05T10:55:23Z"))).toBe("05/12/2006:11:55:23");
    expect(formatBankDateTime(new Date("2024-07-27T10:35:45Z"))).toBe("27/07/2024:12:35:45");
    expect(formatBankDateTime(new Date("2024-12-31T23:30:00Z"))).toBe("01/01/2025:00:30:00");
  });

  it("crosses the DST changes correctly", () => {
    // 31 March 2024: 02:00 CET → 03:00 CEST; 27 October 2024: 03:00 CEST → 02:00 CET.
    expect(formatBankDateTime(new Date("2024-03-31T00:59:59Z"))).toBe("31/03/2024:01:59:59");
    expect(formatBankDateTime(new Date("2024-03-31T01:00:00Z"))).toBe("31/03/2024:03:00:00");
    expect(formatBankDateTime(new Date("2024-10-27T00:30:00Z"))).toBe("27/10/2024:02:30:00");
    expect(formatBankDateTime(new Date("2024-10-27T01:30:00Z"))).toBe("27/10/2024:02:30:00");
  });

  it("formats the Retour's _a_ form, which parses back to the same instant", () => {
    const instant = new Date("2026-07-14T10:00:00Z");
    expect(formatRetourDateTime(new Date("2006-12-05T10:55:23Z"))).toBe("05/12/2006_a_11:55:23");
    expect(formatRetourDateTime(instant)).toBe("14/07/2026_a_12:00:00");
    expect(parseBankDateTime(formatRetourDateTime(instant))).toEqual(instant);
  });

  it("parses the request and the Retour (_a_) forms as Paris time", () => {
    expect(parseBankDateTime("05/12/2006_a_11:55:23").toISOString()).toBe(
      "2006-12-05T10:55:23.000Z",
    );
    expect(parseBankDateTime("27/07/2024:12:35:45").toISOString()).toBe("2024-07-27T10:35:45.000Z");
    expect(parseBankDateTime("31/03/2024:03:00:00").toISOString()).toBe("2024-03-31T01:00:00.000Z");
    // The autumn hour that happens twice: the earlier instant.
    expect(parseBankDateTime("27/10/2024:02:30:00").toISOString()).toBe("2024-10-27T00:30:00.000Z");
  });

  it("rejects impossible dates with ERR_DATE_INVALID", () => {
    for (const bad of [
      "31/02/2024:10:00:00",
      "05/12/2006 11:55:23",
      "5/12/2006:11:55:23",
      "05/12/2006:24:00:00",
      "",
    ]) {
      expect(() => parseBankDateTime(bad)).toThrow(
        expect.objectContaining({ code: "ERR_DATE_INVALID", field: "date" }),
      );
    }
    expect(() => parseBankDay("29/02/2023", "dateech2")).toThrow(
      expect.objectContaining({ code: "ERR_DATE_INVALID", field: "dateech2" }),
    );
    expect(() => formatBankDateTime(new Date(Number.NaN))).toThrow(FieldError);
  });

  it("adds calendar months from the original day, clamping to the month's end", () => {
    const start = { year: 2010, month: 1, day: 31 };
    expect([1, 2, 3].map((n) => formatBankDay(addCalendarMonths(start, n)))).toEqual([
      "28/02/2010",
      "31/03/2010",
      "30/04/2010",
    ]);
    const leap = { year: 2012, month: 1, day: 30 };
    expect([1, 2, 3].map((n) => formatBankDay(addCalendarMonths(leap, n)))).toEqual([
      "29/02/2012",
      "30/03/2012",
      "30/04/2012",
    ]);
    expect(formatBankDay(addCalendarMonths({ year: 2024, month: 11, day: 30 }, 3))).toBe(
      "28/02/2025",
    );
  });

  it("round-trips any instant to the second (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2090, 0, 1) / 1000 }),
        (s) => {
          const instant = new Date(s * 1000);
          const text = formatBankDateTime(instant);
          const back = parseBankDateTime(text);
          // In the autumn overlap hour the earlier of the two instants is chosen; both print the same text.
          // Whether this instant is the later one is read from Intl, not from the code under test.
          const laterOfTwo = parisWallTime(instant.getTime() - 3600_000) === parisWallTime(instant);
          expect(formatBankDateTime(back)).toBe(text);
          expect(instant.getTime() - back.getTime()).toBe(laterOfTwo ? 3600_000 : 0);
          expect(formatBankDay(bankDay(instant))).toBe(text.slice(0, 10));
        },
      ),
    );
  });
});
