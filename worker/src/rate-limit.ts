/**
 * Per-client rate limits: fixed windows counted in D1 (`db/rate-limits.ts`), in the same batch as the work
 * they limit, keyed by a keyed hash (HMAC-SHA-256 under a secret derived from the merchant key) of the
 * client's address — `CF-Connecting-IP`, which Cloudflare sets on every request and a client cannot forge;
 * IPv6 clients count per /56, the smallest prefix an ISP commonly hands a subscriber. The hash is keyed so
 * that the stored rows cannot be reversed into addresses by trying every IPv4 address. Against the local
 * bank sandbox, loopback clients are not counted (the demo, end-to-end tests and load benchmarks all run
 * from 127.0.0.1), as loopback origins are allowed by CORS there.
 * @module
 */
import { isLocalBank } from "./config.ts";
import { keyedHash } from "./derived-keys.ts";
import type { Env } from "./env.ts";
import { ApiError, configError } from "./errors.ts";

/** At most `limit` requests per client in each fixed window of `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** Order creation: generous for a shop (and for the demo and end-to-end tests), far from a scripted flood. */
export const DEFAULT_CHECKOUT_RATE_LIMIT: RateLimit = { limit: 120, windowSeconds: 600 };

/** Retour calls with a seal that is not valid: the bank never sends one, so a few per client suffice. */
export const DEFAULT_RETOUR_INVALID_RATE_LIMIT: RateLimit = { limit: 30, windowSeconds: 600 };

type LimitVariable = "CHECKOUT_RATE_LIMIT" | "RETOUR_INVALID_RATE_LIMIT";

/**
 * Reads a limit variable: `"<requests>/<seconds>"` (e.g. `"120/600"`), `"off"` to disable; unset means the
 * default.
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` naming the variable for any other value.
 */
function readLimit(
  env: Partial<Env>,
  variable: LimitVariable,
  fallback: RateLimit,
): RateLimit | undefined {
  const raw = env[variable]?.trim();
  if (!raw) return fallback;
  if (raw === "off") return undefined;
  const match = /^(\d{1,7})\/(\d{1,6})$/.exec(raw);
  const limit = Number(match?.[1]);
  const windowSeconds = Number(match?.[2]);
  if (!match || limit < 1 || windowSeconds < 1 || windowSeconds > 86_400) {
    throw configError(
      variable,
      'must be "<requests>/<seconds>" (at least 1 request, 1 to 86400 seconds) or "off".',
    );
  }
  return { limit, windowSeconds };
}

/** `CHECKOUT_RATE_LIMIT`, default {@link DEFAULT_CHECKOUT_RATE_LIMIT}. */
export function checkoutRateLimit(env: Partial<Env>): RateLimit | undefined {
  return readLimit(env, "CHECKOUT_RATE_LIMIT", DEFAULT_CHECKOUT_RATE_LIMIT);
}

/** `RETOUR_INVALID_RATE_LIMIT`, default {@link DEFAULT_RETOUR_INVALID_RATE_LIMIT}. */
export function retourInvalidRateLimit(env: Partial<Env>): RateLimit | undefined {
  return readLimit(env, "RETOUR_INVALID_RATE_LIMIT", DEFAULT_RETOUR_INVALID_RATE_LIMIT);
}

/** True for 127.0.0.0/8 and ::1, also IPv4-mapped. */
export function isLoopbackAddress(address: string): boolean {
  const ip = address.trim().toLowerCase();
  return ip === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

/** The part of an address that identifies one client: the IPv4 address, or the /56 of an IPv6 address. */
export function clientPrefix(address: string): string {
  const ip = address.trim().toLowerCase();
  if (!ip.includes(":")) return ip;
  if (ip.includes(".")) return ip.slice(ip.lastIndexOf(":") + 1); // IPv4-mapped (::ffff:192.0.2.1)
  const [head = "", tail] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  const words = groups.slice(0, 4).map((g) => Number.parseInt(g || "0", 16) || 0);
  words[3] = (words[3] ?? 0) & 0xff00;
  return `${words.map((w) => w.toString(16)).join(":")}::/56`;
}

/** The stored key of a client in a scope: 128 bits of a keyed hash, never the address itself. */
export async function clientKey(env: Env, scope: string, address: string): Promise<string> {
  const mac = await keyedHash(
    env,
    "sceau rate-limit client key v1",
    `${scope}:${clientPrefix(address)}`,
  );
  return [...mac.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The counted client of a request, or undefined when it is not counted (no address, or the local sandbox). */
export function countedAddress(c: {
  env: Env;
  req: { header(name: string): string | undefined };
}): string | undefined {
  const address = c.req.header("CF-Connecting-IP");
  if (!address || (isLocalBank(c.env) && isLoopbackAddress(address))) return undefined;
  return address;
}

/** The current window of a limit, and the seconds until it ends. */
export function currentWindow(settings: RateLimit, nowMs = Date.now()) {
  const now = Math.floor(nowMs / 1000);
  const start = now - (now % settings.windowSeconds);
  return { start, retryAfter: start + settings.windowSeconds - now };
}

/** A counted client and its limit, for the batch of the work it limits. */
export interface CountedClient {
  client: string;
  limit: RateLimit;
  window: { start: number; retryAfter: number };
}

/**
 * The client a request counts as in `scope` and its window, or undefined when it is not counted (no limit,
 * no address, or a loopback client of the local sandbox).
 */
export async function countedClient(
  c: { env: Env; req: { header(name: string): string | undefined } },
  scope: string,
  limit: RateLimit | undefined,
  nowMs = Date.now(),
): Promise<CountedClient | undefined> {
  const address = countedAddress(c);
  if (!limit || !address) return undefined;
  return {
    client: await clientKey(c.env, scope, address),
    limit,
    window: currentWindow(limit, nowMs),
  };
}

/** The error of a spent window: `429 ERR_RATE_LIMITED` with `Retry-After`. */
export function rateLimited(retryAfter: number, what: string): ApiError {
  return new ApiError(
    "ERR_RATE_LIMITED",
    `Too many ${what} from this client; try again in ${retryAfter} s.`,
    { headers: { "Retry-After": String(retryAfter) } },
  );
}
