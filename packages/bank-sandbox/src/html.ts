/**
 * A tiny `html` tagged template: interpolated values are escaped unless wrapped with {@link raw} or produced
 * by another `html` call.
 * @module
 */
import { escapeHtml } from "@sceau/protocol";

/** Markup that is already safe and is inserted as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

// One escaping rule for every package: the protocol's.
export { escapeHtml };

/** Marks trusted markup so {@link html} inserts it unescaped. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** A value an `html` template accepts: text is escaped, arrays are joined, null/undefined/false are empty. */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/**
 * Builds markup, escaping every interpolated value.
 *
 * @example
 * html`<p title="${userText}">${userText}</p>`; // both escaped
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return new SafeHtml(out);
}
