import { css } from "lit";

/** Styles of the order summary rows (subtotal, shipping, discount, total, VAT) and receipt lines. */
export const summaryStyles = css`
  [part="totals"],
  [part="receipt-lines"] {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part="totals"] p,
  [part="receipt-lines"] li {
    display: flex;
    justify-content: space-between;
    gap: var(--_gap);
    margin: 0;
  }
  [part="total"] {
    font-size: 1.1em;
  }
  [part="vat"] {
    font-size: 0.9em;
  }
`;
