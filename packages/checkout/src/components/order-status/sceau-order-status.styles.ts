import { css } from "lit";

/** Styles of `<sceau-order-status>`. */
export const orderStatusStyles = css`
  :host {
    display: grid;
    gap: var(--_gap);
    justify-items: start;
  }
  p {
    display: flex;
    gap: 0.5em;
    margin: 0;
  }
  :host([status="paid"]) [part="message"] {
    color: var(--_success);
  }
  :host([status="refused"]) [part="message"],
  :host([status="anomaly"]) [part="message"],
  :host([status="error"]) [part="message"] {
    color: var(--_error);
  }
  [part="retry"] {
    text-decoration: none;
  }
`;
