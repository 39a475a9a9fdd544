import type { SealKey } from "./key.ts";

/** How the sealed string is turned into bytes: UTF-8 (default, the PHP kits on UTF-8 pages) or ISO-8859-1. */
export type SealEncoding = "utf-8" | "latin1";

/** Options of {@link seal} and {@link verifySeal}. */
export interface SealOptions {
  /** Byte encoding of the sealed string (PROTOCOL.md §9.3); `"utf-8"` unless your bank says otherwise. */
  encoding?: SealEncoding;
}

const encoder = new TextEncoder();

/**
 * Encodes the string as bytes; in latin1 mode a character above U+00FF cannot be represented and becomes
 * `?`, as an ISO-8859-1 page would submit it.
 */
function toBytes(data: string, encoding: SealEncoding = "utf-8"): Uint8Array<ArrayBuffer> {
  if (encoding === "utf-8") return encoder.encode(data) as Uint8Array<ArrayBuffer>;
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    bytes[i] = code <= 0xff ? code : 0x3f;
  }
  return bytes;
}

/** Tells whether the string can be sealed as ISO-8859-1 without losing characters. */
export function isLatin1(data: string): boolean {
  for (let i = 0; i < data.length; i++) if (data.charCodeAt(i) > 0xff) return false;
  return true;
}

function toHex(buffer: ArrayBuffer): string {
  let hex = "";
  for (const byte of new Uint8Array(buffer)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * Computes the bank's seal (MAC): HMAC-SHA-1 of the string, as 40 lower-case hex digits.
 *
 * @example
 * const mac = await seal(key, paymentMacData(fields, "v4"));
 */
export async function seal(key: SealKey, data: string, options: SealOptions = {}): Promise<string> {
  const signature = await crypto.subtle.sign(
    "HMAC",
    key.cryptoKey,
    toBytes(data, options.encoding),
  );
  return toHex(signature);
}

const MAC = /^[0-9A-Fa-f]{40}$/;

/**
 * Checks a seal in constant time with `crypto.subtle.verify`; case-insensitive. A malformed `mac` (wrong
 * length, not hex, not a string) gives `false`, never a throw.
 *
 * @example
 * if (!(await verifySeal(key, notificationMacData(fields, "v3", { tpe }), fields.MAC))) reject();
 */
export async function verifySeal(
  key: SealKey,
  data: string,
  mac: unknown,
  options: SealOptions = {},
): Promise<boolean> {
  if (typeof mac !== "string" || !MAC.test(mac)) return false;
  const signature = new Uint8Array(20);
  for (let i = 0; i < 20; i++) signature[i] = Number.parseInt(mac.slice(2 * i, 2 * i + 2), 16);
  // subtle.verify compares in constant time; never compare MACs with === (timing leak).
  return crypto.subtle.verify("HMAC", key.cryptoKey, signature, toBytes(data, options.encoding));
}
