import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installation } from "./installation.ts";

const VECTORS = join(import.meta.dirname, "..", "..", "protocol", "test", "vectors");

interface Vector {
  id: string;
  key: string;
  fields: Record<string, string>;
  macData: string;
  mac: string;
}

function vectors(file: string): Vector[] {
  return JSON.parse(readFileSync(join(VECTORS, file), "utf8")).vectors;
}

/** Runs a module in the installed shop's folder, as its own code would, and returns what it prints. */
function runInShop(name: string, code: string): string {
  const { app } = installation();
  writeFileSync(join(app, name), code);
  return execFileSync(process.execPath, [name], { cwd: app, encoding: "utf8" });
}

describe("@sceau/protocol installed with npm", () => {
  for (const [file, format] of [
    ["aller-v4.json", "v4"],
    ["aller-v3.json", "v3"],
  ] as const) {
    it(`seals the published ${format} payment vectors in Node`, () => {
      const list = vectors(file);
      const out = runInShop(
        `seal-${format}.mjs`,
        `import { importKey, paymentMacData, seal } from "@sceau/protocol";
const vectors = ${JSON.stringify(list.map(({ id, key, fields }) => ({ id, key, fields })))};
const results = [];
for (const v of vectors) {
  const data = paymentMacData(v.fields, "${format}");
  results.push({ id: v.id, data, mac: await seal(await importKey(v.key), data) });
}
console.log(JSON.stringify(results));`,
      );
      expect(JSON.parse(out)).toEqual(
        list.map(({ id, macData, mac }) => ({ id, data: macData, mac: mac.toLowerCase() })),
      );
    });
  }
});
