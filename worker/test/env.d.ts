import type { D1Migration } from "@cloudflare/vitest-pool-workers";

// The test runner's extra bindings, beside the worker's own (worker-configuration.d.ts).
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** packages/checkout/dist, file name → text (empty when the package is not built). */
      TEST_CHECKOUT_DIST: Record<string, string>;
      /** packages/console/dist (the worker's static assets), file name → text. */
      TEST_CONSOLE_DIST: Record<string, string>;
      /** worker/src without the tests, path → text. */
      TEST_WORKER_SOURCES: Record<string, string>;
    }
  }
}
