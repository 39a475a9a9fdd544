// Copies the drop-in's files (sceau-checkout.js and the files it loads on demand) into public/, so the pages
// load it exactly as a shop would: one script tag, the other files next to it.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const demo = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(demo, "..", "packages", "checkout", "dist");
const isDropIn = (name) => /^sceau-checkout(-[\w-]+)?\.js$/.test(name);
if (!existsSync(join(dist, "sceau-checkout.js"))) {
  console.error("The drop-in is not built yet: run `pnpm --filter @sceau/checkout build` first.");
  process.exit(1);
}
const publicDir = join(demo, "public");
mkdirSync(publicDir, { recursive: true });
for (const name of readdirSync(publicDir).filter(isDropIn)) rmSync(join(publicDir, name));
for (const name of readdirSync(dist).filter(isDropIn))
  copyFileSync(join(dist, name), join(publicDir, name));
