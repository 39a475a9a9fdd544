/**
 * What the `<sceau-checkout>` test files share (never bundled): mounting an element once it has quoted, its
 * visible texts, the worker calls it made, and, around each test, an empty cart with fetch spied and the bank
 * form intercepted.
 */
import { fixture, waitUntil } from "@open-wc/testing";
import type { SceauCheckout } from "../components/checkout/sceau-checkout.js";
import { $, interceptSubmit, resetCart, spyFetch } from "./helpers.js";

/** The fetch spy of {@link spyFetch}. */
export type FetchSpy = ReturnType<typeof spyFetch>;
/** The submit interceptor of {@link interceptSubmit}. */
export type Submits = ReturnType<typeof interceptSubmit>;

/** Resolves once the element is no longer quoting. */
export const settled = (el: SceauCheckout) =>
  waitUntil(() => el.status !== "quoting", "still quoting", { timeout: 3000 });

/** The text of the first match in the element's shadow root, spaces collapsed. */
export const text = (el: Element, selector: string) =>
  $(el, selector).textContent?.replace(/\s+/g, " ").trim();

/** Narrow and non-breaking spaces as plain ones (money and rates are formatted with them). */
export const nbsp = (s: string | undefined) => s?.replace(/[\u00a0\u202f]/g, " ");

/** The JSON body of the last call to `path`. */
export const bodyOf = (spy: FetchSpy, path: string) =>
  JSON.parse(String(spy.calls.filter((c) => c.url.endsWith(path)).at(-1)?.init?.body));

/** How many calls went to `path`. */
export const posts = (spy: FetchSpy, path: string) =>
  spy.calls.filter((c) => c.url.endsWith(path)).length;

/** Mounts the element and waits for its first quote to settle. */
export async function mount(template: Parameters<typeof fixture>[0]): Promise<SceauCheckout> {
  const el = await fixture<SceauCheckout>(template);
  await settled(el);
  await el.updateComplete;
  return el;
}

/**
 * Registers, in the calling `describe`, an empty cart, a fetch spy and a submit interceptor around each test;
 * the returned object holds the current test's.
 */
export function useMockedWorker(): { readonly spy: FetchSpy; readonly submits: Submits } {
  const current = {} as { spy: FetchSpy; submits: Submits };
  beforeEach(() => {
    resetCart();
    current.spy = spyFetch();
    current.submits = interceptSubmit();
  });
  afterEach(() => {
    current.spy.restore();
    current.submits.restore();
  });
  return current;
}
