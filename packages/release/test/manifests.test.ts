import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installation, installedDir, installedManifest } from "./installation.ts";

const PUBLIC = ["@sceau/bank-sandbox", "@sceau/checkout", "@sceau/protocol"];

/** Every file path a manifest points at: exports (all conditions), types, bin, CDN and manifest fields. */
// biome-ignore lint/suspicious/noExplicitAny: a package.json is any JSON.
function namedPaths(manifest: any): string[] {
  const paths: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") paths.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  for (const field of ["exports", "main", "module", "types", "bin", "unpkg", "jsdelivr"]) {
    collect(manifest[field]);
  }
  if (manifest.customElements) paths.push(manifest.customElements);
  return paths;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

describe("the packed manifests", () => {
  it("packs exactly the public packages", () => {
    expect(
      installation()
        .tarballs.map((t) => t.name)
        .sort(),
    ).toEqual(PUBLIC);
  });

  for (const name of PUBLIC) {
    describe(name, () => {
      it("points every export, type, bin and CDN field at a file it ships", () => {
        const manifest = installedManifest(name);
        const paths = namedPaths(manifest);
        expect(paths.length).toBeGreaterThan(2);
        for (const path of paths) {
          expect(existsSync(join(installedDir(name), path)), `${name}: ${path}`).toBe(true);
          expect(path, `${name}: ${path} is a source file`).not.toMatch(
            /(^|\/)src\/|\.ts$(?<!\.d\.ts)/,
          );
        }
      });

      it("ships its LICENSE and README, and no tests or sources", () => {
        const files = filesUnder(installedDir(name));
        expect(files).toContain("LICENSE");
        expect(files).toContain("README.md");
        expect(files.filter((f) => /\.test\.|^src\/|^test\//.test(f))).toEqual([]);
      });

      it("declares its side effects and depends on published versions only", () => {
        const manifest = installedManifest(name);
        expect(manifest.sideEffects === false || Array.isArray(manifest.sideEffects)).toBe(true);
        for (const range of Object.values<string>(manifest.dependencies ?? {})) {
          expect(range).not.toMatch(/^(workspace|file|link):/);
        }
      });
    });
  }

  it("keeps @sceau/protocol free of runtime dependencies", () => {
    expect(installedManifest("@sceau/protocol").dependencies).toBeUndefined();
  });

  it("gives the drop-in to CDNs", () => {
    const manifest = installedManifest("@sceau/checkout");
    expect(manifest.unpkg).toBe("./dist/sceau-checkout.js");
    expect(manifest.jsdelivr).toBe("./dist/sceau-checkout.js");
  });

  it("has a custom-elements manifest whose modules and references are shipped files", async () => {
    const dir = installedDir("@sceau/checkout");
    const { default: cem } = await import(join(dir, "custom-elements.json"), {
      with: { type: "json" },
    });
    const references: string[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === "object") {
        const { module } = node as { module?: unknown };
        if (typeof module === "string") references.push(module);
        Object.values(node).forEach(visit);
      }
    };
    visit(cem.modules);
    const paths = cem.modules.map((m: { path: string }) => m.path);
    for (const path of [...paths, ...references]) {
      expect(existsSync(join(dir, path)), path).toBe(true);
    }
    const tags = (path: string) =>
      cem.modules
        .find((m: { path: string }) => m.path === path)
        ?.exports.filter((e: { kind: string }) => e.kind === "custom-element-definition")
        .map((e: { name: string }) => e.name)
        .sort();
    const all = ["sceau-add-to-cart", "sceau-cart-count", "sceau-checkout", "sceau-order-status"];
    expect(tags("dist/define.js")).toEqual(all);
    expect(tags("dist/sceau-checkout.js")).toEqual(all);
  });
});
