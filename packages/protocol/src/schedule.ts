/**
 * Split-payment schedules: 2–4 monthly instalments, on the order's anniversary (the calendar-month rule of
 * PROTOCOL.md §9.6) or on a fixed day (the 2nd for orders of the 1st–20th, the 15th for the 21st to the end
 * of the month), in equal shares or in percentages (deposit and balance).
 * @module
 */
import { addCalendarMonths, type CalendarDay, daysInMonth } from "./bank-date.ts";
import { FieldError } from "./errors.ts";

/** One instalment: its day and its amount in minor units. */
export interface Instalment {
  readonly date: CalendarDay;
  readonly amount: number;
}

/**
 * When instalments 2–4 fall: `anniversary` — the order's day of the month (or the month's last day);
 * `fixed` — the 2nd of the month for orders placed on the 1st–20th, the 15th for the 21st to the end.
 */
export type SplitDayRule = "anniversary" | "fixed";

/**
 * The day of instalment `index` (1 = the order's day) under a day rule.
 *
 * @example
 * instalmentDay({ year: 2026, month: 1, day: 10 }, 2, "fixed"); // { year: 2026, month: 2, day: 2 }
 * instalmentDay({ year: 2026, month: 1, day: 31 }, 2, "anniversary"); // { year: 2026, month: 2, day: 28 }
 */
export function instalmentDay(
  orderDay: CalendarDay,
  index: number,
  rule: SplitDayRule = "anniversary",
): CalendarDay {
  if (index <= 1 || rule === "anniversary") return addCalendarMonths(orderDay, index - 1);
  const { year, month } = addCalendarMonths({ ...orderDay, day: 1 }, index - 1);
  return { year, month, day: Math.min(orderDay.day <= 20 ? 2 : 15, daysInMonth(year, month)) };
}

/** Input of {@link splitSchedule}. */
export interface ScheduleOptions {
  /** The order total in minor units. */
  total: number;
  /** The day of the first instalment (the order's day). */
  firstDay: CalendarDay;
  /** Number of instalments, 2–4; ignored when `percentages` is given. */
  count?: number;
  /**
   * Share of each instalment in percent, e.g. `[30, 70]` for a deposit and a balance; integers summing to
   * 100. Without it the shares are equal.
   */
  percentages?: readonly number[];
  /** When instalments 2–4 fall (default `anniversary`). */
  dayRule?: SplitDayRule;
}

function fail(message: string): never {
  throw new FieldError("ERR_SCHEDULE_INVALID", "nbrech", message);
}

/**
 * Builds a split schedule: the first instalment on the first day, the others a month apart under the day
 * rule, amounts that add up exactly to the total, the rounding remainder on the first instalment.
 *
 * @throws {FieldError} `ERR_SCHEDULE_INVALID` for a count outside 2–4, percentages that do not add up to
 *   100, or a total too small to give every instalment at least one minor unit.
 * @example
 * splitSchedule({ total: 6273, count: 4, firstDay: { year: 2006, month: 12, day: 5 } });
 * // amounts 1569, 1568, 1568, 1568 on 05/12/2006, 05/01/2007, 05/02/2007, 05/03/2007
 */
export function splitSchedule(options: ScheduleOptions): Instalment[] {
  const { total, firstDay, percentages } = options;
  if (!Number.isSafeInteger(total) || total < 0)
    fail("The total must be an integer number of minor units.");
  let shares: number[];
  if (percentages) {
    if (percentages.length < 2 || percentages.length > 4)
      fail("A split payment has 2 to 4 instalments.");
    if (percentages.some((p) => !Number.isInteger(p) || p <= 0)) {
      fail("Each instalment's percentage must be a positive integer.");
    }
    if (percentages.reduce((a, b) => a + b, 0) !== 100) fail("The percentages must add up to 100.");
    shares = percentages.map((p) => Math.floor((total * p) / 100));
  } else {
    const count = options.count ?? 0;
    if (!Number.isInteger(count) || count < 2 || count > 4) {
      fail(`A split payment has 2 to 4 instalments; got ${String(options.count)}.`);
    }
    shares = Array.from({ length: count }, () => Math.floor(total / count));
  }
  shares[0] = (shares[0] ?? 0) + total - shares.reduce((a, b) => a + b, 0);
  if (shares.some((s) => s <= 0))
    fail("The total is too small to split: every instalment needs an amount.");
  const rule = options.dayRule ?? "anniversary";
  return shares.map((amount, i) => ({ date: instalmentDay(firstDay, i + 1, rule), amount }));
}
