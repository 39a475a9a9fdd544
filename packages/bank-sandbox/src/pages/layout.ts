/**
 * The page shell shared by every buyer page: no inline script or style, one stylesheet served by the
 * sandbox, so a strict Content-Security-Policy holds.
 * @module
 */
import { html, type SafeHtml } from "../html.ts";

/** Path of the sandbox's stylesheet. */
export const STYLESHEET_PATH = "/_sandbox/assets/sandbox.css";

/** Path of the sandbox's icon (also answered at `/favicon.ico`, so no browser gets a 404). */
export const FAVICON_PATH = "/_sandbox/assets/favicon.svg";

/** The icon: the bank blue with a white euro sign. */
export const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b3d6e"/><path d="M21 10.5a7 7 0 1 0 0 11M8 14.5h10M8 18h10" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>';

/** The Content-Security-Policy of every page. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The icon as an HTTP answer. */
export function faviconResponse(): Response {
  return new Response(FAVICON, {
    headers: { "content-type": "image/svg+xml", "cache-control": "max-age=86400" },
  });
}

/** Wraps a page body in the document, with the blinking TEST badge of the bank's test server. */
export function layout(options: { lang: string; title: string; body: SafeHtml }): string {
  return html`<!doctype html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">
</head>
<body>
<header class="bank"><span class="logo">sceau bank sandbox</span><span class="test-badge">TEST</span></header>
<main>
${options.body}
</main>
</body>
</html>
`.value;
}

/** The stylesheet. */
export const STYLESHEET = `
body { font: 16px/1.45 system-ui, sans-serif; margin: 0; background: #f3f4f6; color: #111827; }
header.bank { display: flex; justify-content: space-between; align-items: center; padding: .75rem 1.25rem; background: #0b3d6e; color: #fff; }
.logo { font-weight: 700; letter-spacing: .02em; }
.test-badge { background: #dc2626; color: #fff; font-weight: 700; padding: .15rem .6rem; border-radius: .3rem; animation: blink 1.2s steps(2, start) infinite; }
@keyframes blink { to { visibility: hidden; } }
@media (prefers-reduced-motion: reduce) { .test-badge { animation: none; } }
main { max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
section, form.card, .panel { background: #fff; border-radius: .5rem; padding: 1.25rem; margin-bottom: 1rem; box-shadow: 0 1px 2px rgb(0 0 0 / .08); }
h1 { font-size: 1.35rem; margin: 0 0 1rem; }
h2 { font-size: 1.1rem; margin: 0 0 .75rem; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0; }
dl.summary dt { color: #4b5563; }
dl.summary dd { margin: 0; font-weight: 600; }
label { display: block; margin: .75rem 0 .25rem; font-weight: 600; }
input, select { font: inherit; padding: .45rem .6rem; border: 1px solid #9ca3af; border-radius: .35rem; }
input[name=numero] { width: 100%; box-sizing: border-box; letter-spacing: .05em; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, .button:focus-visible { outline: 3px solid #0b3d6e; outline-offset: 2px; }
button, .button { font: inherit; display: inline-block; margin-top: 1rem; padding: .55rem 1.1rem; border: 0; border-radius: .35rem; background: #0b3d6e; color: #fff; text-decoration: none; cursor: pointer; }
.button.secondary, button.secondary { background: #6b7280; }
.errors { background: #fef2f2; border: 1px solid #fecaca; color: #991b1b; border-radius: .35rem; padding: .5rem 1rem; }
.ok { color: #065f46; }
.ko { color: #991b1b; }
.panel.test { border: 2px dashed #dc2626; }
.panel.test table, .panel.why table, table.schedule { width: 100%; border-collapse: collapse; font-size: .9rem; }
.panel.test td, .panel.test th, .panel.why td, .panel.why th, table.schedule td, table.schedule th { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
.panel.why { border: 2px solid #f59e0b; background: #fffbeb; }
pre, code { font-family: ui-monospace, monospace; font-size: .85rem; word-break: break-all; }
pre { white-space: pre-wrap; word-break: break-all; background: #111827; color: #f9fafb; padding: .75rem; border-radius: .35rem; }
.cancel { display: block; margin-top: 1rem; }
a:focus-visible, button:focus-visible, .button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
`;
