import { css } from "lit";

/**
 * Styles every element shares: the `--sceau-*` design tokens with their defaults, dark mode (when the page
 * declares `color-scheme: light dark`), reduced motion
 * and the button look. Adopted as constructable stylesheets, so a strict `style-src 'self'` CSP allows them.
 */
// Dark tokens use light-dark(), so they follow the page's own colour scheme (its `color-scheme`), not only
// the system's: a light-only page keeps light tokens even when the system is dark.
export const sharedStyles = css`
  :host {
    --_accent: var(--sceau-accent, #1d4ed8);
    --_on-accent: var(--sceau-on-accent, #fff);
    --_border: var(--sceau-border-color, #8888);
    --_radius: var(--sceau-radius, 0.5rem);
    --_gap: var(--sceau-gap, 0.75rem);
    --_error: var(--sceau-error-color, #b91c1c);
    --_success: var(--sceau-success-color, #15803d);
    font: var(--sceau-font, inherit);
    color: var(--sceau-color, inherit);
  }
  @supports (color: light-dark(red, red)) {
    :host {
      --_accent: var(--sceau-accent, light-dark(#1d4ed8, #93c5fd));
      --_on-accent: var(--sceau-on-accent, light-dark(#fff, #0b1220));
      --_error: var(--sceau-error-color, light-dark(#b91c1c, #fca5a5));
      --_success: var(--sceau-success-color, light-dark(#15803d, #86efac));
    }
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
    background: none;
    border-radius: var(--_radius);
  }
  :focus-visible {
    outline: 2px solid var(--sceau-focus-color, var(--_accent));
    outline-offset: 2px;
  }
  [aria-disabled="true"] {
    opacity: 0.6;
  }
  .primary {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 2.75rem;
    padding: 0.6em 1.2em;
    border: 0;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
`;
