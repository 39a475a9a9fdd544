// Runs the element tests against the built drop-in (dist/sceau-checkout.js and the files it loads on demand)
// instead of the sources, to check that bundling and minifying changed nothing; part of `pnpm test`.

import { countReporter } from "./test/count-reporter.mjs";
import base from "./web-test-runner.config.mjs";

const DROP_IN = "/dist/sceau-checkout.js";

export default {
  ...base,
  files: ["src/components/**/*.test.ts"],
  reporters: [...base.reporters.slice(0, 2), countReporter("wtr-drop-in")],
  plugins: [
    {
      name: "sceau-drop-in",
      serve(context) {
        // The tags come from the drop-in (its cart and return-page files imported at once, as its loader
        // would on a page that has those tags), and so does the cart the tests read and change: the
        // drop-in's own store, reached through an element it defines.
        if (/^\/src\/define\.[jt]s$/.test(context.path)) {
          return {
            body: `import "${DROP_IN}"; import "/dist/sceau-checkout-cart.js"; import "/dist/sceau-checkout-status.js";`,
            type: "js",
          };
        }
        if (/^\/src\/cart\/cart-store\.[jt]s$/.test(context.path)) {
          return {
            body: `import "${DROP_IN}";
export const STORAGE_KEY = "sceau-cart";
export const getCart = () => document.createElement("sceau-cart-count").cart;`,
            type: "js",
          };
        }
        return undefined;
      },
    },
    ...base.plugins,
  ],
};
