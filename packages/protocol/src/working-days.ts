/**
 * Working days in France: Monday to Friday, except the eleven national public holidays of the Code du
 * travail (art. L3133-1), counted on the calendar of Paris. The bank's deferred-capture delay is given in
 * working days (0 to 7); this is the rule the sandbox and the worker share (a choice: the bank does not
 * publish its calendar).
 * @module
 */
import { addDays, type CalendarDay } from "./bank-date.ts";

/**
 * Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
 *
 * @example
 * easterSunday(2026); // { year: 2026, month: 4, day: 5 }
 */
export function easterSunday(year: number): CalendarDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/**
 * The eleven French national public holidays of a year, in date order: 1 January, Easter Monday, 1 May,
 * 8 May, Ascension Day, Whit Monday, 14 July, 15 August, 1 November, 11 November, 25 December.
 */
export function frenchPublicHolidays(year: number): CalendarDay[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number): CalendarDay => ({ year, month, day });
  return [
    fixed(1, 1),
    addDays(easter, 1),
    fixed(5, 1),
    fixed(5, 8),
    addDays(easter, 39),
    addDays(easter, 50),
    fixed(7, 14),
    fixed(8, 15),
    fixed(11, 1),
    fixed(11, 11),
    fixed(12, 25),
  ].sort((x, y) => x.month - y.month || x.day - y.day);
}

const holidayCache = new Map<number, Set<string>>();

function isHoliday(day: CalendarDay): boolean {
  let set = holidayCache.get(day.year);
  if (!set) {
    set = new Set(frenchPublicHolidays(day.year).map((h) => `${h.month}-${h.day}`));
    holidayCache.set(day.year, set);
  }
  return set.has(`${day.month}-${day.day}`);
}

/** True for Monday to Friday when the day is not a French public holiday. */
export function isWorkingDay(day: CalendarDay): boolean {
  const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isHoliday(day);
}

/**
 * The `count`-th working day after `start` (`start` itself for 0, whatever day it is).
 *
 * @example
 * // Friday 1 May 2026 is a holiday and falls on a Friday: 2 working days after Thursday 30 April.
 * addWorkingDays({ year: 2026, month: 4, day: 30 }, 2); // { year: 2026, month: 5, day: 5 }
 */
export function addWorkingDays(start: CalendarDay, count: number): CalendarDay {
  let day = start;
  for (let left = count; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}
