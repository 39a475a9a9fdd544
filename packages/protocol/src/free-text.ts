/**
 * Free text in `texte-libre`, encoded so that it always seals unambiguously (PROTOCOL.md §3.1, §9.3).
 * @module
 */
import { FieldError } from "./errors.ts";

/**
 * Encodes any text for `texte-libre` as base64 of its UTF-8 bytes, the content the documentation recommends:
 * printable ASCII without `*`, so it can be sealed in both formats and comes back unchanged in the Retour.
 *
 * @example
 * const form = await terminal.paymentForm({ ...order, texteLibre: encodeTexteLibre("Noël * 2 cadeaux") });
 * decodeTexteLibre(notification.texteLibre); // "Noël * 2 cadeaux"
 */
export function encodeTexteLibre(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Decodes a `texte-libre` written by {@link encodeTexteLibre}.
 *
 * @throws {FieldError} `ERR_FIELD_FORMAT` (field `texte-libre`) when the value is not base64 of UTF-8 text.
 */
export function decodeTexteLibre(value: string): string {
  try {
    const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new FieldError(
      "ERR_FIELD_FORMAT",
      "texte-libre",
      "texte-libre is not base64 of UTF-8 text (was it written with encodeTexteLibre?).",
    );
  }
}
