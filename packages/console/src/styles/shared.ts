import { css } from "lit";

/** The console's common look: headings, links, buttons, fields, tables, cards, badges, messages. */
export const sharedStyles = css`
  :host {
    display: block;
  }
  h1 {
    font-size: 1.5rem;
    line-height: 1.25;
    margin: 0 0 1rem;
  }
  h2 {
    font-size: 1.15rem;
    margin: 1.75rem 0 0.6rem;
  }
  h3 {
    font-size: 1rem;
    margin: 1.25rem 0 0.5rem;
  }
  a {
    color: var(--sceau-accent);
  }
  :focus-visible {
    outline: 3px solid var(--sceau-accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .muted {
    color: var(--sceau-muted);
  }
  .card {
    background: var(--sceau-surface);
    border: 1px solid var(--sceau-border);
    border-radius: 8px;
    padding: 1rem;
  }
  button,
  a.button {
    display: inline-flex;
    align-items: center;
    text-decoration: none;
    font: inherit;
    min-height: 2.5rem;
    padding: 0.45rem 1rem;
    border-radius: 6px;
    border: 1px solid var(--sceau-accent);
    background: var(--sceau-accent);
    color: #fff;
    cursor: pointer;
  }
  button.secondary,
  a.button.secondary {
    background: var(--sceau-surface);
    color: var(--sceau-accent);
  }
  button.danger {
    background: var(--sceau-danger);
    border-color: var(--sceau-danger);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .link-button {
    background: none;
    border: none;
    color: var(--sceau-accent);
    padding: 0;
    min-height: 0;
    text-decoration: underline;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--sceau-surface);
    border: 1px solid var(--sceau-field-border);
    border-radius: 6px;
    padding: 0.4rem 0.55rem;
    min-height: 2.5rem;
    box-sizing: border-box;
    max-width: 100%;
  }
  input[aria-invalid="true"] {
    border-color: var(--sceau-danger);
    box-shadow: 0 0 0 1px var(--sceau-danger);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .field > span:first-child {
    font-weight: 600;
    font-size: 0.9rem;
  }
  .hint {
    font-size: 0.85rem;
    color: var(--sceau-muted);
  }
  .field-error {
    font-size: 0.9rem;
    color: var(--sceau-danger);
  }
  .message {
    border-radius: 6px;
    padding: 0.6rem 0.8rem;
    margin: 0.75rem 0;
  }
  .message.error {
    background: var(--sceau-danger-soft);
    color: var(--sceau-danger);
  }
  .message.success {
    background: var(--sceau-success-soft);
    color: var(--sceau-success);
  }
  .message.warning {
    background: var(--sceau-warning-soft);
    color: var(--sceau-warning);
  }
  .table-wrap {
    overflow-x: auto;
    background: var(--sceau-surface);
    border: 1px solid var(--sceau-border);
    border-radius: 8px;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: left;
    padding: 0.6rem 0.75rem;
    font-weight: 600;
  }
  th,
  td {
    text-align: left;
    padding: 0.5rem 0.75rem;
    border-top: 1px solid var(--sceau-border);
    vertical-align: top;
  }
  thead th {
    font-size: 0.85rem;
    color: var(--sceau-muted);
    white-space: nowrap;
  }
  .num {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  code,
  .mono {
    font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace;
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    padding: 0.1rem 0.55rem;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 600;
    white-space: nowrap;
    background: #eaeef2;
    color: var(--sceau-text);
  }
  .badge.paid,
  .badge.captured,
  .badge.accepted,
  .badge.collected,
  .badge.ok {
    background: var(--sceau-success-soft);
    color: var(--sceau-success);
  }
  .badge.refused,
  .badge.anomaly,
  .badge.failed,
  .badge.invalid-seal,
  .badge.malformed {
    background: var(--sceau-danger-soft);
    color: var(--sceau-danger);
  }
  .badge.pending,
  .badge.orphan,
  .badge.scheduled {
    background: var(--sceau-warning-soft);
    color: var(--sceau-warning);
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.35rem 1.25rem;
    margin: 0;
  }
  dl.facts dt {
    color: var(--sceau-muted);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  @media (max-width: 40rem) {
    .wide-only {
      display: none;
    }
    dl.facts {
      grid-template-columns: 1fr;
    }
    dl.facts dd {
      margin-bottom: 0.4rem;
    }
    th,
    td {
      padding: 0.45rem 0.5rem;
    }
  }
`;
