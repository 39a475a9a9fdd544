import { warn } from "../sceau-element.js";

/**
 * Loads each tag's definition the first time the document contains that tag: at once for the tags already in
 * the page, later (a mutation observer) for those a script adds; the observer stops once all are loaded. A tag
 * already defined (by the npm build, say) is left alone.
 *
 * @example
 * ```ts
 * loadOnDemand({ "sceau-checkout": () => import("./cart.js") });
 * ```
 */
export function loadOnDemand(
  loaders: Readonly<Record<string, () => Promise<unknown>>>,
  root: Document = document,
): void {
  const waiting = new Map(Object.entries(loaders));
  const scan = (): void => {
    for (const [tag, load] of waiting) {
      if (customElements.get(tag)) {
        waiting.delete(tag);
      } else if (root.querySelector(tag)) {
        waiting.delete(tag);
        load().catch((error: unknown) =>
          warn(
            `<${tag}> could not be loaded (${String(error)}): copy every dist/sceau-checkout*.js file next to sceau-checkout.js.`,
          ),
        );
      }
    }
    if (waiting.size === 0) observer.disconnect();
  };
  const observer = new MutationObserver((records) => {
    if (records.some((r) => [...r.addedNodes].some((n) => n.nodeType === Node.ELEMENT_NODE)))
      scan();
  });
  observer.observe(root.documentElement, { childList: true, subtree: true });
  scan();
}
