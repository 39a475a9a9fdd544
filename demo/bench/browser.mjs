// Chromium timings of the drop-in on the demo's cart page: page load → interactive pay button, and click →
// the browser leaving for the bank. Every figure is taken inside the browser (performance.now/timeOrigin),
// so the Playwright round trips are not part of it.
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { launchChromium } from "../scripts/stack.mjs";
import { BILLING, playwright, ROOT, TWO_LINES, walk } from "./lib.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};

/**
 * Serves a copy of the built storefront (demo/dist) whose pages call the worker on `workerPort` instead of
 * 8787; adds the `billing` attribute to the cart element if the build predates it (the v4 terminal needs it).
 */
export async function startShop({ port, workerPort }) {
  const dist = join(ROOT, "demo", "dist");
  if (!existsSync(join(dist, "panier.html"))) {
    throw new Error("demo/dist is missing: build first (`npm run build`).");
  }
  const dir = mkdtempSync(join(tmpdir(), "sceau-bench-shop-"));
  cpSync(dist, dir, { recursive: true });
  let billingAdded = false;
  for (const file of walk(dir)) {
    if (!/\.(html|js)$/.test(file)) continue;
    let text = readFileSync(file, "utf8");
    const before = text;
    text = text.replaceAll(":8787", `:${workerPort}`).replaceAll(":5173", `:${port}`);
    text = text.replace(/<sceau-checkout(?![^>]*\sbilling[\s>=])/g, () => {
      billingAdded = true;
      return "<sceau-checkout billing";
    });
    if (text !== before) writeFileSync(file, text);
  }
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    // Like a static host: revalidated on every load, answered 304 when unchanged.
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers = {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      etag,
    };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, headers);
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://localhost:${port}`,
    billingAdded,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

// Runs in every document of the context: seeds the cart on the shop's origin and records when the pay button
// becomes interactive (enabled, with the quoted total shown) and when the drop-in leaves for the bank.
function instrument({ shopPort, cart }) {
  if (location.port !== String(shopPort)) return;
  if (!localStorage.getItem("sceau-cart")) localStorage.setItem("sceau-cart", cart);
  const bench = { ready: null, redirectAt: null };
  window.__bench = bench;
  let observed = null;
  const check = () => {
    if (bench.ready !== null) return true;
    const root = document.querySelector("sceau-checkout")?.shadowRoot;
    if (!root) return false;
    if (observed !== root) {
      observed = root;
      new MutationObserver(check).observe(root, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    }
    const button = root.querySelector('button[part="button"]');
    const total = root.querySelector('p[part="total"] strong')?.textContent?.trim() ?? "";
    if (button && button.getAttribute("aria-disabled") === "false" && total && total !== "…") {
      bench.ready = performance.now();
      return true;
    }
    return false;
  };
  const poll = () => {
    if (!check()) setTimeout(poll, 4);
  };
  poll();
  document.addEventListener(
    "sceau-checkout-redirect",
    () => {
      const api = performance
        .getEntriesByType("resource")
        .filter((e) => e.name.includes("/api/checkout"))
        .pop();
      window.__benchMark?.({
        redirectAt: performance.timeOrigin + performance.now(),
        checkoutMs: api ? api.duration : null,
      });
    },
    true,
  );
}

/**
 * `runs` purchases up to the bank's page, each in a fresh browser context (empty cache): the cart page loaded
 * cold, then reloaded (warm cache), then the pay button clicked.
 */
export async function browserTimings({
  shop,
  bankUrl,
  shopPort,
  runs = 20,
  warmup = 2,
  log = () => {},
}) {
  const browser = await launchChromium(playwright.chromium);
  const cart = JSON.stringify({ v: 1, items: TWO_LINES });
  const samples = { cold: [], coldLoad: [], warm: [], warmLoad: [], leave: [], api: [], bank: [] };
  try {
    for (let i = 0; i < warmup + runs; i++) {
      const context = await browser.newContext({
        locale: "fr-FR",
        viewport: { width: 1280, height: 900 },
      });
      let mark;
      const marked = new Promise((resolve) => {
        mark = resolve;
      });
      await context.exposeFunction("__benchMark", (m) => mark(m));
      await context.addInitScript(instrument, { shopPort, cart });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      try {
        const loadOnce = async () => {
          await page.goto(`${shop}/panier.html`, { waitUntil: "load" });
          await page.waitForFunction(() => window.__bench && window.__bench.ready !== null);
          return page.evaluate(() => ({
            ready: window.__bench.ready,
            load: performance.getEntriesByType("navigation")[0].loadEventEnd,
          }));
        };
        const cold = await loadOnce();
        const warm = await loadOnce();
        const element = page.locator("sceau-checkout");
        for (const name of ["addressLine1", "postalCode", "city"]) {
          if (await element.locator(`input[name="${name}"]`).count())
            await element.locator(`input[name="${name}"]`).fill(BILLING[name]);
        }
        if (await element.locator('input[name="terms"]').count())
          await element.locator('input[name="terms"]').check();
        const clickAt = await page.evaluate(() => {
          const button = document
            .querySelector("sceau-checkout")
            .shadowRoot.querySelector('button[part="button"]');
          const at = performance.timeOrigin + performance.now();
          button.click();
          return at;
        });
        await page.waitForURL((url) => url.href.startsWith(bankUrl), {
          waitUntil: "domcontentloaded",
        });
        const bank = await page.evaluate(() => ({
          origin: performance.timeOrigin,
          dcl: performance.getEntriesByType("navigation")[0]?.domContentLoadedEventEnd ?? 0,
        }));
        const m = await Promise.race([
          marked,
          new Promise((r) => setTimeout(() => r(null), 2_000)),
        ]);
        if (i < warmup) continue;
        samples.cold.push(cold.ready);
        samples.coldLoad.push(cold.load);
        samples.warm.push(warm.ready);
        samples.warmLoad.push(warm.load);
        samples.leave.push(bank.origin - clickAt);
        samples.bank.push(bank.origin + bank.dcl - clickAt);
        if (m?.checkoutMs != null) samples.api.push(m.checkoutMs);
      } catch (error) {
        const shown = await page
          .locator('sceau-checkout p[part="error"]')
          .textContent({ timeout: 1_000 })
          .catch(() => "");
        log(
          `browser run ${i + 1}: ${error?.message ?? error}${shown ? ` (the page says: ${shown})` : ""}`,
        );
        throw error;
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return samples;
}
