/**
 * The choices `<sceau-checkout>` offers besides the lines, each priced by the worker: a promo code, the
 * shipping method, the number of instalments (with the dated schedule).
 * @module
 */
import { html, nothing, type TemplateResult } from "lit";
import type { Quote } from "../../api/types.js";
import { formatMoney } from "../../format/money.js";
import { format, type Lang, type Texts, textsOf } from "../../lang/index.js";
import { SUMMARY } from "../../summary/lang/index.js";
import { scheduleList } from "../schedule-list.js";
import type { CheckoutKey } from "./lang/index.js";

/** The promo code form: its own form, so Enter applies the code instead of paying. */
export function promoTemplate(view: {
  t: Texts<CheckoutKey>;
  applied: string | undefined;
  error: string;
  busy: boolean;
  onApply: (code: string) => void;
  onRemove: () => void;
}): TemplateResult {
  const { t, applied, error } = view;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem(
      "promoCode",
    ) as HTMLInputElement;
    view.onApply(input.value.trim().toUpperCase());
  };
  return html`<form part="promo" novalidate @submit=${submit}>
    <label part="label" for="f-promoCode">${t.promo} <span part="optional">(${t.optional})</span></label>
    <span part="promo-row">
      <input part="input" id="f-promoCode" name="promoCode" autocomplete="off" maxlength="32"
        aria-invalid=${!!error} aria-describedby=${error ? "e-promoCode" : nothing} />
      <button part="promo-button" type="submit" aria-disabled=${view.busy}>${t.applyPromo}</button>
      ${
        applied
          ? html`<button part="remove-promo" type="button" @click=${view.onRemove}
              aria-label=${format(t.removePromo, { code: applied })}>×</button>`
          : nothing
      }
    </span>
    ${error ? html`<p part="field-error" id="e-promoCode">${error}</p>` : nothing}
  </form>`;
}

/** The shipping methods the destination can use, when there is a choice. */
export function shippingMethodsTemplate(view: {
  t: Texts<CheckoutKey>;
  lang: Lang;
  quote: Quote | undefined;
  busy: boolean;
  onChoose: (method: string) => void;
}): TemplateResult | typeof nothing {
  const { quote, lang } = view;
  const methods = quote?.shippingMethods ?? [];
  if (!quote || methods.length < 2) return nothing;
  const free = textsOf(SUMMARY, lang).free;
  return html`<fieldset part="shipping-methods"><legend>${view.t.shippingMethod}</legend>
    ${methods.map(
      (m) => html`<label part="choice"><input type="radio" name="shippingMethod" .value=${m.method}
          .checked=${quote.shipping?.method === m.method} ?disabled=${view.busy}
          @change=${() => view.onChoose(m.method)} /><span>${m.name ?? m.method}</span>
        <span>${m.amount ? formatMoney(m.amount, quote.currency, lang) : free}</span></label>`,
    )}
  </fieldset>`;
}

/**
 * The instalment choice (only counts the worker offered; paying at once unless `single` is false, on a terminal
 * that splits every payment) and, when split, the dated payments.
 */
export function instalmentsTemplate(view: {
  t: Texts<CheckoutKey>;
  lang: Lang;
  counts: readonly number[];
  single: boolean;
  split: number;
  quote: Quote | undefined;
  busy: boolean;
  onChoose: (count: number) => void;
}): TemplateResult | typeof nothing {
  const { t, lang, quote } = view;
  if (view.counts.length === 0) return nothing;
  const schedule = view.split > 1 ? (quote?.schedule ?? []) : [];
  return html`<fieldset part="instalments">
      <legend>${t.instalments}</legend>
      ${[...(view.single ? [1] : []), ...view.counts].map(
        (n) => html`<label part="choice"><input type="radio" name="split" .value=${String(n)}
          .checked=${view.split === n} ?disabled=${view.busy} @change=${() => view.onChoose(n)} />${
            n === 1 ? t.once : format(t.times, { n })
          }</label>`,
      )}
    </fieldset>
    ${quote && schedule.length ? scheduleList(schedule, quote.currency, lang, t.instalments) : nothing}`;
}
