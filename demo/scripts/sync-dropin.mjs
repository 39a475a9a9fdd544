// Copies the drop-in bundle into public/, so the pages load it exactly as a shop would: one script tag.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const demo = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(demo, "..", "packages", "checkout", "dist", "sceau-checkout.js");
if (!existsSync(source)) {
  console.error("The drop-in is not built yet: run `pnpm --filter @sceau/checkout build` first.");
  process.exit(1);
}
mkdirSync(join(demo, "public"), { recursive: true });
copyFileSync(source, join(demo, "public", "sceau-checkout.js"));
