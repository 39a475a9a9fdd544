/**
 * The card page, its 3-D Secure step and the result pages (ticket after an acceptance, refusal page), in
 * the buyer's language, with the TEST panel whose links fill the form (no script needed).
 * @module
 */
import { html, type SafeHtml } from "../html.ts";
import type { Messages } from "../i18n.ts";
import type { TestCard } from "../test-cards.ts";
import { layout } from "./layout.ts";

/** The order as the buyer sees it. */
export interface OrderView {
  readonly merchant: string;
  readonly tpe: string;
  readonly reference: string;
  /** The amount, formatted in the buyer's locale. */
  readonly amount: string;
  readonly schedule?: readonly { readonly day: string; readonly amount: string }[];
}

/** What the card page shows. */
export interface CardPageContent {
  readonly t: Messages;
  readonly order: OrderView;
  /** Where the form posts. */
  readonly action: string;
  readonly cancelUrl: string;
  readonly cards: readonly TestCard[];
  /** Values to put back in the form (after an error or a fill link). */
  readonly values: { numero?: string; mois?: string; annee?: string; cvv?: string };
  readonly errors: readonly string[];
  readonly attemptsLeft: number;
  /** The current year (sandbox clock), for the year list. */
  readonly year: number;
  /** The expiry the form shows when nothing was typed, and the test cards' (`{ mois, annee }`). */
  readonly defaultExpiry: { readonly mois: string; readonly annee: string };
  /** The message of a refused previous attempt, if any. */
  readonly notice?: string;
  /** Sandbox-only remarks for the integrator (shown in the TEST panel). */
  readonly warnings?: readonly string[];
}

function summary(t: Messages, order: OrderView): SafeHtml {
  return html`<dl class="summary">
<dt>${t.merchant}</dt><dd>${order.merchant}</dd>
<dt>${t.terminal}</dt><dd>${order.tpe}</dd>
<dt>${t.reference}</dt><dd>${order.reference}</dd>
<dt>${t.amount}</dt><dd id="amount">${order.amount}</dd>
</dl>
${
  order.schedule
    ? html`<h2>${t.instalments}</h2><table class="schedule"><tbody>
${order.schedule.map((s, i) => html`<tr><td>${i + 1}</td><td>${s.day}</td><td>${s.amount}</td></tr>`)}
</tbody></table>`
    : ""
}`;
}

function options(values: readonly string[], selected: string | undefined): SafeHtml {
  return html`${values.map((v) => html`<option value="${v}"${v === selected ? html` selected` : ""}>${v}</option>`)}`;
}

/** Renders the card page. */
export function cardPage(c: CardPageContent): string {
  const { t } = c;
  const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));
  const years = Array.from({ length: 12 }, (_, i) => String(c.year + i));
  const mois = c.values.mois ?? c.defaultExpiry.mois;
  const annee = c.values.annee ?? c.defaultExpiry.annee;
  const body = html`
<section>
<h1>${t.title}</h1>
${summary(t, c.order)}
</section>
<form class="card" id="card-form" method="post" action="${c.action}">
${c.notice ? html`<p class="ko" id="notice">${c.notice}</p>` : ""}
${c.errors.length ? html`<div class="errors" role="alert"><ul>${c.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ""}
<label for="numero">${t.cardNumber}</label>
<input id="numero" name="numero" inputmode="numeric" autocomplete="cc-number" maxlength="23" value="${c.values.numero ?? ""}" required>
<label>${t.expiry}</label>
<select name="mois" aria-label="${t.month}" autocomplete="cc-exp-month">${options(months, mois)}</select>
<select name="annee" aria-label="${t.year}" autocomplete="cc-exp-year">${options(years, annee)}</select>
<label for="cvv">${t.cvv}</label>
<input id="cvv" name="cvv" inputmode="numeric" autocomplete="cc-csc" maxlength="4" size="5" value="${c.values.cvv ?? ""}" required>
<div><button type="submit">${t.pay}</button></div>
<p id="attempts">${t.attemptsLeft}${t.colon} <span id="attempts-left">${c.attemptsLeft}</span></p>
<a class="cancel" id="cancel" href="${c.cancelUrl}">${t.cancel}</a>
</form>
<section class="panel test" id="test-cards">
<h2>${t.testCards}</h2>
${c.warnings?.length ? html`<ul class="errors" id="warnings">${c.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ""}
<p>${t.testCardsHint(`${c.defaultExpiry.mois}/${c.defaultExpiry.annee}`)}</p>
<table><tbody>
${c.cards.map(
  (card) =>
    html`<tr><td><a href="?fill=${card.id}"><code>${card.number}</code></a></td><td>${t.cardLabels[card.id] ?? card.label}</td><td><code>${card.cvv}</code></td></tr>`,
)}
</tbody></table>
</section>`;
  return layout({ lang: t.htmlLang, title: t.title, body });
}

