import { KeyFormatError } from "./errors.ts";

/** A merchant key imported for HMAC-SHA-1, non-extractable; create it once with {@link importKey}. */
export interface SealKey {
  readonly kind: "sceau-seal-key";
  /** The WebCrypto key (usages `sign` and `verify`, not extractable). */
  readonly cryptoKey: CryptoKey;
}

const HEX40 = /^[0-9A-Fa-f]{40}$/;

/**
 * Derives the 40 hex digits actually used as the HMAC key from the merchant's 40-character key, with the
 * kits' legacy rules for the last two characters (PROTOCOL.md §2.2).
 *
 * @throws {KeyFormatError} `ERR_KEY_INVALID` when the key is not 40 characters or its usable form is not hex.
 * @example
 * usableKeyHex("7A3F9C21D04E8B56F1A2C3D4E5F60718293A4BPA"); // "…4b9a"
 */
export function usableKeyHex(key: string): string {
  if (typeof key !== "string" || key.length !== 40) {
    throw new KeyFormatError(
      `The merchant key must be the 40 characters the bank gave you; got ${typeof key === "string" ? `${key.length} characters` : typeof key}. Check for spaces or a truncated copy.`,
    );
  }
  const head = key.slice(0, 38);
  const c = key.charCodeAt(38);
  const second = key[39] as string;
  let tail: string;
  if (c > 70 && c < 97) tail = String.fromCharCode(c - 23) + second;
  else if (second === "M") tail = `${key[38]}0`;
  else tail = key.slice(38, 40);
  const usable = head + tail;
  if (!HEX40.test(usable)) {
    throw new KeyFormatError(
      "The merchant key is not a valid bank key: its usable form is not 40 hexadecimal digits. Copy the key again from the bank's dashboard.",
    );
  }
  return usable.toLowerCase();
}

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * Imports the merchant key once as a non-extractable HMAC-SHA-1 key.
 *
 * @throws {KeyFormatError} `ERR_KEY_INVALID` (see {@link usableKeyHex}).
 * @example
 * const key = await importKey(env.MERCHANT_KEY);
 */
export async function importKey(key: string): Promise<SealKey> {
  const raw = hexToBytes(usableKeyHex(key));
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    raw,
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign", "verify"],
  );
  return { kind: "sceau-seal-key", cryptoKey };
}
