import type { D1Migration } from "@cloudflare/vitest-pool-workers";
import type { Env as AppEnv } from "../src/env.ts";

declare global {
  namespace Cloudflare {
    interface Env extends AppEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** packages/checkout/dist, file name → text (empty when the package is not built). */
      TEST_CHECKOUT_DIST: Record<string, string>;
    }
  }
}
