/**
 * Helpers for the browser tests (never bundled): a stand-in for the worker's admin API behind `fetch`,
 * shadow-DOM queries through nested roots, and waiting for a condition. The real keyboard, the focused
 * element and axe-core come from the checkout's test helpers (same runner, same `/__axe.js`).
 */
import { AdminApi, type Fetch } from "../api/client.js";

export {
  axeViolations,
  command,
  deepActiveElement,
  press,
  type,
} from "../../../checkout/src/testing/helpers.js";

/** One call the stand-in received. */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

/** What a route answers: JSON (status 200 unless said), or a function of the call. */
export type Answer =
  | { status?: number; json?: unknown; text?: string; contentType?: string }
  | ((call: Call) => { status?: number; json?: unknown; text?: string; contentType?: string });

/**
 * A `fetch` that answers like the worker's admin API from a table of `"METHOD /path"` routes (path without
 * `/api/admin` and without the query); an unknown route is the worker's 404. Every call is recorded.
 */
export function fakeWorker(routes: Record<string, Answer>): { fetch: Fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: Fetch = async (input, init = {}) => {
    const url = new URL(input, location.origin);
    const call: Call = {
      method: init.method ?? "GET",
      path: url.pathname.replace(/^\/api\/admin/, ""),
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    const answer = typeof route === "function" ? route(call) : route;
    if (!answer) {
      return Response.json(
        { error: { code: "ERR_NOT_FOUND", message: "No such route." } },
        { status: 404 },
      );
    }
    if (answer.text !== undefined) {
      return new Response(answer.text, {
        status: answer.status ?? 200,
        headers: { "Content-Type": answer.contentType ?? "text/plain" },
      });
    }
    return Response.json(answer.json ?? {}, { status: answer.status ?? 200 });
  };
  return { fetch, calls };
}

/** An API client on a stand-in worker. */
export function fakeApi(routes: Record<string, Answer>): { api: AdminApi; calls: Call[] } {
  const { fetch, calls } = fakeWorker(routes);
  return { api: new AdminApi({ token: "test-token", fetch }), calls };
}

/** Queries inside an element's shadow root (and nested ones, with `>>>` between hosts). */
export function $<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = $$<T>(host, selector)[0];
  if (!found) throw new Error(`No ${selector} in ${host.localName}`);
  return found;
}

/** Queries all inside an element's shadow root; `a >>> b` looks for `b` in the shadow root of `a`. */
export function $$<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  const [first, ...rest] = selector.split(">>>").map((s) => s.trim());
  const found = [...(host.shadowRoot?.querySelectorAll<Element>(first ?? "") ?? [])];
  if (rest.length === 0) return found as T[];
  return found.flatMap((el) => $$<T>(el, rest.join(" >>> ")));
}

/** The text of an element's shadow root, with runs of source white space collapsed (not Intl's no-break spaces). */
export function textOf(host: Element, selector = ":host"): string {
  const root = selector === ":host" ? host.shadowRoot : $(host, selector);
  return (root?.textContent ?? "").replace(/[ \t\r\n]+/g, " ").trim();
}

/** Waits until `check()` returns something truthy (or throws the last error after `timeout` ms). */
export async function until<T>(
  check: () => T,
  message = "condition",
  timeout = 3000,
): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeout;
  let last: unknown;
  while (performance.now() < deadline) {
    try {
      const value = check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Timed out waiting for ${message}${last ? `: ${last}` : ""}`);
}
