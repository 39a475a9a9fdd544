// Configuration of `cem analyze` (custom-elements.json): the element sources, without tests or helpers.

/** Internal reactive state (`state: true` in `static properties`), which is not an attribute. */
const STATE = new Set(["announcement", "quote", "error", "split"]);

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

export default {
  globs: ["src/**/*.ts"],
  exclude: ["src/**/*.test.ts", "src/testing/**"],
  outdir: ".",
  litelement: true,
  plugins: [tidy()],
};
