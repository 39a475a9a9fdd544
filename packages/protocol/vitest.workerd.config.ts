import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { reporters } from "./test/reporters.ts";

// The same suites, run inside workerd: the library must behave identically on the edge.
export default defineConfig({
  plugins: [
    cloudflareTest({
      main: "./test/workerd-entry.ts",
      miniflare: { compatibilityDate: "2026-04-01", compatibilityFlags: ["nodejs_compat"] },
    }),
  ],
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["src/**/*.node.test.ts"],
    allowOnly: false,
    reporters: reporters("workerd"),
  },
});
