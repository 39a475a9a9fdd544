import { describe, expect, it } from "vitest";
import { KeyFormatError } from "./errors.ts";
import { importKey, usableKeyHex } from "./key.ts";

const HEAD = "7A3F9C21D04E8B56F1A2C3D4E5F60718293A4B";

describe("usableKeyHex", () => {
  it.each([
    ["PA", "9a"],
    ["G5", "05"],
    ["Z7", "c7"],
    ["X0", "a0"],
    ["[1", "d1"],
    ["]2", "f2"],
    ["1M", "10"],
    ["EM", "e0"],
    ["cM", "c0"],
    ["F0", "f0"],
    ["a7", "a7"],
  ])("maps the final characters %s to %s", (tail, expected) => {
    expect(usableKeyHex(HEAD + tail)).toBe((HEAD + expected).toLowerCase());
  });

  it("keeps the 40th character as it is after remapping the 39th, even an M", () => {
    // 'G' (71) becomes '0'; the second character is kept, so "GM" gives "0M", which is not hex.
    expect(() => usableKeyHex(`${HEAD}GM`)).toThrow(KeyFormatError);
  });

  it("gives the same bytes for upper- and lower-case keys", () => {
    const upper = "0123456789ABCDEF0123456789ABCDEF01234567";
    expect(usableKeyHex(upper)).toBe(usableKeyHex(upper.toLowerCase()));
  });

  it("rejects a key whose usable form is not hex with ERR_KEY_INVALID", () => {
    // 'Q' (81) maps to ':' — not a hex digit: the kits disagree, so we refuse to guess.
    for (const tail of ["QA", "^1", "`2", "ZZ", "zz"]) {
      try {
        usableKeyHex(HEAD + tail);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(KeyFormatError);
        expect((error as KeyFormatError).code).toBe("ERR_KEY_INVALID");
        expect((error as KeyFormatError).message).toMatch(/not a valid bank key/);
      }
    }
  });

  it("rejects a key that is not 40 characters, saying how long it was", () => {
    expect(() => usableKeyHex(HEAD)).toThrow(/40 characters.*got 38 characters/);
    expect(() => usableKeyHex(`${HEAD}PA `)).toThrow(/got 41 characters/);
    expect(() => usableKeyHex(undefined as unknown as string)).toThrow(KeyFormatError);
  });

  it("rejects a non-hex character in the first 38 characters", () => {
    expect(() => usableKeyHex(`G${HEAD.slice(1)}00`)).toThrow(KeyFormatError);
  });
});

describe("importKey", () => {
  it("imports a non-extractable HMAC-SHA-1 key", async () => {
    const key = await importKey(`${HEAD}PA`);
    expect(key.cryptoKey.extractable).toBe(false);
    expect(key.cryptoKey.algorithm).toMatchObject({ name: "HMAC", hash: { name: "SHA-1" } });
    expect([...key.cryptoKey.usages].sort()).toEqual(["sign", "verify"]);
  });

  it("throws ERR_KEY_INVALID before touching WebCrypto", async () => {
    await expect(importKey("short")).rejects.toMatchObject({ code: "ERR_KEY_INVALID" });
  });
});
