// What a merchant does in the console (served by the worker at /admin/), as Playwright steps.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "../scripts/stack.mjs";
import { expect, WORKER } from "./harness.mjs";

export const CONSOLE = `${WORKER}/admin/`;

/** Records the page's Content-Security-Policy violations from the first script on (read with `cspViolations`). */
export async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

/** The CSP violations seen so far on the page. */
export function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations ?? []);
}

/** Opens the console and signs in with the local worker's admin token. */
export async function signIn(page, token = "dev-admin-token") {
  await page.goto(CONSOLE);
  await page.locator("sceau-sign-in input[name=token]").fill(token);
  await page.locator("sceau-sign-in button[type=submit]").click();
  await page.locator("sceau-console nav").waitFor();
}

/** Runs one operation from the order page: fills its amount when given, confirms, and waits for the answer. */
export async function operate(page, kind, amount) {
  const actions = page.locator("sceau-order-actions");
  if (amount !== undefined) {
    await actions.locator(`form:has(button[data-action="${kind}"]) input`).fill(amount);
  }
  await actions.locator(`button[data-action="${kind}"]`).click();
  const text = await actions.locator("#confirm-text").textContent();
  await actions.locator("button[data-confirm]").click();
  const result = await actions.locator("#result").textContent();
  return { confirmation: text, result };
}

/** Clicks a download button of the order list and returns the file's name and text. */
export async function downloadCsv(page, label) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("sceau-orders-page .download button").filter({ hasText: label }).click(),
  ]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
}

/** Papa Parse, the worker's CSV test parser: reads the downloads back as a spreadsheet would. */
const Papa = createRequire(join(ROOT, "worker", "package.json"))("papaparse");

/** The rows of a downloaded CSV (byte order mark dropped), split on `separator`. */
export function parseCsv(text, separator) {
  const parsed = Papa.parse(text.replace(/^\uFEFF/, ""), {
    delimiter: separator,
    newline: "\r\n",
    skipEmptyLines: true,
  });
  expect(parsed.errors.length === 0, `CSV: ${JSON.stringify(parsed.errors)}`);
  return parsed.data;
}

const axeSource = readFileSync(
  createRequire(join(ROOT, "packages", "console", "package.json")).resolve("axe-core/axe.min.js"),
  "utf8",
);

/**
 * Runs axe-core on the whole console page (shadow roots included) and fails on any violation. axe is
 * evaluated through DevTools, which the console's CSP does not govern; check the CSP violations first.
 */
export async function expectAccessible(page, where) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
  });
  expect(violations.length === 0, `axe on ${where}: ${violations.join("; ")}`);
}

/** Fails when the page scrolls sideways. */
export async function expectNoSidewaysScroll(page, where) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow <= 0, `${where} scrolls sideways by ${overflow} px`);
}
