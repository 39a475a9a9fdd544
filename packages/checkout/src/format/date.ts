import type { Lang } from "../lang/messages.js";

/** Formats a `YYYY-MM-DD` date for a language (the date as written, whatever the buyer's time zone). */
export function formatDate(date: string, lang: Lang): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return parsed.toLocaleDateString(lang, { dateStyle: "long", timeZone: "UTC" });
}
