import { css } from "lit";

/** Styles of `<sceau-cart-count>`. */
export const cartCountStyles = css`
  [part="badge"] {
    display: inline-block;
    min-width: 1.5em;
    padding: 0 0.4em;
    border-radius: var(--sceau-badge-radius, 1em);
    background: var(--sceau-badge-background, var(--_accent));
    color: var(--sceau-badge-color, var(--_on-accent));
    font-size: var(--sceau-badge-font-size, 0.85em);
    font-weight: 600;
    text-align: center;
  }
`;
