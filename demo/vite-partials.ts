import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Plugin } from "vite";

/** Replaces `<!--#name-->` in the pages with `partials/name.html`, so the header is written once. */
export function partials(): Plugin {
  return {
    name: "sceau-demo-partials",
    transformIndexHtml: {
      order: "pre",
      handler: (html) =>
        html.replace(/<!--#([a-z-]+)-->/g, (_, name: string) =>
          readFileSync(resolve(import.meta.dirname, "partials", `${name}.html`), "utf8"),
        ),
    },
  };
}
