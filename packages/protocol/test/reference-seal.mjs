// A second, independent implementation of the bank's seal, for tests only: the expected MAC of any test that
// is not a published vector comes from here, never from the library under test. Written from the standards
// (SHA-1, FIPS 180-4; HMAC, RFC 2104) and from PROTOCOL.md (§3.3, §4.3, §5, §6, §7.1), without looking at
// src/. Plain JavaScript with no WebCrypto and no node:crypto, so the same file runs in Node, in workerd
// (without nodejs_compat, which the worker does not have in production) and in Chromium. Checked against
// RFC 2202 and node:crypto in reference-seal.node.test.ts, and against every published vector.

/** SHA-1 of bytes → 20 bytes. */
function sha1(bytes) {
  const length = bytes.length;
  const blocks = Math.ceil((length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length * 8) >>> 0);
  let [h0, h1, h2, h3, h4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  const rotl = (x, n) => (x << n) | (x >>> (32 - n));
  for (let block = 0; block < blocks; block++) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block * 64 + t * 4);
    for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 80; t++) {
      const f =
        t < 20 ? (b & c) | (~b & d) : t < 40 || t >= 60 ? b ^ c ^ d : (b & c) | (b & d) | (c & d);
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const temp = (rotl(a, 5) + f + e + k + w[t]) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30) >>> 0;
      b = a;
      a = temp;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const outView = new DataView(out.buffer);
  for (const [i, h] of [h0, h1, h2, h3, h4].entries()) outView.setUint32(i * 4, h);
  return out;
}

/** HMAC-SHA-1 (RFC 2104) → 20 bytes. */
function hmacSha1(key, message) {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha1(key) : key);
  const inner = new Uint8Array(64 + message.length);
  const outer = new Uint8Array(64 + 20);
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i] ^ 0x36;
    outer[i] = block[i] ^ 0x5c;
  }
  inner.set(message, 64);
  outer.set(sha1(inner), 64);
  return sha1(outer);
}

const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Bytes of a string: UTF-8, or ISO-8859-1 (every code unit must be ≤ 0xFF). */
function encode(text, encoding) {
  if (encoding === "utf-8") return new TextEncoder().encode(text);
  return Uint8Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`not ISO-8859-1: ${ch}`);
    return code;
  });
}

/**
 * HMAC-SHA-1 of `data` under a merchant key of 40 hexadecimal digits (PROTOCOL.md §2.2: such a key is used as
 * it is; the legacy keys with letters in the last two places are covered by the published vectors) → 40
 * lower-case hex digits.
 */
export function referenceHmac(key, data, encoding = "utf-8") {
  if (!/^[0-9a-fA-F]{40}$/.test(key)) throw new Error("the reference takes 40 hex digits only");
  const keyBytes = Uint8Array.from(key.match(/../g), (pair) => Number.parseInt(pair, 16));
  return hex(hmacSha1(keyBytes, encode(data, encoding)));
}

/** HMAC-SHA-1 with raw key and message bytes, for the RFC 2202 cases. */
export function referenceHmacBytes(key, message) {
  return hex(hmacSha1(key, message));
}

/** The v3 sealed fields of each message, in order (PROTOCOL.md §3.3, §4.3, §5, §6). */
const V3 = {
  payment: {
    fields: ["TPE", "date", "montant", "reference", "texte-libre", "version", "lgue", "societe"]
      .concat(["mail", "nbrech", "dateech1", "montantech1", "dateech2", "montantech2"])
      .concat(["dateech3", "montantech3", "dateech4", "montantech4", "options"]),
    trailing: "",
  },
  notification: {
    fields: ["TPE", "date", "montant", "reference", "texte-libre", "=3.0", "code-retour", "cvx"]
      .concat(["vld", "brand", "status3ds", "numauto", "motifrefus", "originecb", "bincb"])
      .concat(["hpancb", "ipclient", "originetr", "veres", "pares"]),
    trailing: "*",
  },
  capture: {
    fields: ["TPE", "date", "montant_a_capturer+montant_deja_capture+montant_restant"].concat([
      "reference",
      "texte-libre",
      "version",
      "lgue",
      "societe",
    ]),
    trailing: "*",
  },
  recredit: {
    fields: ["TPE", "date", "montant_recredit+montant_possible", "reference", "texte-libre"].concat(
      ["version", "lgue", "societe"],
    ),
    trailing: "*",
  },
};

/**
 * The string the bank seals for a message, from the fields as posted (without `MAC`).
 * v4 (§7.1): every field but `MAC`, sorted by name in byte order, `name=value` joined by `*`.
 * v3: the message's fixed list; a Retour uses the merchant's own `tpe` and the literal `3.0` (§4.3).
 */
export function referenceMacString(kind, format, fields, { tpe } = {}) {
  if (format === "v4") {
    return Object.keys(fields)
      .filter((name) => name !== "MAC")
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => `${name}=${fields[name]}`)
      .join("*");
  }
  const { fields: names, trailing } = V3[kind];
  const value = (name) => {
    if (name.startsWith("=")) return name.slice(1);
    if (name === "TPE" && kind === "notification" && tpe) return tpe;
    return name
      .split("+")
      .map((part) => fields[part] ?? "")
      .join("");
  };
  return `${names.map(value).join("*")}${trailing}`;
}

/** The MAC of a message as the bank or the merchant must compute it (see the two functions above). */
export function referenceMac(key, kind, format, fields, { tpe, encoding = "utf-8" } = {}) {
  return referenceHmac(key, referenceMacString(kind, format, fields, { tpe }), encoding);
}
