// The merchant console in Chromium: navigation start → the first row of the order list, signed in (the token
// already in the tab's sessionStorage), with a cold and a warm cache. Measured inside the page.
import { launchChromium } from "../scripts/stack.mjs";
import { playwright } from "./lib.mjs";

// Runs in every document of the context: signs the tab in and records when the first order row shows.
function instrument({ token }) {
  sessionStorage.setItem("sceau-console-token", token);
  window.__bench = { ready: null };
  const poll = () => {
    const row = document
      .querySelector("sceau-console")
      ?.shadowRoot?.querySelector("sceau-orders-page")
      ?.shadowRoot?.querySelector("tbody tr");
    if (row) window.__bench.ready = performance.now();
    else setTimeout(poll, 4);
  };
  poll();
}

/** `runs` fresh contexts, each loading `<worker>/admin/#/orders` cold then warm. */
export async function consoleTimings({ worker, token, runs = 10, warmup = 2 }) {
  const browser = await launchChromium(playwright.chromium);
  const samples = { cold: [], coldLoad: [], warm: [], warmLoad: [], api: [] };
  try {
    for (let i = 0; i < warmup + runs; i++) {
      const context = await browser.newContext({
        locale: "fr-FR",
        viewport: { width: 1280, height: 900 },
      });
      await context.addInitScript(instrument, { token });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      try {
        // The second load is a reload: a goto to the same address with the same hash would not navigate.
        const loadOnce = async (warm) => {
          if (warm) await page.reload({ waitUntil: "load" });
          else await page.goto(`${worker}/admin/#/orders`, { waitUntil: "load" });
          await page.waitForFunction(() => window.__bench && window.__bench.ready !== null);
          return page.evaluate(() => ({
            ready: window.__bench.ready,
            load: performance.getEntriesByType("navigation")[0].loadEventEnd,
            api:
              performance
                .getEntriesByType("resource")
                .find((e) => new URL(e.name).pathname === "/api/admin/orders")?.duration ?? null,
          }));
        };
        const cold = await loadOnce(false);
        const warm = await loadOnce(true);
        if (i < warmup) continue;
        samples.cold.push(cold.ready);
        samples.coldLoad.push(cold.load);
        samples.warm.push(warm.ready);
        samples.warmLoad.push(warm.load);
        if (cold.api !== null) samples.api.push(cold.api);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return samples;
}
