/**
 * Renders the buyer's fields of `<sceau-checkout>`: each labelled, required or marked optional, with its error
 * next to it (`aria-invalid`, `aria-describedby`), grouped by address.
 * @module
 */
import { html, nothing, type TemplateResult } from "lit";
import { format, type Lang, type Texts } from "../../lang/index.js";
import type { BuyerNeeds, FieldProblem, FieldSpec } from "./buyer-fields.js";
import type { CheckoutKey } from "./lang/index.js";
import { COUNTRIES, postalCodeExample } from "./validation.js";

/** What the form template needs. */
export interface BuyerFormView {
  readonly fields: readonly FieldSpec[];
  readonly needs: BuyerNeeds;
  readonly problems: ReadonlyMap<string, FieldProblem>;
  readonly t: Texts<CheckoutKey>;
  readonly lang: Lang;
  /** The country preselected in address fields. */
  readonly country: string;
  readonly onSameAsBilling: (same: boolean) => void;
}

/** The text of a field's problem, in the buyer's language. */
export function problemText(problem: FieldProblem, t: Texts<CheckoutKey>, lang: Lang): string {
  const country = problem.values?.country ?? "";
  const names = new Intl.DisplayNames(lang, { type: "region" });
  return format(t[problem.key], {
    ...problem.values,
    country: country ? (names.of(country) ?? country) : "",
    example: postalCodeExample(country) ?? "",
  });
}

function describedBy(field: FieldSpec, problem: FieldProblem | undefined): string | typeof nothing {
  const ids = [field.hint ? `h-${field.name}` : "", problem ? `e-${field.name}` : ""].filter(
    Boolean,
  );
  return ids.length ? ids.join(" ") : nothing;
}

function errorOf(field: FieldSpec, view: BuyerFormView) {
  const problem = view.problems.get(field.name);
  return problem
    ? html`<p part="field-error" id=${`e-${field.name}`}>${problemText(problem, view.t, view.lang)}</p>`
    : nothing;
}

function control(field: FieldSpec, view: BuyerFormView) {
  const invalid = view.problems.has(field.name);
  if (field.type === "country") {
    const names = new Intl.DisplayNames(view.lang, { type: "region" });
    return html`<select part="input" id=${`f-${field.name}`} name=${field.name}
      autocomplete=${field.autocomplete} required aria-invalid=${invalid}
      aria-describedby=${describedBy(field, view.problems.get(field.name))}>
      ${COUNTRIES.map((c) => html`<option value=${c} ?selected=${c === view.country}>${names.of(c)}</option>`)}
    </select>`;
  }
  return html`<input part="input" id=${`f-${field.name}`} name=${field.name} type=${field.type}
    autocomplete=${field.autocomplete} maxlength=${field.maxlength} ?required=${field.required}
    aria-invalid=${invalid} aria-describedby=${describedBy(field, view.problems.get(field.name))} />`;
}

function fieldTemplate(field: FieldSpec, view: BuyerFormView): TemplateResult {
  const { t } = view;
  return html`<div part="field">
    <label part="label" for=${`f-${field.name}`}>${t[field.label]}${
      field.required ? nothing : html` <span part="optional">(${t.optional})</span>`
    }</label>
    ${control(field, view)}
    ${field.hint ? html`<p part="hint" id=${`h-${field.name}`}>${t[field.hint]}</p>` : nothing}
    ${errorOf(field, view)}
  </div>`;
}

/** The terms-of-sale checkbox (its whole label is the tap target), when the fields include it. */
export function termsTemplate(view: BuyerFormView): TemplateResult | typeof nothing {
  const field = view.fields.find((f) => f.type === "checkbox");
  if (!field) return nothing;
  const invalid = view.problems.has(field.name);
  return html`<div part="field terms-field">
    <label part="terms"><input type="checkbox" id="f-terms" name="terms" required aria-invalid=${invalid}
      aria-describedby=${describedBy(field, view.problems.get(field.name))} />
      <span>${view.t.terms} <a part="terms-link" href=${view.needs.termsUrl} target="_blank">${view.t.termsLink}</a></span></label>
    ${errorOf(field, view)}
  </div>`;
}

function group(legend: string, fields: readonly FieldSpec[], view: BuyerFormView) {
  return fields.length
    ? html`<fieldset part="address"><legend>${legend}</legend>${fields.map((f) => fieldTemplate(f, view))}</fieldset>`
    : nothing;
}

/**
 * The buyer's fields: a note saying which are required (when any are asked), the e-mail, the billing address,
 * "deliver to the billing address" (checked by default) and the shipping address, the phone; the terms come
 * last, from {@link termsTemplate}.
 */
export function buyerFormTemplate(view: BuyerFormView): TemplateResult | typeof nothing {
  const { fields, needs, t } = view;
  if (!fields.some((f) => f.type !== "checkbox")) return nothing;
  const of = (g?: "billing" | "shipping") =>
    fields.filter((f) => f.group === g && f.type !== "checkbox");
  const both = needs.billing && needs.shippingAddress;
  return html`<p part="required-note">${t.requiredNote}</p>
    ${of(undefined)
      .filter((f) => f.name === "email")
      .map((f) => fieldTemplate(f, view))}
    ${group(t.billing, of("billing"), view)}
    ${
      both
        ? html`<label part="same-as-billing"><input type="checkbox" name="sameAsBilling" .checked=${needs.sameAsBilling}
            @change=${(e: Event) => view.onSameAsBilling((e.target as HTMLInputElement).checked)} />${t.sameAsBilling}</label>`
        : nothing
    }
    ${group(t.delivery, of("shipping"), view)}
    ${of(undefined)
      .filter((f) => f.name === "phone")
      .map((f) => fieldTemplate(f, view))}`;
}
