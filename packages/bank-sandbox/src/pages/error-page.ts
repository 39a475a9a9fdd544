/**
 * The bank's kind of error page, in French like the bank's, followed by the sandbox's "why" panel: the
 * fields at fault and, for a bad seal, the exact string the bank sealed.
 * @module
 */
import { html } from "../html.ts";
import { layout } from "./layout.ts";

/** One problem found in the form. */
export interface Problem {
  readonly code: string;
  readonly field: string;
  readonly message: string;
}

/** What the error page shows. */
export interface ErrorPageContent {
  /** The bank's sentence (PROTOCOL.md §10, §9.5). */
  readonly bankMessage: string;
  /** The sandbox's error code. */
  readonly code: string;
  /** A one-line explanation for the integrator. */
  readonly summary: string;
  readonly problems?: readonly Problem[];
  /** For a bad seal: the format, the string the bank sealed, the MAC received, hints. */
  readonly seal?: {
    readonly format: string;
    readonly sealedString: string;
    readonly macReceived: string;
    readonly hints: readonly string[];
  };
  /** The fields received, as decoded. */
  readonly fields?: Readonly<Record<string, string>>;
  /** Where the buyer can go back (`url_retour`, or `url_retour_err`). */
  readonly backUrl?: string;
}

/** Renders the error page. */
export function errorPage(content: ErrorPageContent): string {
  const problems = content.problems ?? [];
  const body = html`
<section>
<h1>Paiement impossible</h1>
<p class="ko">${content.bankMessage}</p>
${content.backUrl ? html`<a class="button" href="${content.backUrl}">Retourner sur le site du commerçant</a>` : ""}
</section>
<section class="panel why" id="why">
<h2>Why? (sandbox only — the real bank shows only the sentence above)</h2>
<p><code>${content.code}</code> — ${content.summary}</p>
${
  problems.length
    ? html`<table><thead><tr><th>field</th><th>code</th><th>problem</th></tr></thead><tbody>
${problems.map((p) => html`<tr><td><code>${p.field}</code></td><td><code>${p.code}</code></td><td>${p.message}</td></tr>`)}
</tbody></table>`
    : ""
}
${
  content.seal
    ? html`<h2>The string the bank sealed (${content.seal.format})</h2>
<pre id="sealed-string">${content.seal.sealedString}</pre>
<p>MAC received: <code>${content.seal.macReceived || "(none)"}</code></p>
${content.seal.hints.length ? html`<ul>${content.seal.hints.map((h) => html`<li>${h}</li>`)}</ul>` : ""}
<p>Compute HMAC-SHA-1 of this exact string with your terminal's usable key and compare; a difference in
any character (field order, empty fields, escaping, amount text) changes the seal.</p>`
    : ""
}
${
  content.fields
    ? html`<h2>Fields received</h2><table><tbody>
${Object.entries(content.fields).map(([name, value]) => html`<tr><td><code>${name}</code></td><td><code>${value}</code></td></tr>`)}
</tbody></table>`
    : ""
}
</section>`;
  return layout({ lang: "fr", title: "Paiement impossible", body });
}
