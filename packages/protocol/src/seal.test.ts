import { describe, expect, it } from "vitest";
import { referenceHmac } from "../test/reference-seal.mjs";
import { importKey } from "./key.ts";
import { paymentMacData } from "./mac-data.ts";
import { isLatin1, seal, verifySeal } from "./seal.ts";

const KEY = "0123456789ABCDEF0123456789ABCDEF01234567";
const FIELDS = {
  TPE: "1234567",
  date: "05/12/2006:11:55:23",
  montant: "62.73EUR",
  reference: "ABERTYP00145",
  "texte-libre": "ExempleTexteLibre",
  version: "3.0",
  lgue: "FR",
  societe: "monSite1",
  mail: "internaute@sonemail.fr",
};

describe("seal and verifySeal", () => {
  it("matches RFC 2202 test case 1 (HMAC-SHA-1 itself)", async () => {
    const key = await importKey("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    expect(await seal(key, "Hi There")).toBe("b617318655057264e28bc0b6fb378c8ef146be00");
  });

  it("emits lower-case hex and accepts the MAC in any case", async () => {
    const key = await importKey(KEY);
    const data = paymentMacData(FIELDS, "v3");
    const mac = await seal(key, data);
    expect(mac).toBe("30c164ec9e2acbe0a6cabbd21e4443eab74e23a7"); // vector a3-doc-classic
    expect(await verifySeal(key, data, mac)).toBe(true);
    expect(await verifySeal(key, data, mac.toUpperCase())).toBe(true);
  });

  it("fails when one byte of the data is flipped, a field reordered or the amount changed", async () => {
    const key = await importKey(KEY);
    const data = paymentMacData(FIELDS, "v3");
    const mac = await seal(key, data);
    const flipped = String.fromCharCode(data.charCodeAt(0) ^ 1) + data.slice(1);
    expect(await verifySeal(key, flipped, mac)).toBe(false);
    const reordered = paymentMacData({ ...FIELDS, TPE: FIELDS.date, date: FIELDS.TPE }, "v3");
    expect(await verifySeal(key, reordered, mac)).toBe(false);
    expect(
      await verifySeal(key, paymentMacData({ ...FIELDS, montant: "62.74EUR" }, "v3"), mac),
    ).toBe(false);
    expect(await verifySeal(key, `${data} `, mac)).toBe(false);
  });

  it("fails with another key", async () => {
    const data = paymentMacData(FIELDS, "v3");
    const mac = await seal(await importKey(KEY), data);
    const other = await importKey("1123456789ABCDEF0123456789ABCDEF01234567");
    expect(await verifySeal(other, data, mac)).toBe(false);
  });

  it("returns false, never throws, for a malformed MAC", async () => {
    const key = await importKey(KEY);
    for (const mac of [
      undefined,
      null,
      42,
      "",
      "xyz",
      "0".repeat(39),
      "0".repeat(41),
      "g".repeat(40),
    ]) {
      expect(await verifySeal(key, "data", mac)).toBe(false);
    }
  });

  it("seals ISO-8859-1 bytes on request and tells which strings fit in ISO-8859-1", async () => {
    const key = await importKey(KEY);
    expect(await seal(key, "é", { encoding: "latin1" })).toBe(referenceHmac(KEY, "é", "latin1"));
    expect(await seal(key, "é")).toBe(referenceHmac(KEY, "é"));
    expect(referenceHmac(KEY, "é", "latin1")).not.toBe(referenceHmac(KEY, "é"));
    expect(isLatin1("Noël")).toBe(true);
    expect(isLatin1("€")).toBe(false);
  });
});
