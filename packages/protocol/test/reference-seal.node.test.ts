/**
 * The independent reference the other packages' tests take their expected seals from must itself be right:
 * RFC 2202's HMAC-SHA-1 cases, node:crypto on random keys and texts, and every published vector (string and
 * MAC) whose key is plain hex.
 */
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ReferenceKind,
  referenceHmac,
  referenceHmacBytes,
  referenceMac,
  referenceMacString,
} from "./reference-seal.mjs";
import allerV3 from "./vectors/aller-v3.json";
import allerV4 from "./vectors/aller-v4.json";
import captureV3 from "./vectors/capture-v3.json";
import captureV4 from "./vectors/capture-v4.json";
import recreditV3 from "./vectors/recredit-v3.json";
import recreditV4 from "./vectors/recredit-v4.json";
import retourV3 from "./vectors/retour-v3.json";
import retourV4 from "./vectors/retour-v4.json";

const bytes = (text: string) => new TextEncoder().encode(text);
const repeat = (byte: number, n: number) => new Uint8Array(n).fill(byte);

describe("reference HMAC-SHA-1", () => {
  it("gives RFC 2202's seven HMAC-SHA-1 results", () => {
    const cases: [Uint8Array, Uint8Array, string][] = [
      [repeat(0x0b, 20), bytes("Hi There"), "b617318655057264e28bc0b6fb378c8ef146be00"],
      [
        bytes("Jefe"),
        bytes("what do ya want for nothing?"),
        "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
      ],
      [repeat(0xaa, 20), repeat(0xdd, 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"],
      [
        Uint8Array.from({ length: 25 }, (_, i) => i + 1),
        repeat(0xcd, 50),
        "4c9007f4026250c6bc8414f9bf50c86c2d7235da",
      ],
      [repeat(0x0c, 20), bytes("Test With Truncation"), "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"],
      [
        repeat(0xaa, 80),
        bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
        "aa4ae5e15272d00e95705637ce8a3b55ed402112",
      ],
      [
        repeat(0xaa, 80),
        bytes("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
        "e8e99d0f45237d786d6bbaa7965c7808bbff1a91",
      ],
    ];
    for (const [key, message, mac] of cases) expect(referenceHmacBytes(key, message)).toBe(mac);
  });

  it("agrees with node:crypto on any key and text, UTF-8 and ISO-8859-1 (property)", () => {
    const hexKey = fc.stringMatching(/^[0-9a-fA-F]{40}$/);
    // Any code point but lone surrogates (fast-check's "binary" strings are slow to generate).
    const codePoint = (max: number) =>
      fc
        .oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max }))
        .filter((c) => c < 0xd800 || c > 0xdfff);
    const text = (max: number) =>
      fc.array(codePoint(max), { maxLength: 300 }).map((codes) => String.fromCodePoint(...codes));
    fc.assert(
      fc.property(hexKey, text(0x10ffff), (key, data) => {
        const node = createHmac("sha1", Buffer.from(key, "hex")).update(data, "utf8").digest("hex");
        expect(referenceHmac(key, data)).toBe(node);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(hexKey, text(0xff), (key, data) => {
        const node = createHmac("sha1", Buffer.from(key, "hex"))
          .update(data, "latin1")
          .digest("hex");
        expect(referenceHmac(key, data, "latin1")).toBe(node);
      }),
      { numRuns: 100 },
    );
  });

  it("takes plain hex keys only (legacy keys are the vectors' business)", () => {
    expect(() => referenceHmac("7A3F9C21D04E8B56F1A2C3D4E5F60718293A4BPA", "x")).toThrow(/40 hex/);
  });
});

describe("reference MAC strings reproduce every published vector", () => {
  const files: [ReferenceKind, "v3" | "v4", { vectors: readonly VectorLike[] }][] = [
    ["payment", "v3", allerV3],
    ["payment", "v4", allerV4],
    ["notification", "v3", retourV3],
    ["notification", "v4", retourV4],
    ["capture", "v3", captureV3],
    ["capture", "v4", captureV4],
    ["recredit", "v3", recreditV3],
    ["recredit", "v4", recreditV4],
  ];
  interface VectorLike {
    id: string;
    key: string;
    fields: Record<string, string | undefined>;
    macData: string;
    mac: string;
  }
  for (const [kind, format, file] of files) {
    for (const vector of file.vectors) {
      it(`${kind} ${format} ${vector.id}`, () => {
        const fields = Object.fromEntries(
          Object.entries(vector.fields).filter((e): e is [string, string] => e[1] !== undefined),
        );
        const tpe = fields.TPE;
        expect(referenceMacString(kind, format, fields, { tpe })).toBe(vector.macData);
        if (/^[0-9A-Fa-f]{40}$/.test(vector.key)) {
          expect(referenceMac(vector.key, kind, format, fields, { tpe })).toBe(vector.mac);
        }
      });
    }
  }
});
