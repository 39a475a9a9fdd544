import { describe, expect, it } from "vitest";
import { formatBankDay } from "./bank-date.ts";
import { deferredDeadline, partialDeadline, periodEnd, renewalDay } from "./payment-calendar.ts";

const SATURDAY_31_JANUARY = new Date("2026-01-31T09:00:00Z"); // 10:00 in Paris
const MONTHLY = { periodMonths: 1, day: "anniversary" } as const;

describe("deferred delay", () => {
  it("ends at midnight Paris after the n-th working day", () => {
    // Working days after Saturday 31/01: Mon 02/02 … Fri 06/02 (5), Mon 09/02 (6), Tue 10/02 (7).
    expect(deferredDeadline(SATURDAY_31_JANUARY, 7).toISOString()).toBe("2026-02-10T23:00:00.000Z");
    expect(deferredDeadline(SATURDAY_31_JANUARY, 1).toISOString()).toBe("2026-02-02T23:00:00.000Z");
    // 0 days: the order's own day.
    expect(deferredDeadline(SATURDAY_31_JANUARY, 0).toISOString()).toBe("2026-01-31T23:00:00.000Z");
    // Summer time: midnight in Paris is 22:00 UTC.
    expect(deferredDeadline(new Date("2026-07-10T10:00:00Z"), 2).toISOString()).toBe(
      "2026-07-15T22:00:00.000Z", // Fri 10/07 → Mon 13/07, (Tue 14/07 holiday), Wed 15/07
    );
  });

  it("refuses a delay outside 0–7 working days", () => {
    for (const days of [-1, 8, 1.5]) {
      expect(() => deferredDeadline(SATURDAY_31_JANUARY, days)).toThrow(
        expect.objectContaining({ code: "ERR_CONFIG_INVALID", setting: "deferredDays" }),
      );
    }
  });
});

describe("partial window", () => {
  it("ends at midnight Paris after the n-th calendar day", () => {
    expect(partialDeadline(SATURDAY_31_JANUARY, 30).toISOString()).toBe("2026-03-02T23:00:00.000Z");
    expect(partialDeadline(SATURDAY_31_JANUARY, 8).toISOString()).toBe("2026-02-08T23:00:00.000Z");
    expect(() => partialDeadline(SATURDAY_31_JANUARY, 7)).toThrow(
      expect.objectContaining({ setting: "partialDays" }),
    );
    expect(() => partialDeadline(SATURDAY_31_JANUARY, 121)).toThrow(
      expect.objectContaining({ setting: "partialDays" }),
    );
  });
});

describe("recurring renewals", () => {
  const order = { year: 2026, month: 1, day: 31 };

  it("renews on the anniversary, the month's last day when shorter", () => {
    expect([1, 2, 3, 13].map((n) => formatBankDay(renewalDay(order, n, MONTHLY)))).toEqual([
      "28/02/2026",
      "31/03/2026",
      "30/04/2026",
      "28/02/2027",
    ]);
  });

  it("renews on a given day of the month, quarterly and yearly", () => {
    const rule = { periodMonths: 3, day: 30 } as const;
    expect([0, 1, 2].map((n) => formatBankDay(renewalDay(order, n, rule)))).toEqual([
      "31/01/2026",
      "30/04/2026",
      "30/07/2026",
    ]);
    const fifth = { periodMonths: 1, day: 5 } as const;
    expect(formatBankDay(renewalDay(order, 1, fifth))).toBe("05/02/2026");
    const yearly = { periodMonths: 12, day: "anniversary" } as const;
    expect(formatBankDay(renewalDay({ year: 2024, month: 2, day: 29 }, 1, yearly))).toBe(
      "28/02/2025",
    );
  });

  it("ends each period at midnight Paris at the start of the next renewal's day", () => {
    expect(periodEnd(order, 0, MONTHLY).toISOString()).toBe("2026-02-27T23:00:00.000Z");
    expect(periodEnd(order, 1, MONTHLY).toISOString()).toBe("2026-03-30T22:00:00.000Z");
  });

  it("refuses periods and days the bank does not offer", () => {
    expect(() => renewalDay(order, 1, { periodMonths: 4, day: "anniversary" })).toThrow(
      expect.objectContaining({ setting: "recurringPeriodMonths" }),
    );
    expect(() => renewalDay(order, 1, { periodMonths: 1, day: 32 })).toThrow(
      expect.objectContaining({ setting: "recurringDay" }),
    );
  });
});
