import { esbuildPlugin } from "@web/dev-server-esbuild";
import { defaultReporter, summaryReporter } from "@web/test-runner";
import { chromeLauncher } from "@web/test-runner-chrome";
import { countReporter } from "./test/count-reporter.mjs";
import { fakeWorker } from "./test/fake-worker.mjs";
import { realWorker } from "./test/real-worker.mjs";

const executablePath = process.env.CHROME_PATH || "/usr/bin/chromium";
const args = [
  "--no-sandbox", // required as root
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export default {
  files: ["src/**/*.test.ts"],
  nodeResolve: { exportConditions: ["production"] },
  plugins: [
    esbuildPlugin({ ts: true, target: "es2022", tsconfig: "./tsconfig.json" }),
    realWorker(),
  ],
  middleware: [fakeWorker()],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args } })],
  // One file at a time: the files share one origin, hence one localStorage cart.
  concurrency: 1,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
  // A committed `.only` fails the run (skipped tests are counted by the reporter and fail `npm test`).
  testFramework: { config: { timeout: 5000, forbidOnly: true } },
};
