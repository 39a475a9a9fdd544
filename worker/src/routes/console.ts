/**
 * `/admin/*`: the merchant console. Its built files (packages/console, `assets` in wrangler.jsonc) are served
 * by this worker from its static assets, on the same origin as `/api/admin/*`, so the admin API needs no CORS.
 * The worker runs first for every request (`run_worker_first`) so that the console's pages get the security
 * headers of every other answer plus a Content-Security-Policy of their own.
 * @module
 */
import { Hono } from "hono";
import { bankPaymentOrigin } from "../config.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

/**
 * The console's policy for a worker whose bank's payment page is at `bankOrigin`: its own scripts, styles and
 * API only; no inline code, no frames, form posts only to the bank (the phone order's card page; every other
 * form is handled in script), and DOM sinks only through Lit's Trusted Types policy.
 */
export function consoleCsp(bankOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    `form-action ${bankOrigin}`,
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types lit-html",
  ].join("; ");
}

/** Vite names the console's scripts and styles after their content: they can be cached for good. */
const HASHED = /^\/admin\/assets\//;

export const consoleAssets = new Hono<AppEnv>();

consoleAssets.on(["GET", "HEAD"], ["/admin", "/admin/*"], async (c) => {
  if (!c.env.ASSETS) {
    throw new ApiError("ERR_NOT_FOUND", "The console is not deployed with this worker.");
  }
  const asset = await c.env.ASSETS.fetch(c.req.raw);
  if (asset.status === 404) throw new ApiError("ERR_NOT_FOUND", "No such page.");
  const response = new Response(asset.body, asset);
  response.headers.set("Content-Security-Policy", consoleCsp(bankPaymentOrigin(c.env)));
  if (asset.ok) {
    response.headers.set(
      "Cache-Control",
      HASHED.test(c.req.path) ? "public, max-age=31536000, immutable" : "no-cache",
    );
  }
  return response;
});
