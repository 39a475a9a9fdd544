import { defineConfig } from "vitest/config";
import { reporters } from "./test/reporters.ts";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
    allowOnly: false,
    reporters: reporters("sandbox"),
    testTimeout: 20_000,
  },
});
