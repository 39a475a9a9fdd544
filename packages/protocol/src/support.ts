/**
 * Helpers for talking to the bank's support and for server-rendered pages.
 * @module
 */
import type { SealKey } from "./key.ts";
import { seal } from "./seal.ts";
import type { PaymentForm } from "./terminal.ts";

/**
 * The kits' control string, which proves to the bank's support that you hold the right key without revealing
 * it: `V1.04.sha1.php--[CtlHmac<version><TPE>]-<seal>` (PROTOCOL.md §2.4). Never sent to the bank.
 *
 * @example
 * await supportControlString(key, "1234567"); // "V1.04.sha1.php--[CtlHmac3.01234567]-4e64…"
 */
export async function supportControlString(
  key: SealKey,
  tpe: string,
  version = "3.0",
): Promise<string> {
  const data = `CtlHmac${version}${tpe}`;
  return `V1.04.sha1.php--[${data}]-${await seal(key, data)}`;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
  "`": "&#x60;",
};

/**
 * Escapes a value for HTML text or a quoted attribute (and the backtick, which old browsers took as a quote);
 * the seal covers the raw value, never this (PROTOCOL.md §3.2).
 *
 * @example
 * escapeHtml(`a"b<c`); // "a&quot;b&lt;c"
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Renders a sealed form as HTML, every value escaped, for shops that build pages on the server.
 *
 * @example
 * const html = paymentFormHtml(await terminal.paymentForm(order), { submitLabel: "Payer" });
 */
export function paymentFormHtml(
  form: PaymentForm,
  options: { submitLabel?: string; id?: string } = {},
): string {
  const inputs = Object.entries(form.fields)
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join("\n  ");
  const id = options.id ? ` id="${escapeHtml(options.id)}"` : "";
  const label = escapeHtml(options.submitLabel ?? "Paiement par carte bancaire");
  return `<form${id} method="post" action="${escapeHtml(form.action)}" accept-charset="UTF-8">\n  ${inputs}\n  <button type="submit">${label}</button>\n</form>`;
}
