import { css } from "lit";

/** Styles of `<sceau-order-status>`: the state first, its actions, then the receipt; buttons hidden on paper. */
export const orderStatusStyles = css`
  :host {
    display: grid;
    gap: var(--_gap);
    justify-items: start;
  }
  [part="state"],
  [part="receipt"] {
    display: grid;
    gap: 0.5rem;
    justify-self: stretch;
  }
  [part="title"] {
    display: flex;
    align-items: center;
    gap: 0.5em;
    margin: 0;
    font-size: 1.25em;
  }
  h3 {
    margin: 0;
    font-size: 1.05em;
  }
  p {
    margin: 0;
  }
  :host([status="paid"]) [part="title"] {
    color: var(--_success);
  }
  :host([status="refused"]) [part="title"],
  :host([status="anomaly"]) [part="title"],
  :host([status="not-found"]) [part="title"],
  :host([status="error"]) [part="title"] {
    color: var(--_error);
  }
  [part="receipt"] {
    padding-top: var(--_gap);
    border-top: 1px solid var(--_border);
  }
  [part="retry"] {
    text-decoration: none;
  }
  [part="print"] {
    min-height: 2.75rem;
    padding: 0 1em;
    border: 1px solid var(--_border);
    justify-self: start;
  }
  @media print {
    [part="retry"],
    [part="check-again"],
    [part="print"],
    [part="listening"] {
      display: none;
    }
  }
`;
