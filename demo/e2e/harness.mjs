// A small end-to-end runner: one Chromium, a fresh browser context, bank sandbox and database per test,
// a screenshot of each test's final page under test-output/, and a JSON report for the root test command.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import {
  ADMIN,
  launchChromium,
  migrate,
  PORTS,
  portFree,
  ROOT,
  startDemo,
  startSandbox,
  startWorker,
} from "../scripts/stack.mjs";

export const SHOP = `http://localhost:${PORTS.demo}`;
export const WORKER = `http://127.0.0.1:${PORTS.worker}`;
export const BANK = `http://127.0.0.1:${PORTS.sandbox}`;

const OUTPUT = join(ROOT, "demo", "test-output");

const tests = [];

/** Registers a test: `fn({ page, context, stack, step })`; `options.worker` overrides worker vars. */
export function test(name, fn, options = {}) {
  tests.push({ name, fn, options });
}

function slug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}

/** Runs every registered test and writes the report; resolves to the number of failures. */
export async function runAll() {
  for (const [name, port] of Object.entries(PORTS)) {
    if (!(await portFree(port))) {
      console.error(`Port ${port} (${name}) is in use; the end-to-end tests need it free.`);
      return writeReport(0, tests.length);
    }
  }
  rmSync(OUTPUT, { recursive: true, force: true });
  mkdirSync(OUTPUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "sceau-e2e-"));
  const logs = [];
  const log = (line) => logs.push(line);
  const template = join(work, "template");
  migrate(template);

  const demo = startDemo({ mode: "preview", log });
  await demo.ready();
  const browser = await launchChromium(chromium);
  const only = process.env.E2E_ONLY;
  let passed = 0;
  let failed = 0;
  try {
    for (const [index, t] of tests.entries()) {
      if (only && !only.split("|").some((part) => t.name.includes(part))) continue;
      const started = Date.now();
      const state = join(work, `db-${index}`);
      cpSync(template, state, { recursive: true });
      logs.length = 0;
      const stack = {
        sandbox: startSandbox({ log, env: t.options.sandbox ?? {} }),
        worker: startWorker({ persistTo: state, vars: t.options.worker ?? {}, log }),
        state,
        log,
        /** The services' log lines of this test so far. */
        lines: logs,
      };
      const context = await browser.newContext({
        viewport: t.options.viewport ?? { width: 1280, height: 900 },
        ...(t.options.isMobile && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
        locale: t.options.locale ?? "fr-FR",
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const consoleErrors = [];
      page.on("pageerror", (error) => consoleErrors.push(String(error)));
      try {
        await Promise.all([stack.sandbox.ready(), stack.worker.ready()]);
        await t.fn({ page, context, stack, consoleErrors });
        passed += 1;
        console.log(`  ✓ ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed += 1;
        console.log(
          `  ✗ ${t.name}\n    ${String(error?.stack ?? error)
            .split("\n")
            .slice(0, 6)
            .join("\n    ")}`,
        );
        console.log(`    last service lines:\n      ${logs.slice(-60).join("\n      ")}`);
        if (consoleErrors.length) console.log(`    page errors: ${consoleErrors.join(" | ")}`);
      } finally {
        await page
          .screenshot({
            path: join(OUTPUT, `${String(index + 1).padStart(2, "0")}-${slug(t.name)}.png`),
            fullPage: true,
          })
          .catch(() => {});
        await context.close();
        await Promise.all([stack.worker.stop(), stack.sandbox.stop()]);
      }
    }
  } finally {
    await browser.close();
    await demo.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return writeReport(passed, failed);
}

function writeReport(passed, failed) {
  const dir = process.env.SCEAU_TEST_REPORT_DIR;
  if (dir)
    writeFileSync(
      join(dir, "e2e.json"),
      JSON.stringify({ numPassedTests: passed, numFailedTests: failed }),
    );
  console.log(`\nend-to-end: ${passed} passed, ${failed} failed`);
  return failed;
}

/** The JSON of a 2xx response; fails with `what`, the status and the body otherwise. */
async function fetchJson(what, url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** JSON from the worker's admin API. */
export function admin(path, init = {}) {
  return fetchJson(`admin ${path}`, `${WORKER}/api/admin${path}`, {
    ...init,
    headers: { ...ADMIN, ...(init.headers ?? {}) },
  });
}

/** JSON from the sandbox's inspection endpoints. */
export function bank(path, init) {
  return fetchJson(`sandbox ${path}`, `${BANK}/_sandbox${path}`, init);
}

/** Fails with a message when the condition is false. */
export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits until `check()` returns a truthy value (polling), or fails with the message. */
export async function eventually(check, message, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
  );
}
