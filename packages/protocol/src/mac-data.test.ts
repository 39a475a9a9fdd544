import { describe, expect, it } from "vitest";
import retourV3 from "../test/vectors/retour-v3.json";
import { notificationMacData, paymentMacData, sortedMacData } from "./mac-data.ts";

describe("MAC strings", () => {
  it("v3 Retour: uses the merchant's TPE when given, the posted one otherwise", () => {
    const vector = retourV3.vectors[0];
    const fields = { ...vector?.fields, TPE: "9999999" } as unknown as Record<string, string>;
    expect(notificationMacData(fields, "v3", { tpe: "1234567" })).toBe(vector?.macData);
    expect(notificationMacData(fields, "v3").startsWith("9999999*")).toBe(true);
  });

  it("v4: sorts in byte order (digits < upper case < _ < lower case), keeps empty fields, drops MAC and unposted ones", () => {
    expect(
      sortedMacData({ b: "2", a: "", MAC: "x", _z: "3", Z: "4", "3d": "5", gone: undefined }),
    ).toBe("3d=5*Z=4*_z=3*a=*b=2");
  });

  it("v3 Aller: always 19 slots, 18 separators, no trailing *", () => {
    const data = paymentMacData({}, "v3");
    expect(data).toBe("*".repeat(18));
  });

  it("refuses an unknown format with ERR_CONFIG_INVALID", () => {
    expect(() => paymentMacData({}, "v5" as "v3")).toThrow(
      expect.objectContaining({ code: "ERR_CONFIG_INVALID" }),
    );
  });
});
