import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type CalendarDay, compareDays, formatBankDay } from "./bank-date.ts";
import {
  addWorkingDays,
  easterSunday,
  frenchPublicHolidays,
  isWorkingDay,
} from "./working-days.ts";

const day = (text: string): CalendarDay => {
  const [d, m, y] = text.split("/").map(Number);
  return { year: y ?? 0, month: m ?? 0, day: d ?? 0 };
};

describe("French working days", () => {
  it("finds Easter Sunday on the published dates", () => {
    const published: [number, string][] = [
      [2000, "23/04/2000"],
      [2008, "23/03/2008"],
      [2011, "24/04/2011"],
      [2024, "31/03/2024"],
      [2025, "20/04/2025"],
      [2026, "05/04/2026"],
      [2027, "28/03/2027"],
      [2038, "25/04/2038"],
    ];
    for (const [year, date] of published) expect(formatBankDay(easterSunday(year))).toBe(date);
  });

  it("lists the eleven public holidays of 2026", () => {
    expect(frenchPublicHolidays(2026).map(formatBankDay)).toEqual([
      "01/01/2026",
      "06/04/2026",
      "01/05/2026",
      "08/05/2026",
      "14/05/2026",
      "25/05/2026",
      "14/07/2026",
      "15/08/2026",
      "01/11/2026",
      "11/11/2026",
      "25/12/2026",
    ]);
  });

  it("tells working days from weekends and holidays", () => {
    expect(isWorkingDay(day("30/01/2026"))).toBe(true); // Friday
    expect(isWorkingDay(day("31/01/2026"))).toBe(false); // Saturday
    expect(isWorkingDay(day("01/02/2026"))).toBe(false); // Sunday
    expect(isWorkingDay(day("14/05/2026"))).toBe(false); // Ascension, a Thursday
    expect(isWorkingDay(day("15/05/2026"))).toBe(true); // the Friday after
    expect(isWorkingDay(day("26/12/2026"))).toBe(false); // Saturday (26 December is no holiday)
    expect(isWorkingDay(day("28/12/2026"))).toBe(true);
  });

  it("counts working days over weekends and holidays", () => {
    expect(formatBankDay(addWorkingDays(day("31/01/2026"), 0))).toBe("31/01/2026");
    expect(formatBankDay(addWorkingDays(day("31/01/2026"), 1))).toBe("02/02/2026");
    expect(formatBankDay(addWorkingDays(day("31/01/2026"), 7))).toBe("10/02/2026");
    // Thursday 30 April; Friday 1 May is a holiday, then the weekend.
    expect(formatBankDay(addWorkingDays(day("30/04/2026"), 1))).toBe("04/05/2026");
    // Wednesday 13 May; Thursday 14 is Ascension.
    expect(formatBankDay(addWorkingDays(day("13/05/2026"), 2))).toBe("18/05/2026");
    // Over Christmas and New Year 2026–2027.
    expect(formatBankDay(addWorkingDays(day("24/12/2026"), 5))).toBe("04/01/2027");
  });

  it("lands on a working day, later than the start, with exactly n working days in between (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 7 }),
        (date, n) => {
          const start = {
            year: date.getUTCFullYear(),
            month: date.getUTCMonth() + 1,
            day: date.getUTCDate(),
          };
          const end = addWorkingDays(start, n);
          expect(isWorkingDay(end)).toBe(true);
          let count = 0;
          for (let d = addDays(start, 1); compareDays(d, end) <= 0; d = addDays(d, 1)) {
            if (isWorkingDay(d)) count += 1;
          }
          expect(count).toBe(n);
        },
      ),
    );
  });
});
