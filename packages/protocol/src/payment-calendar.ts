/**
 * When a payment's window closes, per payment mode: the deferred delay in working days, the partial
 * window in calendar days, the renewals of a recurring payment and the end of each period. Every window
 * ends at midnight, Paris time, at the end of its last day. The bank sends no notification when a window
 * closes, so the merchant computes these the same way the bank (and the sandbox) does.
 * @module
 */
import {
  addCalendarMonths,
  addDays,
  bankDay,
  type CalendarDay,
  daysInMonth,
  startOfBankDay,
} from "./bank-date.ts";
import { ConfigError } from "./errors.ts";
import { addWorkingDays } from "./working-days.ts";

function checkRange(setting: string, value: number, min: number, max: number, unit: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(setting, `${setting} must be an integer from ${min} to ${max} ${unit}.`);
  }
}

/**
 * The end of a deferred payment's capture delay: midnight (Paris) at the end of the `workingDays`-th
 * working day after the order's day (0: the order's own day).
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` (setting `deferredDays`) outside 0–7.
 * @example
 * // Ordered Saturday 31 January 2026 with 7 working days: capture until Tuesday 10 February, 23:59:59.
 * deferredDeadline(new Date("2026-01-31T09:00:00Z"), 7).toISOString(); // "2026-02-10T23:00:00.000Z"
 */
export function deferredDeadline(orderDate: Date, workingDays: number): Date {
  checkRange("deferredDays", workingDays, 0, 7, "working days");
  return startOfBankDay(addDays(addWorkingDays(bankDay(orderDate), workingDays), 1));
}

/**
 * The end of a partial payment's capture window: midnight (Paris) at the end of the `days`-th calendar day
 * after the order's day.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` (setting `partialDays`) outside 8–120.
 */
export function partialDeadline(orderDate: Date, days: number): Date {
  checkRange("partialDays", days, 8, 120, "days");
  return startOfBankDay(addDays(bankDay(orderDate), days + 1));
}

/** How a recurring payment renews. */
export interface RecurrenceRule {
  /** Months between two payments: 1 monthly, 2, 3 quarterly, 6 half-yearly, 12 yearly. */
  readonly periodMonths: number;
  /** The renewal day: the order's anniversary, or a day of the month (1–31; the month's last day when shorter). */
  readonly day: "anniversary" | number;
}

const PERIODS = [1, 2, 3, 6, 12];

/**
 * The day of renewal `n` of a recurring payment (0 = the order's own day).
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for a period that is not 1, 2, 3, 6 or 12 months, or a day
 *   outside 1–31.
 * @example
 * renewalDay({ year: 2026, month: 1, day: 31 }, 1, { periodMonths: 1, day: "anniversary" });
 * // { year: 2026, month: 2, day: 28 }
 */
export function renewalDay(orderDay: CalendarDay, n: number, rule: RecurrenceRule): CalendarDay {
  if (!PERIODS.includes(rule.periodMonths)) {
    throw new ConfigError(
      "recurringPeriodMonths",
      "recurringPeriodMonths must be 1, 2, 3, 6 or 12 (months between two payments).",
    );
  }
  if (rule.day !== "anniversary")
    checkRange("recurringDay", rule.day, 1, 31, "(a day of the month)");
  if (n === 0) return orderDay;
  if (rule.day === "anniversary") return addCalendarMonths(orderDay, n * rule.periodMonths);
  const { year, month } = addCalendarMonths({ ...orderDay, day: 1 }, n * rule.periodMonths);
  return { year, month, day: Math.min(rule.day, daysInMonth(year, month)) };
}

/**
 * The end of payment `n`'s period (0 = the first payment): midnight (Paris) at the start of the next
 * renewal's day. What the merchant has not captured by then is cancelled.
 *
 * @throws {ConfigError} as {@link renewalDay}.
 */
export function periodEnd(orderDay: CalendarDay, n: number, rule: RecurrenceRule): Date {
  return startOfBankDay(renewalDay(orderDay, n + 1, rule));
}
