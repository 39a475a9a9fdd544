import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

describe("@sceau/protocol package", () => {
  it("has no runtime dependencies", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.sideEffects).toBe(false);
  });

  it("uses no Node, DOM or third-party module in its sources", () => {
    const sources = readdirSync(join(root, "src")).filter(
      (f) => f.endsWith(".ts") && !f.includes(".test."),
    );
    for (const file of sources) {
      const text = readFileSync(join(root, "src", file), "utf8")
        .split("\n")
        .filter((line) => !/^\s*(\*|\/\/|\/\*\*)/.test(line))
        .join("\n");
      const imports = [...text.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      expect(
        imports.every((spec) => spec?.startsWith("./")),
        file,
      ).toBe(true);
      expect(text, file).not.toMatch(/\b(document|window|process|Buffer)\.[a-zA-Z]|\brequire\(/);
    }
  });
});
