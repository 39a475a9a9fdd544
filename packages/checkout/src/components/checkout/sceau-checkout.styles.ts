import { css } from "lit";

/** Styles of `<sceau-checkout>`: wraps to fit a 320 px phone, one row per line on a desktop. */
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
  [part="total"] {
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
  [part="error"] {
    color: var(--_error);
    font-weight: 600;
  }
  [part$="button"]:not(.primary) {
    min-width: 2.25rem;
    min-height: 2.25rem;
    border: 1px solid var(--_border);
  }
  [part="field"] {
    display: grid;
    gap: 0.25rem;
  }
  fieldset,
  [part="input"] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5em;
  }
`;
