/**
 * Keys derived from the merchant key (HKDF-SHA-256), one per purpose and isolate: the worker needs a few
 * secrets of its own (rate-limit client hashes, payment-link tokens) and has one secret to keep.
 * @module
 */

import type { Env } from "./env.ts";
import { configError } from "./errors.ts";

const cache = new Map<string, { secret: string; key: Promise<CryptoKey> }>();

/**
 * The HMAC-SHA-256 key for `purpose` (HKDF's `info`), derived from `MERCHANT_KEY`; another purpose, or
 * another merchant key, gives an unrelated key.
 *
 * @throws {ApiError} `ERR_CONFIG_INVALID` naming `MERCHANT_KEY` when it is not set.
 * @example
 * const key = await derivedKey(env, "sceau payment link v1");
 */
export function derivedKey(env: Env, purpose: string): Promise<CryptoKey> {
  const secret = env.MERCHANT_KEY?.trim();
  if (!secret) {
    throw configError("MERCHANT_KEY", "is not set (see worker/README.md, Configuration).");
  }
  const cached = cache.get(purpose);
  if (cached?.secret === secret) return cached.key;
  const encoder = new TextEncoder();
  const key = crypto.subtle
    .importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"])
    .then((base) =>
      crypto.subtle.deriveKey(
        { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(purpose) },
        base,
        { name: "HMAC", hash: "SHA-256", length: 256 },
        false,
        ["sign"],
      ),
    );
  cache.set(purpose, { secret, key });
  return key;
}

/** The HMAC-SHA-256 of a text under a derived key, as bytes. */
export async function keyedHash(env: Env, purpose: string, text: string): Promise<Uint8Array> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    await derivedKey(env, purpose),
    new TextEncoder().encode(text),
  );
  return new Uint8Array(mac);
}
