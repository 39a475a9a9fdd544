import { defineConfig, type Plugin } from "vite";

/**
 * Minifies the text of `css` tagged templates (which contain no `${}` here): comments, whitespace, last
 * semicolons, leading zeros and quotes around identifiers in attribute selectors.
 */
export function minifyCss(code: string): string {
  return code.replace(/\bcss`([^`$]*)`/g, (_, text: string) => {
    const min = text
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\s+/g, " ")
      .replace(/ ?([{};,>]) ?/g, "$1")
      .replace(/: /g, ":")
      .replace(/;}/g, "}")
      .replace(/([ :,(])0\./g, "$1.")
      .replace(/\[([\w-]+)="([\w-]+)"\]/g, "[$1=$2]")
      .trim();
    return `css\`${min}\``;
  });
}

/** Applies {@link minifyCss} to the package's style modules. */
function minifyStyles(): Plugin {
  return {
    name: "sceau-minify-css",
    enforce: "pre",
    transform(code, id) {
      return /\.ts$/.test(id) && code.includes("css`")
        ? { code: minifyCss(code), map: null }
        : null;
    },
  };
}

// The elements use `static properties` rather than decorators (smaller output), so Vite needs no decorator
// pre-plugin (TOOLCHAIN.md §4) as long as none is added.
// `vite build`: the npm build (one module per entry, lit external).
// `vite build --mode bundled`: the drop-in, one self-contained module with Lit inside
// (scripts/minify.mjs then minifies it fully, as Vite's library mode keeps whitespace).
export default defineConfig(({ mode }) => {
  const bundled = mode === "bundled";
  return {
    plugins: [minifyStyles()],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    resolve: { conditions: ["module", "browser", "production"] },
    build: {
      target: "es2022",
      emptyOutDir: !bundled,
      sourcemap: !bundled,
      minify: bundled,
      lib: bundled
        ? { entry: { "sceau-checkout": "src/define.ts" }, formats: ["es"] }
        : { entry: { index: "src/index.ts", define: "src/define.ts" }, formats: ["es"] },
      rollupOptions: bundled
        ? { output: { entryFileNames: "[name].js" } }
        : {
            external: [/^lit($|\/)/, /^@lit\//],
            output: { entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js" },
          },
    },
  };
});
