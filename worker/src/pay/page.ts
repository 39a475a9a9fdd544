/**
 * The payment link's page as HTML: no script at all, one inline stylesheet (allowed by its CSP nonce), every
 * value escaped with the protocol's `escapeHtml`. The button is the sealed form itself, posted by the browser
 * to the bank (PROTOCOL.md §3.2: the seal covers the raw values; escaping is only for the attribute).
 * @module
 */
import { escapeHtml, minorDigits, type PaymentForm, paymentFormHtml } from "@sceau/protocol";
import type { LinkState } from "../payment-link.ts";
import {
  fill,
  formatDate,
  formatMoney,
  LANGUAGE_NAMES,
  MESSAGES,
  PAGE_LANGUAGES,
  type PageLanguage,
} from "./messages.ts";

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; padding: 1rem; background: Canvas; color: CanvasText; }
main { max-width: 34rem; margin: 0 auto; }
.merchant { font-weight: 600; margin: 0; }
h1 { font-size: 1.5rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1rem 0 .5rem; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .4rem .25rem; border-bottom: 1px solid GrayText; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot th, tfoot td { font-weight: 700; border-bottom: 0; }
.state { padding: .75rem 1rem; border-radius: .5rem; border: 2px solid GrayText; }
.state-paid, .state-confirming { border-color: #1a7f37; }
.state-expired, .state-exhausted, .state-closed, .state-refused { border-color: #b3261e; }
form { margin: 1.5rem 0; }
button { font: inherit; font-weight: 600; padding: .8rem 1.5rem; min-height: 3rem; width: 100%;
  border: 0; border-radius: .5rem; background: #0b57d0; color: #fff; cursor: pointer; }
button:focus-visible { outline: 3px solid #0b57d0; outline-offset: 3px; }
.note { font-size: .9rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
a { color: LinkText; }
`;

/** What the page shows: the merchant, the order and its state, the form when it can be paid. */
export interface PayPage {
  lang: PageLanguage;
  merchant: string;
  order?: {
    reference: string;
    total: number;
    currency: string;
    lines: { name: string; quantity: number; amount: number }[];
    expiresAt: string | null;
  };
  /** The state; `notFound` and `unavailable` have no order. */
  state: LinkState | { kind: "notFound" } | { kind: "unavailable" };
  form?: Pick<PaymentForm, "action" | "method" | "fields">;
  /** The page's own address without `lang` (for the language links), e.g. `?token=…`. */
  query?: string;
  /** The nonce of the inline stylesheet (the page's Content-Security-Policy). */
  nonce: string;
}

/** The sentence that says what the buyer can do now. */
function stateMessage(page: PayPage): string {
  const t = MESSAGES[page.lang];
  const merchant = page.merchant;
  const state = page.state;
  switch (state.kind) {
    case "payable":
      return state.refused
        ? fill(t.refused, { attempts: state.attemptsLeft })
        : fill(t.payable, { merchant });
    default:
      return fill(t[state.kind], { merchant });
  }
}

function orderSection(page: PayPage, order: NonNullable<PayPage["order"]>): string {
  const t = MESSAGES[page.lang];
  const digits = minorDigits(order.currency);
  const money = (minor: number) =>
    escapeHtml(formatMoney(minor, order.currency, digits, page.lang));
  const rows = order.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.name)}</td><td class="num">${line.quantity}</td><td class="num">${money(line.amount)}</td></tr>`,
    )
    .join("\n");
  return `<section aria-labelledby="order">
<h2 id="order">${escapeHtml(fill(t.order, { reference: order.reference }))}</h2>
<table>
<thead><tr><th scope="col">${escapeHtml(t.item)}</th><th scope="col" class="num">${escapeHtml(t.quantity)}</th><th scope="col" class="num">${escapeHtml(t.amount)}</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row" colspan="2">${escapeHtml(t.total)}</th><td class="num">${money(order.total)}</td></tr></tfoot>
</table>
</section>`;
}

function languageLinks(page: PayPage): string {
  if (page.query === undefined) return "";
  const t = MESSAGES[page.lang];
  const links = PAGE_LANGUAGES.map((lang) => {
    const params = new URLSearchParams(page.query);
    params.set("lang", lang);
    const current = lang === page.lang ? ' aria-current="true"' : "";
    return `<li><a href="?${escapeHtml(params.toString())}" hreflang="${lang}" lang="${lang}"${current}>${escapeHtml(LANGUAGE_NAMES[lang])}</a></li>`;
  });
  return `<nav aria-label="${escapeHtml(t.language)}"><ul>${links.join("")}</ul></nav>`;
}

/**
 * The whole page.
 *
 * @example
 * const html = payPageHtml({ lang: "fr", merchant: "La boutique du CD", state: { kind: "notFound" }, nonce });
 */
export function payPageHtml(page: PayPage): string {
  const t = MESSAGES[page.lang];
  const kind = page.state.kind === "payable" && page.state.refused ? "refused" : page.state.kind;
  const order = page.order;
  const note = [
    order?.expiresAt && page.form
      ? escapeHtml(fill(t.validUntil, { date: formatDate(order.expiresAt, page.lang) }))
      : "",
    page.form ? escapeHtml(t.secure) : "",
  ].filter(Boolean);
  return `<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(`${t.title} — ${page.merchant}`)}</title>
<style nonce="${escapeHtml(page.nonce)}">${STYLE}</style>
</head>
<body>
<main>
<p class="merchant">${escapeHtml(page.merchant)}</p>
<h1>${escapeHtml(t.title)}</h1>
${order ? orderSection(page, order) : ""}
<p class="state state-${kind}" role="status">${escapeHtml(stateMessage(page))}</p>
${page.state.kind === "confirming" ? `<p><a href="">${escapeHtml(t.reload)}</a></p>\n` : ""}${page.form ? paymentFormHtml(page.form, { submitLabel: t.pay, id: "pay" }) : ""}
${note.length ? `<p class="note">${note.join("<br>")}</p>` : ""}
${languageLinks(page)}
</main>
</body>
</html>
`;
}
