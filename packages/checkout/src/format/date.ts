import type { Lang } from "../lang/index.js";

/** Formats a `YYYY-MM-DD` date for a language (the date as written, whatever the buyer's time zone). */
export function formatDate(date: string, lang: Lang): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return parsed.toLocaleDateString(lang, { dateStyle: "long", timeZone: "UTC" });
}

/** Formats an instant (ISO 8601) as a date and time in the buyer's own time zone; "" when it is not one. */
export function formatDateTime(instant: string | undefined, lang: Lang): string {
  const parsed = new Date(instant ?? "");
  if (Number.isNaN(parsed.getTime())) return "";
  return parsed.toLocaleString(lang, { dateStyle: "long", timeStyle: "short" });
}
