import { readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../../demo/scripts/stack.mjs";
import { installation, installedManifest } from "./installation.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
};

/** A static file server over the installed shop's folder, as a shop's own web server would be. */
function serveShop(root: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const PAGE = (script: string) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Boutique</title>${script}</head>
<body><sceau-add-to-cart sku="CD-TEST"></sceau-add-to-cart> <sceau-cart-count></sceau-cart-count></body></html>`;

let server: Server;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  const { app } = installation();
  // A shop that bundles the npm build: esbuild resolves the installed package's exports and honours its
  // sideEffects, so a define entry wrongly marked side-effect free would register nothing.
  await build({
    stdin: { contents: 'import "@sceau/checkout/define";', resolveDir: app },
    bundle: true,
    format: "esm",
    outfile: join(app, "bundle.js"),
    logLevel: "silent",
  });
  const dropIn = `/node_modules/@sceau/checkout/${installedManifest("@sceau/checkout").unpkg}`;
  await writeFile(
    join(app, "drop-in.html"),
    PAGE(`<script type="module" src="${dropIn}"></script>`),
  );
  await writeFile(
    join(app, "bundled.html"),
    PAGE('<script type="module" src="/bundle.js"></script>'),
  );
  server = await serveShop(app);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium(chromium);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe("@sceau/checkout installed with npm, in Chromium", () => {
  for (const [page, how] of [
    ["drop-in.html", "the drop-in named by the unpkg field"],
    ["bundled.html", "a bundle of @sceau/checkout/define"],
  ] as const) {
    it(`registers the four tags and adds to the cart, from ${how}`, async () => {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on("pageerror", (error) => errors.push(error.message));
      try {
        await tab.goto(`${origin}/${page}`);
        // The drop-in defines the cart and the order status when their tags first appear, each from its own
        // chunk beside it in the package: adding them proves the chunks were shipped.
        await tab.evaluate(() => {
          const parked = document.createElement("div");
          parked.hidden = true;
          parked.innerHTML =
            "<sceau-checkout></sceau-checkout><sceau-order-status></sceau-order-status>";
          document.body.append(parked);
        });
        await tab.waitForFunction(
          () =>
            customElements.get("sceau-order-status") !== undefined &&
            customElements.get("sceau-checkout") !== undefined,
        );
        const tags = await tab.evaluate(() =>
          ["sceau-checkout", "sceau-add-to-cart", "sceau-cart-count", "sceau-order-status"].filter(
            (tag) => customElements.get(tag),
          ),
        );
        expect(tags).toHaveLength(4);
        await expect
          .poll(() => tab.locator("sceau-cart-count [part=badge]").textContent())
          .toBe("0");
        await tab.locator("sceau-add-to-cart button").click();
        await expect
          .poll(() => tab.locator("sceau-cart-count [part=badge]").textContent())
          .toBe("1");
        expect(await tab.evaluate(() => localStorage.getItem("sceau-cart"))).toContain("CD-TEST");
        expect(errors).toEqual([]);
      } finally {
        await tab.close();
      }
    });
  }
});
