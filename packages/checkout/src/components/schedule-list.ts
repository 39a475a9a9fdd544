import { html, nothing } from "lit";
import type { ScheduleEntry } from "../api/types.js";
import { formatDate } from "../format/date.js";
import { formatMoney } from "../format/money.js";
import type { Lang } from "../lang/index.js";

/**
 * The dated payments of a schedule as a list — a split payment's instalments, a subscription's renewals —
 * each with its date, its amount and, when `state` is given, a word for its state.
 */
export function scheduleList(
  entries: readonly ScheduleEntry[],
  currency: string,
  lang: Lang,
  label: string,
  state?: (entry: ScheduleEntry) => string,
) {
  return html`<ol part="schedule" aria-label=${label}>
    ${entries.map(
      (s) => html`<li><time datetime=${s.date}>${formatDate(s.date, lang)}</time>
        <span>${formatMoney(s.amount, currency, lang)}</span>
        ${state ? html`<span>${state(s)}</span>` : nothing}</li>`,
    )}
  </ol>`;
}
