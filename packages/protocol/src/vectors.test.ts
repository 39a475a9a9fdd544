import { describe, expect, it } from "vitest";
import allerV3 from "../test/vectors/aller-v3.json";
import allerV4 from "../test/vectors/aller-v4.json";
import captureV3 from "../test/vectors/capture-v3.json";
import captureV4 from "../test/vectors/capture-v4.json";
import recreditV3 from "../test/vectors/recredit-v3.json";
import recreditV4 from "../test/vectors/recredit-v4.json";
import retourV3 from "../test/vectors/retour-v3.json";
import retourV4 from "../test/vectors/retour-v4.json";
import { importKey, usableKeyHex } from "./key.ts";
import {
  captureMacData,
  type Fields,
  type MacFormat,
  notificationMacData,
  paymentMacData,
  recreditMacData,
} from "./mac-data.ts";
import { seal, verifySeal } from "./seal.ts";

interface Vector {
  id: string;
  key: string;
  usableKeyHex?: string;
  fields: Record<string, string | undefined>;
  macData: string;
  mac: string;
  macLatin1?: string | null;
}

type Builder = (fields: Fields, format: MacFormat) => string;

const suites: [string, { vectors: readonly Vector[] }, MacFormat, Builder][] = [
  ["aller", allerV3, "v3", paymentMacData],
  ["aller", allerV4, "v4", paymentMacData],
  ["retour", retourV3, "v3", (f, fmt) => notificationMacData(f, fmt, { tpe: "1234567" })],
  ["retour", retourV4, "v4", (f, fmt) => notificationMacData(f, fmt, { tpe: f.TPE ?? "" })],
  ["capture", captureV3, "v3", captureMacData],
  ["capture", captureV4, "v4", captureMacData],
  ["recredit", recreditV3, "v3", recreditMacData],
  ["recredit", recreditV4, "v4", recreditMacData],
];

describe("published vectors", () => {
  for (const [kind, file, format, build] of suites) {
    describe(`${kind} ${format}`, () => {
      for (const vector of file.vectors) {
        it(`${vector.id}: builds the sealed string and the MAC`, async () => {
          if (vector.usableKeyHex) expect(usableKeyHex(vector.key)).toBe(vector.usableKeyHex);
          expect(build(vector.fields, format)).toBe(vector.macData);
          const key = await importKey(vector.key);
          expect(await seal(key, vector.macData)).toBe(vector.mac);
          expect(await verifySeal(key, vector.macData, vector.mac.toUpperCase())).toBe(true);
          if (typeof vector.macLatin1 === "string") {
            const latin1 = await seal(key, vector.macData, { encoding: "latin1" });
            expect(latin1).toBe(vector.macLatin1);
            expect(await verifySeal(key, vector.macData, latin1, { encoding: "latin1" })).toBe(
              true,
            );
            expect(await verifySeal(key, vector.macData, latin1)).toBe(false);
          }
        });
      }
    });
  }
});
