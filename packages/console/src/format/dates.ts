/**
 * Dates and numbers with `Intl`, in the browser's time zone: instants from the worker (ISO 8601 UTC) and
 * calendar days (`YYYY-MM-DD`) of the merchant.
 * @module
 */

/** An instant as a date and time: `30 nov. 2026, 09:41`. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** A calendar day (`YYYY-MM-DD`) or the day of an instant: `30 nov. 2026`. */
export function formatDay(
  value: string,
  locale: string,
  style: "medium" | "short" = "medium",
): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(day.getTime())) return value;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: style,
    ...(/^\d{4}-\d{2}-\d{2}$/.test(value) && { timeZone: "UTC" }),
  }).format(day);
}

/** A ratio as a percentage with at most one decimal: `0.125` → `12,5 %`. */
export function formatPercent(ratio: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(
    ratio,
  );
}

/** A count: `1 234`. */
export function formatCount(count: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(count);
}

/** The local calendar day (`YYYY-MM-DD`) of a date. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The first instant of a local calendar day (`YYYY-MM-DD`), `days` later, as ISO 8601 UTC. */
export function startOfLocalDay(day: string, days = 0): string {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  return new Date(year, month - 1, date + days).toISOString();
}

/** The local calendar day `months` months before `from` (the 31st falls back to the month's last day). */
export function monthsBefore(from: Date, months: number): string {
  const target = new Date(from.getFullYear(), from.getMonth() - months, 1);
  const last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  target.setDate(Math.min(from.getDate(), last));
  return localDay(target);
}

/** The browser's IANA time zone (`Europe/Paris`). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
