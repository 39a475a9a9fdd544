import { html, nothing, type TemplateResult } from "lit";
import type { Address } from "../../api/types.js";
import type { Lang, Messages } from "../../lang/index.js";

const COUNTRIES = "FR BE CH LU MC DE IT ES NL PT AT IE GB US CA".split(" ");

/** What the optional buyer fields look like. */
export interface BuyerFieldOptions {
  /** `null`: no e-mail field; `"optional"`: optional; anything else: required. */
  readonly email: string | null;
  /** Show the billing address (needed by some terminals for 3-D Secure v2). */
  readonly billing: boolean;
  /** The terms-of-sale URL; empty for no checkbox. */
  readonly termsUrl: string;
}

const field = (label: string, control: TemplateResult) =>
  html`<label part="field"><span part="label">${label}</span>${control}</label>`;

const input = (name: string, autocomplete: string, type = "text", required = true) =>
  html`<input part="input" name=${name} type=${type} autocomplete=${autocomplete} ?required=${required} maxlength="50" />`;

/** Renders the e-mail field, billing address and terms checkbox the element was configured with. */
export function buyerFields(o: BuyerFieldOptions, m: Messages, lang: Lang): TemplateResult {
  const names = new Intl.DisplayNames(lang, { type: "region" });
  return html`${o.email === null ? nothing : field(m.email, input("email", "email", "email", o.email !== "optional"))}${
    o.billing
      ? html`<fieldset part="address"><legend>${m.address}</legend>
          ${field(m.address, input("addressLine1", "address-line1"))}
          ${field(m.postalCode, input("postalCode", "postal-code"))}
          ${field(m.city, input("city", "address-level2"))}
          ${field(
            m.country,
            html`<select part="input" name="country" autocomplete="country">
              ${COUNTRIES.map((c) => html`<option value=${c}>${names.of(c)}</option>`)}
            </select>`,
          )}
        </fieldset>`
      : nothing
  }${
    o.termsUrl
      ? html`<label part="terms"><input type="checkbox" name="terms" required />
          <span>${m.terms} <a part="terms-link" href=${o.termsUrl} target="_blank">${m.termsLink}</a></span></label>`
      : nothing
  }`;
}

/** Reads the buyer fields from the element's form. */
export function readBuyerFields(form: HTMLFormElement | null): {
  email?: string;
  billing?: Address;
} {
  const data = new FormData(form ?? undefined);
  const text = (name: string) => String(data.get(name) ?? "").trim();
  const email = text("email");
  const billing = data.has("city")
    ? {
        addressLine1: text("addressLine1"),
        postalCode: text("postalCode"),
        city: text("city"),
        country: text("country"),
      }
    : undefined;
  return { ...(email && { email }), ...(billing && { billing }) };
}
