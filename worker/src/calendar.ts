/**
 * Days as the worker stores them (`YYYY-MM-DD`, the bank's day in Paris) and the instants payments fall due.
 * @module
 */
import {
  bankDay,
  type CalendarDay,
  formatBankDateTime,
  formatBankDay,
  parseBankDateTime,
} from "@sceau/protocol";

/** `YYYY-MM-DD` of a calendar day. */
export function isoDay(day: CalendarDay): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}`;
}

/** The calendar day of a stored `YYYY-MM-DD`. */
export function calendarDay(iso: string): CalendarDay {
  const [year = 0, month = 0, day = 0] = iso.split("-").map(Number);
  return { year, month, day };
}

/** The bank's day (Paris) of an instant, as stored. */
export function parisDay(instant: Date): string {
  return isoDay(bankDay(instant));
}

/**
 * When a payment falls due on `day`: at the order's time of day in Paris, which is when the bank collects
 * an instalment or creates a renewal.
 */
export function dueAt(day: CalendarDay, orderDate: Date): Date {
  return parseBankDateTime(`${formatBankDay(day)}:${formatBankDateTime(orderDate).slice(11)}`);
}
