import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCalendarMonths, formatBankDay } from "./bank-date.ts";
import { instalmentDay, splitSchedule } from "./schedule.ts";

describe("splitSchedule", () => {
  it("splits 62.73 EUR in 4 equal shares with the remainder on the first", () => {
    const schedule = splitSchedule({
      total: 6273,
      count: 4,
      firstDay: { year: 2006, month: 12, day: 5 },
    });
    expect(schedule.map((i) => [formatBankDay(i.date), i.amount])).toEqual([
      ["05/12/2006", 1569],
      ["05/01/2007", 1568],
      ["05/02/2007", 1568],
      ["05/03/2007", 1568],
    ]);
  });

  it("splits by merchant percentages (deposit and balance)", () => {
    const schedule = splitSchedule({
      total: 9999,
      percentages: [30, 70],
      firstDay: { year: 2024, month: 1, day: 31 },
    });
    expect(schedule.map((i) => [formatBankDay(i.date), i.amount])).toEqual([
      ["31/01/2024", 3000],
      ["29/02/2024", 6999],
    ]);
  });

  it("puts instalments 2–4 on the 2nd for orders of the 1st–20th, on the 15th after (fixed day)", () => {
    const days = (day: number) =>
      [1, 2, 3, 4].map((i) =>
        formatBankDay(instalmentDay({ year: 2026, month: 11, day }, i, "fixed")),
      );
    expect(days(1)).toEqual(["01/11/2026", "02/12/2026", "02/01/2027", "02/02/2027"]);
    expect(days(20)).toEqual(["20/11/2026", "02/12/2026", "02/01/2027", "02/02/2027"]);
    expect(days(21)).toEqual(["21/11/2026", "15/12/2026", "15/01/2027", "15/02/2027"]);
    expect(days(30)).toEqual(["30/11/2026", "15/12/2026", "15/01/2027", "15/02/2027"]);
  });

  it("builds a deposit-and-balance schedule on the fixed day", () => {
    const schedule = splitSchedule({
      total: 14999,
      percentages: [40, 60],
      dayRule: "fixed",
      firstDay: { year: 2026, month: 1, day: 25 },
    });
    expect(schedule.map((i) => [formatBankDay(i.date), i.amount])).toEqual([
      ["25/01/2026", 6000],
      ["15/02/2026", 8999],
    ]);
  });

  it("refuses bad counts, bad percentages and totals too small, with ERR_SCHEDULE_INVALID", () => {
    const firstDay = { year: 2024, month: 1, day: 1 };
    for (const options of [
      { total: 1000, count: 1, firstDay },
      { total: 1000, count: 5, firstDay },
      { total: 1000, firstDay },
      { total: 1000, percentages: [50, 40], firstDay },
      { total: 1000, percentages: [100], firstDay },
      { total: 1000, percentages: [50, 50.5, -0.5], firstDay },
      { total: 3, count: 4, firstDay },
      { total: -5, count: 2, firstDay },
    ]) {
      expect(() => splitSchedule(options)).toThrow(
        expect.objectContaining({ code: "ERR_SCHEDULE_INVALID", field: "nbrech" }),
      );
    }
  });

  it("never loses a cent and keeps the calendar-month rule (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 10 ** 9 }),
        fc.integer({ min: 2, max: 4 }),
        fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }),
        (total, count, date) => {
          const firstDay = {
            year: date.getUTCFullYear(),
            month: date.getUTCMonth() + 1,
            day: date.getUTCDate(),
          };
          const schedule = splitSchedule({ total, count, firstDay });
          expect(schedule).toHaveLength(count);
          expect(schedule.reduce((sum, i) => sum + i.amount, 0)).toBe(total);
          const amounts = schedule.map((i) => i.amount);
          expect(Math.max(...amounts.slice(1)) - Math.min(...amounts.slice(1))).toBe(0);
          schedule.forEach((i, n) => {
            expect(i.date).toEqual(addCalendarMonths(firstDay, n));
          });
        },
      ),
    );
  });
});
