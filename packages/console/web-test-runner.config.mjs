import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { esbuildPlugin } from "@web/dev-server-esbuild";
// The checkout's runner setup (Debian's Chromium, its flags, one file at a time, the count reporter that the
// root `npm test` reads), with this package's files and no stand-in worker: the console's tests give their
// own `fetch`.
import checkout from "../checkout/web-test-runner.config.mjs";

/** Serves axe-core to the accessibility checks (`axeViolations`). */
function axe() {
  const source = readFileSync(
    createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
    "utf8",
  );
  return async (ctx, next) => {
    if (ctx.path !== "/__axe.js") return next();
    ctx.type = "application/javascript";
    ctx.body = source;
  };
}

export default {
  ...checkout,
  // The repository root, so that the checkout's test helpers can be served too.
  rootDir: "../..",
  files: ["src/**/*.test.ts"],
  plugins: [esbuildPlugin({ ts: true, target: "es2022", tsconfig: "./tsconfig.json" })],
  middleware: [axe()],
  // axe-core over a full page of orders takes seconds on a loaded machine: a generous per-test limit.
  testFramework: { config: { timeout: 15_000 } },
};
