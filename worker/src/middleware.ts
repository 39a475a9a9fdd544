/**
 * Edge middleware: security headers on every answer, CORS for the browser routes only, admin bearer auth.
 * @module
 */
import type { MiddlewareHandler } from "hono";
import {
  adminOrigins,
  adminToken,
  configError,
  isLocalBank,
  isLoopbackHost,
  isLoopbackOrigin,
  shopOrigins,
} from "./config.ts";
import type { AppEnv, Env } from "./env.ts";
import { ApiError } from "./errors.ts";

const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** Adds the security headers and, unless a route chose otherwise, `Cache-Control: no-store`. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  };
}

/**
 * Refuses every request when `BANK=sandbox` and the request did not come to a loopback host: the sandbox
 * configuration (loopback origins allowed, loopback clients not rate-limited, the documentation key) is for
 * local development, so a `wrangler.jsonc` deployed unchanged answers nothing but a configuration error.
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` (500) naming `BANK`.
 */
export function sandboxOnLoopback(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (isLocalBank(c.env) && !isLoopbackHost(new URL(c.req.url).hostname)) {
      throw configError(
        "BANK",
        "is sandbox, which answers only on localhost: set BANK to your bank (cm, cic, obc, monetico) before deploying.",
      );
    }
    await next();
  };
}

/** Options of {@link browserCors}. */
export interface BrowserCorsOptions {
  methods?: string;
  headers?: string;
  /** The allow-list and the name of its variable (default `SHOP_ORIGINS`). */
  origins?: { read: (env: Env) => string[]; variable: "SHOP_ORIGINS" | "ADMIN_ORIGINS" };
}

/** The admin API's allow-list: `ADMIN_ORIGINS`, never the shop's. */
export const ADMIN_CORS: BrowserCorsOptions["origins"] = {
  read: adminOrigins,
  variable: "ADMIN_ORIGINS",
};

/**
 * CORS for the browser routes: origins in the allow-list (`SHOP_ORIGINS`, or `ADMIN_ORIGINS` for the admin
 * API), plus any loopback origin when the bank is the local sandbox. A cross-origin write from an origin not
 * on the list is refused (403), not just left unreadable. The admin API is authorised by a bearer token,
 * never by cookies, so allowing an origin grants nothing without the token.
 */
export function browserCors(options: BrowserCorsOptions = {}): MiddlewareHandler<AppEnv> {
  const methods = options.methods ?? "GET, POST, OPTIONS";
  const headers = options.headers ?? "Content-Type";
  const list = options.origins ?? { read: shopOrigins, variable: "SHOP_ORIGINS" };
  return async (c, next) => {
    const origin = c.req.header("Origin");
    if (!origin) {
      if (c.req.method === "OPTIONS") return c.body(null, 204);
      return next();
    }
    const allowed =
      list.read(c.env).includes(origin) || (isLocalBank(c.env) && isLoopbackOrigin(origin));
    if (!allowed && c.req.method !== "GET" && c.req.method !== "HEAD") {
      throw new ApiError(403, "ERR_ORIGIN_NOT_ALLOWED", `This origin is not in ${list.variable}.`);
    }
    if (c.req.method === "OPTIONS") {
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": methods,
        "Access-Control-Allow-Headers": headers,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      });
    }
    await next();
    c.res.headers.append("Vary", "Origin");
    if (allowed) c.res.headers.set("Access-Control-Allow-Origin", origin);
  };
}

/** Constant-time equality of two strings (compares SHA-256 digests, so lengths do not leak either). */
export async function timingSafeEqualText(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [da, db] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(da, db);
}

/** `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const expected = adminToken(c.env);
    const header = c.req.header("Authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match || !(await timingSafeEqualText(match[1] ?? "", expected))) {
      throw new ApiError(401, "ERR_UNAUTHORIZED", "A valid admin bearer token is required.");
    }
    await next();
  };
}
