/**
 * Calendar days in the merchant's time zone, as UTC instants, for figures "per day" and "today".
 * @module
 */
import { ApiError } from "./errors.ts";

/** One local calendar day: its date and the UTC instants of its first and of the next day's first moment. */
export interface LocalDay {
  date: string;
  start: string;
  end: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * An IANA time zone name (`Europe/Paris`), `UTC` when absent.
 *
 * @throws {ApiError} `ERR_FILTER_INVALID` (400, field `tz`) for a name the runtime does not know.
 */
export function parseTimeZone(value: string | undefined): string {
  if (!value) return "UTC";
  try {
    if (value.length <= 64) return formatter(value).resolvedOptions().timeZone;
  } catch {
    // RangeError: unknown time zone
  }
  throw new ApiError("ERR_FILTER_INVALID", "tz must be an IANA time zone such as Europe/Paris.", {
    field: "tz",
  });
}

/** The local wall-clock fields of an instant, read back as if they were UTC (ms). */
function wallClock(timeZone: string, at: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The first instant of a local calendar day (two passes, so a change of offset that day is followed). */
function startOfDay(timeZone: string, year: number, month: number, day: number): number {
  const midnight = Date.UTC(year, month - 1, day);
  const first = midnight - (wallClock(timeZone, midnight) - midnight);
  return midnight - (wallClock(timeZone, first) - first);
}

const isoDate = (utc: Date) => utc.toISOString().slice(0, 10);

/**
 * The last `count` calendar days of a time zone, oldest first, the last one being today (which has not ended).
 *
 * @example
 * lastDays("Europe/Paris", 2, new Date("2026-03-29T12:00:00Z"));
 * // [{ date: "2026-03-28", start: "2026-03-27T23:00:00.000Z", end: "2026-03-28T23:00:00.000Z" },
 * //  { date: "2026-03-29", start: "2026-03-28T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z" }]
 */
export function lastDays(timeZone: string, count: number, now: Date): LocalDay[] {
  const today = new Date(wallClock(timeZone, now.getTime() - (now.getTime() % 1000)));
  const days: LocalDay[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const date = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - back),
    );
    const next = new Date(date.getTime() + 86_400_000);
    const at = (d: Date) =>
      new Date(startOfDay(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
    days.push({ date: isoDate(date), start: at(date).toISOString(), end: at(next).toISOString() });
  }
  return days;
}