/** Renders the 3-D Secure challenge step. */
export function challengePage(c: { t: Messages; order: OrderView; action: string }): string {
  const { t } = c;
  const body = html`
<section>
<h1>${t.threeDsTitle}</h1>
<p>${t.threeDsPrompt}</p>
${summary(t, c.order)}
</section>
<form class="card" method="post" action="${c.action}">
<button type="submit" name="decision" value="pass">${t.threeDsPass}</button>
<button class="secondary" type="submit" name="decision" value="fail">${t.threeDsFail}</button>
</form>`;
  return layout({ lang: t.htmlLang, title: t.threeDsTitle, body });
}

/** What a result page shows. */
export interface ResultPageContent {
  readonly t: Messages;
  readonly order: OrderView;
  readonly accepted: boolean;
  /** Date and time of the attempt, in the buyer's locale. */
  readonly date: string;
  readonly authorisation?: string;
  /** `url_retour_ok` after an acceptance, `url_retour_err` after a refusal. */
  readonly backUrl?: string;
  /** After a refusal with attempts left: the card page again. */
  readonly retryUrl?: string;
  readonly message?: string;
  /** Sandbox-only: how the Retour call went. */
  readonly retour?: {
    readonly url: string;
    readonly code: string;
    readonly delivered: boolean;
    readonly detail: string;
  };
}

/** Renders the ticket (accepted) or the refusal page. */
export function resultPage(c: ResultPageContent): string {
  const { t } = c;
  const body = html`
<section id="${c.accepted ? "ticket" : "refusal"}">
<h1 class="${c.accepted ? "ok" : "ko"}">${c.accepted ? t.accepted : t.refused}</h1>
${c.message ? html`<p class="ko">${c.message}</p>` : ""}
${summary(t, c.order)}
<dl class="summary">
<dt>${t.date}</dt><dd id="date">${c.date}</dd>
${c.authorisation ? html`<dt>${t.authorisation}</dt><dd id="authorisation">${c.authorisation}</dd>` : ""}
</dl>
${c.retryUrl ? html`<a class="button" id="retry" href="${c.retryUrl}">${t.tryAgain}</a> ` : ""}
${c.backUrl ? html`<a class="button${c.retryUrl ? " secondary" : ""}" id="back" href="${c.backUrl}">${t.backToShop}</a>` : ""}
</section>
${
  c.retour
    ? html`<section class="panel test" id="retour-status">
<h2>${t.retourTitle}</h2>
<p><code>code-retour=${c.retour.code}</code> ${t.postedTo} <code>${c.retour.url}</code>${t.colon}
<strong class="${c.retour.delivered ? "ok" : "ko"}">${c.retour.delivered ? t.receiptOk : t.receiptMissing}</strong> — ${c.retour.detail}</p>
</section>`
    : ""
}`;
  return layout({ lang: t.htmlLang, title: c.accepted ? t.accepted : t.refused, body });
}

/** Renders a plain message page (session expired, attempts exhausted). */
export function messagePage(c: { t: Messages; message: string; backUrl?: string }): string {
  const body = html`<section><h1 class="ko">${c.message}</h1>
${c.backUrl ? html`<a class="button" id="back" href="${c.backUrl}">${c.t.backToShop}</a>` : ""}</section>`;
  return layout({ lang: c.t.htmlLang, title: c.message, body });
}
