import { css } from "lit";

/**
 * Styles of `<sceau-checkout>`: wraps to fit a 320 px phone, one row per line on a desktop; every control a
 * finger taps (quantity, remove, choices, checkboxes) is at least 44 px high.
 */
export const checkoutStyles = css`
  :host {
    display: block;
    max-width: var(--sceau-max-width, 40rem);
  }
  [part="base"],
  form,
  fieldset {
    display: grid;
    gap: var(--_gap);
  }
  ul,
  ol,
  p {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li,
  [part="promo-row"] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.25rem var(--_gap);
  }
  [part="line"] {
    padding-block: var(--_gap);
    border-bottom: 1px solid var(--_border);
  }
  [part="line-name"] {
    flex: 1 1 10rem;
    font-weight: 600;
  }
  [part="unavailable"],
  [part="error"],
  [part="field-error"] {
    color: var(--_error);
    font-weight: 600;
  }
  [part$="button"]:not(.primary),
  [part="retry"],
  [part="remove-promo"] {
    min-width: 2.75rem;
    min-height: 2.75rem;
    border: 1px solid var(--_border);
  }
  [part~="field"],
  [part="promo"] {
    display: grid;
    gap: 0.25rem;
  }
  [part="promo-row"] [part="input"] {
    flex: 1 1 8rem;
  }
  fieldset,
  [part="input"] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em;
  }
  [part="input"] {
    min-height: 2.75rem;
    box-sizing: border-box;
  }
  [part="input"][aria-invalid="true"] {
    border: 2px solid var(--_error);
  }
  [part="optional"],
  [part="hint"],
  [part="required-note"] {
    font-size: 0.9em;
  }
  [part~="choice"],
  [part="terms"],
  [part="same-as-billing"] {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75rem;
  }
  [part~="choice"] span:last-child {
    margin-inline-start: auto;
  }
  input[type="checkbox"],
  input[type="radio"] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    flex: none;
  }
  [part="error"] ul {
    margin-top: 0.25rem;
  }
  .link {
    border: 0;
    padding: 0;
    color: inherit;
    text-align: start;
    text-decoration: underline;
    cursor: pointer;
  }
  [part="back-to-shop"] {
    color: var(--_accent);
  }
  [part="base"][aria-busy="true"] [part="totals"],
  [part="base"][aria-busy="true"] [part="line-amount"] {
    opacity: 0.6;
  }
`;
