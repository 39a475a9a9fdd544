// Configuration of `cem analyze` (custom-elements.json): the element sources, without tests or helpers.
import { existsSync } from "node:fs";
import { posix } from "node:path";

/** Internal reactive state (`state: true` in `static properties`), which is not an attribute. */
const STATE = new Set(["announcement", "quote", "error", "split"]);

/** The drop-in bundle, which registers every tag (vite.config.ts, `--mode bundled`). */
const DROP_IN = "dist/sceau-checkout.js";

/** Drops what the analyzer misreads: state listed as attributes, and events dispatched without a name. */
function tidy() {
  return {
    name: "sceau-tidy",
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !STATE.has(a.name));
          if (decl.events) decl.events = decl.events.filter((e) => e.name);
          if (decl.members) {
            decl.members = decl.members.filter(
              (m) => !STATE.has(m.name) && m.privacy !== "private",
            );
          }
        }
      }
    },
  };
}

/**
 * `src/a/b.ts` → `dist/a/b.js`, the npm build's module for that source (vite.config.ts keeps one per source
 * file), or `dist/a/b.d.ts` for a source that holds only types. Runs after the build.
 */
function shipped(path) {
  const js = path.replace(/^(\.?\/)?src\//, "dist/").replace(/\.ts$/, ".js");
  const types = js.replace(/\.js$/, ".d.ts");
  return existsSync(js) || !existsSync(types) ? js : types;
}

/**
 * Points the manifest at the files the package ships: module paths and references become `dist/…js`
 * (the analyzer writes the sources, and re-exports relative to the re-exporting file), and the two files
 * that register the tags, `dist/define.js` and the drop-in, list a `custom-element-definition` per tag.
 */
function shippedPaths() {
  return {
    name: "sceau-shipped-paths",
    packageLinkPhase({ customElementsManifest }) {
      const definitions = [];
      for (const mod of customElementsManifest.modules) {
        const from = posix.dirname(mod.path);
        const visit = (node) => {
          if (Array.isArray(node)) node.forEach(visit);
          else if (node && typeof node === "object") {
            if (typeof node.module === "string") {
              node.module = shipped(
                node.module.startsWith(".") ? posix.join(from, node.module) : node.module,
              );
            }
            for (const value of Object.values(node)) visit(value);
          }
        };
        visit(mod.declarations);
        visit(mod.exports);
        mod.path = shipped(mod.path);
        for (const decl of mod.declarations ?? []) {
          if (decl.customElement && decl.tagName) {
            definitions.push({
              kind: "custom-element-definition",
              name: decl.tagName,
              declaration: { name: decl.name, module: mod.path },
            });
          }
        }
      }
      const define = customElementsManifest.modules.find((m) => m.path === "dist/define.js");
      define.exports = definitions;
      customElementsManifest.modules.push({
        kind: "javascript-module",
        path: DROP_IN,
        declarations: [],
        exports: definitions,
      });
    },
  };
}

export default {
  globs: ["src/**/*.ts"],
  exclude: ["src/**/*.test.ts", "src/testing/**"],
  outdir: ".",
  litelement: true,
  plugins: [tidy(), shippedPaths()],
};
