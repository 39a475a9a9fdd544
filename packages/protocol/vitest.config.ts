import { defineConfig } from "vitest/config";
import { reporters } from "./test/reporters.ts";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    allowOnly: false,
    reporters: reporters("node"),
  },
});
