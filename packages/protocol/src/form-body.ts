/**
 * Reading `application/x-www-form-urlencoded` bodies exactly as posted (the Retour, the bank's answers).
 * @module
 */
import { NotificationError } from "./errors.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const encoder = new TextEncoder();

/**
 * Bytes of a form value or body as text: UTF-8 when they are valid UTF-8, otherwise ISO-8859-1 (one character
 * per byte), as an ISO-8859-1 page or kit would have posted them, so the seal is checked over what was sealed.
 */
export function decodeFormBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // In chunks, so a long value does not exceed the engine's argument limit.
    let text = "";
    for (let i = 0; i < bytes.length; i += 8192) {
      text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    }
    return text;
  }
}

function percentDecode(part: string): string {
  const plus = part.replace(/\+/g, " ");
  if (!plus.includes("%")) return plus;
  const bytes: number[] = [];
  for (let i = 0; i < plus.length; i++) {
    const ch = plus.charCodeAt(i);
    const hex = plus.slice(i + 1, i + 3);
    if (ch === 0x25 && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (ch < 0x80) {
      bytes.push(ch);
    } else {
      // A whole code point: a character outside the BMP is two UTF-16 units, encoded together.
      const char = String.fromCodePoint(plus.codePointAt(i) ?? ch);
      bytes.push(...encoder.encode(char));
      i += char.length - 1;
    }
  }
  return decodeFormBytes(Uint8Array.from(bytes));
}

function listParams(params: URLSearchParams): [string, string][] {
  const pairs: [string, string][] = [];
  params.forEach((value, name) => {
    pairs.push([name, value]);
  });
  return pairs;
}

/**
 * Decodes a form body into fields, keeping empty values (`name=`), decoding `%XX` as UTF-8 or, when the bytes
 * are not UTF-8, as ISO-8859-1, and leaving an undecodable `%` as it is.
 *
 * @throws {NotificationError} `ERR_NOTIFICATION_MALFORMED` when a field is repeated (the bank never repeats
 *   one; a repeated field would let two readers see different values) or a name is empty.
 */
export function decodeFormBody(body: string | URLSearchParams): Record<string, string> {
  const fields: Record<string, string> = Object.create(null);
  const pairs: [string, string][] =
    typeof body === "string"
      ? body
          .split("&")
          .filter((pair) => pair !== "")
          .map((pair) => {
            const eq = pair.indexOf("=");
            return eq < 0
              ? [percentDecode(pair), ""]
              : [percentDecode(pair.slice(0, eq)), percentDecode(pair.slice(eq + 1))];
          })
      : listParams(body);
  for (const [name, value] of pairs) {
    if (name === "") throw new NotificationError("A field has an empty name.");
    if (Object.hasOwn(fields, name))
      throw new NotificationError(`The field ${name} is repeated.`, name);
    fields[name] = value;
  }
  return { ...fields };
}
