/**
 * The console's pages as `#/…` addresses (hash routing: the worker serves one `index.html` and never needs to
 * know the console's paths), with their filters in the query so that back, forward and bookmarks work.
 * @module
 */

/** A page of the console, as the address names it. */
export type Route =
  | { page: "home" }
  | { page: "orders"; query: URLSearchParams }
  | { page: "order"; reference: string }
  | { page: "new-order"; channel: "phone" | "link" }
  | { page: "catalog" }
  | { page: "product"; sku: string | null }
  | { page: "notifications"; query: URLSearchParams }
  | { page: "settings" }
  | { page: "not-found" };

/** The pages the navigation lists, in order. */
export const SECTIONS = ["home", "orders", "catalog", "notifications", "settings"] as const;
export type Section = (typeof SECTIONS)[number];

/** Reads a `location.hash` such as `#/orders?status=paid` or `#/orders/ABC123`. */
export function parseRoute(hash: string): Route {
  const [path = "", search = ""] = hash.replace(/^#/, "").split("?", 2);
  const query = new URLSearchParams(search);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = parts;
  if (rest.length > 0) return { page: "not-found" };
  switch (first) {
    case undefined:
      return { page: "home" };
    case "orders":
      if (second === "new") {
        return { page: "new-order", channel: query.get("channel") === "link" ? "link" : "phone" };
      }
      return second ? { page: "order", reference: second } : { page: "orders", query };
    case "catalog":
      if (!second) return { page: "catalog" };
      return { page: "product", sku: second === "new" ? null : second };
    case "notifications":
      return second ? { page: "not-found" } : { page: "notifications", query };
    case "settings":
      return second ? { page: "not-found" } : { page: "settings" };
    default:
      return { page: "not-found" };
  }
}

/** The address of a page (`#/orders/ABC123`), with an optional query. */
export function href(path: string, query?: URLSearchParams | Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return `#/${path}${search ? `?${search}` : ""}`;
}

/** The navigation section a route belongs to. */
export function sectionOf(route: Route): Section | undefined {
  switch (route.page) {
    case "order":
    case "new-order":
      return "orders";
    case "product":
      return "catalog";
    case "not-found":
      return undefined;
    default:
      return route.page;
  }
}
