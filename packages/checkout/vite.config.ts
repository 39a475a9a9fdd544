import ts from "typescript";
import { defineConfig, type Plugin } from "vite";

/**
 * Minifies the text of `css` tagged templates (which contain no `${}` here): comments, whitespace, last
 * semicolons, leading zeros and quotes around identifiers in attribute selectors.
 */
export function minifyCss(code: string): string {
  return code.replace(/\bcss`((?:[^`$]|\$(?!\{))*)`/g, (_, text: string) => {
    const min = text
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\s+/g, " ")
      .replace(/ ?([{};,>]) ?/g, "$1")
      .replace(/: /g, ":")
      .replace(/;}/g, "}")
      .replace(/([ :,(])0\./g, "$1.")
      .replace(/\[([\w-]+[$^*~|]?=)"([\w-]+)"\]/g, "[$1$2]")
      .trim();
    return `css\`${min}\``;
  });
}

/**
 * Collapses the indentation in the text of `html` tagged templates: every run of white space that holds a
 * line break becomes one space, which HTML renders the same (the templates hold no `<pre>` or
 * `<textarea>`).
 */
export function minifyHtml(code: string): string {
  const source = ts.createSourceFile("x.ts", code, ts.ScriptTarget.Latest, false);
  const edits: [number, number, string][] = [];
  const quasi = (node: ts.Node) => {
    const start = node.getStart(source) + 1;
    const end = node.getEnd() - (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) ? 2 : 1);
    const text = code.slice(start, end);
    const min = text.replace(/\s*\n\s*/g, " ");
    if (min !== text) edits.push([start, end, min]);
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      node.tag.text === "html"
    ) {
      const template = node.template;
      if (ts.isNoSubstitutionTemplateLiteral(template)) quasi(template);
      else {
        quasi(template.head);
        for (const span of template.templateSpans) quasi(span.literal);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0]))
    out = out.slice(0, start) + text + out.slice(end);
  return out;
}

/**
 * Applies {@link minifyCss} to the package's modules, and {@link minifyHtml} too when `html` is set (the
 * drop-in, which has no source map: collapsing lines would shift the npm build's maps).
 */
function minifyTemplates(html: boolean): Plugin {
  return {
    name: "sceau-minify-templates",
    enforce: "pre",
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id)) return null;
      let out = code.includes("css`") ? minifyCss(code) : code;
      if (html && out.includes("html`")) out = minifyHtml(out);
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * Shortens the messages of the errors Lit throws on misuse of `css` and `html` (which these elements never
 * make): the checks and the throws stay, only their text goes. Drop-in only.
 */
function shortenLitErrors(): Plugin {
  return {
    name: "sceau-shorten-lit-errors",
    transform(code, id) {
      if (!/\/node_modules\/(lit-html|lit-element|@lit\/reactive-element)\//.test(id)) return null;
      const out = code.replace(/Error\("[^"]*"(?:\+(\w+)\+"[^"]*")?\)/g, (_, value?: string) =>
        value ? `Error("lit: "+${value})` : 'Error("lit")',
      );
      return out === code ? null : { code: out, map: null };
    },
  };
}

/**
 * The names of the drop-in's files besides its entry: `sceau-checkout-cart.js`, `sceau-checkout-status.js`, their
 * texts per language (`sceau-checkout-cart-fr.js`, `sceau-checkout-status-de.js`…) and what cart and status share
 * (`sceau-checkout-shared.js`), stable so a shop copies them once and the entry finds them next to it.
 */
function dropInChunkName(chunk: {
  facadeModuleId: string | null;
  isDynamicEntry: boolean;
}): string {
  const texts = /components\/(checkout|order-status)\/lang\/(\w+)\.ts$/.exec(
    chunk.facadeModuleId ?? "",
  );
  if (texts) return `sceau-checkout-${texts[1] === "checkout" ? "cart" : "status"}-${texts[2]}.js`;
  return chunk.isDynamicEntry ? "sceau-checkout-[name].js" : "sceau-checkout-shared.js";
}

// The elements use `static properties` rather than decorators (smaller output), so Vite needs no decorator
// pre-plugin (TOOLCHAIN.md §4) as long as none is added.
// `vite build`: the npm build (one module per entry, lit external).
// `vite build --mode bundled`: the drop-in, self-contained modules with Lit inside, fully minified by
// Rolldown's Oxc minifier (library mode keeps white space unless asked), no comments left: the entry
// `sceau-checkout.js` (Lit, the cart, the product page's elements, the loader) and the files it imports on
// demand, `sceau-checkout-cart.js`, `sceau-checkout-status.js` and what those two share. The entry keeps the
// shared code and exports it to them ("allow-extension"), so a product page loads one file. (Property
// mangling, which saved about 0.4 KB gzip on the single file, only works on a single-chunk build.)
export default defineConfig(({ mode }) => {
  const bundled = mode === "bundled";
  return {
    plugins: bundled ? [minifyTemplates(true), shortenLitErrors()] : [minifyTemplates(false)],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    resolve: { conditions: ["module", "browser", "production"] },
    build: {
      target: "es2022",
      emptyOutDir: !bundled,
      sourcemap: !bundled,
      minify: bundled,
      lib: bundled
        ? { entry: { "sceau-checkout": "src/drop-in/index.ts" }, formats: ["es"] }
        : { entry: { index: "src/index.ts", define: "src/define.ts" }, formats: ["es"] },
      rollupOptions: bundled
        ? {
            preserveEntrySignatures: "allow-extension",
            output: {
              entryFileNames: "[name].js",
              chunkFileNames: dropInChunkName,
              comments: false,
              minify: {
                codegen: { removeWhitespace: true },
              },
            },
          }
        : {
            external: [/^lit($|\/)/, /^@lit\//],
            // One file per source module, mirroring src/, so that custom-elements.json can name the
            // shipped module of each element.
            output: {
              preserveModules: true,
              preserveModulesRoot: "src",
              entryFileNames: "[name].js",
            },
          },
    },
  };
});
