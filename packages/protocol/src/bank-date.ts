/**
 * Dates in the bank's formats and in French local time (PROTOCOL.md §9.2), DST-correct through `Intl`.
 * @module
 */
import { FieldError } from "./errors.ts";

/** The bank's time zone: dates in forms and notifications are French local time. */
export const BANK_TIME_ZONE = "Europe/Paris";

/** A calendar day (month 1–12). */
export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

interface Parts extends CalendarDay {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

let formatter: Intl.DateTimeFormat | undefined;

/** The wall-clock time in Paris at an instant. */
function parisParts(instant: Date): Parts {
  formatter ??= new Intl.DateTimeFormat("en-GB", {
    timeZone: BANK_TIME_ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return parts as unknown as Parts;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function assertDate(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new FieldError("ERR_DATE_INVALID", "date", "Expected a valid Date.");
  }
}

/**
 * Formats an instant as the bank's request date `dd/mm/yyyy:HH:MM:SS`, in Paris time.
 *
 * @throws {FieldError} `ERR_DATE_INVALID` for an invalid `Date`.
 * @example
 * formatBankDateTime(new Date("2006-12-05T10:55:23Z")); // "05/12/2006:11:55:23"
 */
export function formatBankDateTime(instant: Date): string {
  assertDate(instant);
  const p = parisParts(instant);
  return `${pad(p.day)}/${pad(p.month)}/${pad(p.year, 4)}:${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * Formats an instant as the Retour's date `dd/mm/yyyy_a_HH:MM:SS`, in Paris time (what the bank posts).
 *
 * @throws {FieldError} `ERR_DATE_INVALID` for an invalid `Date`.
 */
export function formatRetourDateTime(instant: Date): string {
  const text = formatBankDateTime(instant);
  return `${text.slice(0, 10)}_a_${text.slice(11)}`;
}

/** The calendar day in Paris at an instant. */
export function bankDay(instant: Date): CalendarDay {
  assertDate(instant);
  const { year, month, day } = parisParts(instant);
  return { year, month, day };
}

/** Formats a calendar day as `dd/mm/yyyy` (`date_commande`, `date_remise`, `dateechN`). */
export function formatBankDay(day: CalendarDay): string {
  return `${pad(day.day)}/${pad(day.month)}/${pad(day.year, 4)}`;
}

/** Number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && year >= 1;
}

const DAY = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const DATE_TIME = /^(\d{2})\/(\d{2})\/(\d{4})(?::|_a_)(\d{2}):(\d{2}):(\d{2})$/;

/**
 * Parses `dd/mm/yyyy` into a calendar day.
 *
 * @throws {FieldError} `ERR_DATE_INVALID` when the text is not a real day in that format.
 */
export function parseBankDay(text: string, field = "date"): CalendarDay {
  const m = typeof text === "string" ? DAY.exec(text) : null;
  const [day, month, year] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || !validDay(year, month, day)) {
    throw new FieldError(
      "ERR_DATE_INVALID",
      field,
      `${JSON.stringify(String(text).slice(0, 40))} is not a date in the bank's dd/mm/yyyy format.`,
    );
  }
  return { year, month, day };
}

/** Converts a Paris wall-clock time to the instant; in the autumn overlap the earlier instant wins. */
function fromParis(p: Parts): Date {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const wallTime = (instant: number) => {
    const seen = parisParts(new Date(instant));
    return Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
  };
  let guess = asUtc;
  // Two rounds settle the offset, including across a DST change between the guess and the answer.
  for (let i = 0; i < 2; i++) guess += asUtc - wallTime(guess);
  // The rounds may land on the later of the overlap's two instants.
  return new Date(wallTime(guess - 3_600_000) === asUtc ? guess - 3_600_000 : guess);
}

/**
 * Parses a bank date-time, either the request form `dd/mm/yyyy:HH:MM:SS` or the Retour form
 * `dd/mm/yyyy_a_HH:MM:SS`, read as Paris time, into an instant.
 *
 * @throws {FieldError} `ERR_DATE_INVALID` when the text is not a real date-time in one of those forms.
 * @example
 * parseBankDateTime("05/12/2006_a_11:55:23").toISOString(); // "2006-12-05T10:55:23.000Z"
 */
export function parseBankDateTime(text: string, field = "date"): Date {
  const m = typeof text === "string" ? DATE_TIME.exec(text) : null;
  const n = m ? m.slice(1).map(Number) : [];
  const [day = 0, month = 0, year = 0, hour = 99, minute = 99, second = 99] = n;
  if (!m || !validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    throw new FieldError(
      "ERR_DATE_INVALID",
      field,
      `${JSON.stringify(String(text).slice(0, 40))} is not a bank date-time (dd/mm/yyyy:HH:MM:SS or dd/mm/yyyy_a_HH:MM:SS).`,
    );
  }
  return fromParis({ year, month, day, hour, minute, second });
}

/**
 * The same day of month `months` later, or the month's last day when it has no such day (31/01 + 1 →
 * 28/02 or 29/02), always counted from the original day, never from the previous result.
 */
export function addCalendarMonths(start: CalendarDay, months: number): CalendarDay {
  const index = start.month - 1 + months;
  const year = start.year + Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  return { year, month, day: Math.min(start.day, daysInMonth(year, month)) };
}

/** The calendar day `days` days after `start` (before it when negative). */
export function addDays(start: CalendarDay, days: number): CalendarDay {
  const d = new Date(Date.UTC(start.year, start.month - 1, start.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Orders two calendar days: negative when `a` is earlier, 0 when equal, positive when later. */
export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The instant a calendar day begins in Paris (00:00 French time), e.g. to end a delay at midnight.
 *
 * @example
 * startOfBankDay({ year: 2026, month: 7, day: 14 }).toISOString(); // "2026-07-13T22:00:00.000Z"
 */
export function startOfBankDay(day: CalendarDay): Date {
  return fromParis({ ...day, hour: 0, minute: 0, second: 0 });
}
