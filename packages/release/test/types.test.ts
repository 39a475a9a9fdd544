import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installation } from "./installation.ts";

const TSC = join(import.meta.dirname, "..", "node_modules", ".bin", "tsc");

// Each import must resolve to real declarations: `IsAny` fails the compilation where a type fell back to
// `any` (an unresolved module or a missing `types` condition does exactly that).
const CONSUMER = `import { createTerminal, importKey, seal, type MacFormat } from "@sceau/protocol";
import { getCart, SceauCheckout, type Quote } from "@sceau/checkout";
import "@sceau/checkout/define";
import { createSandbox, TEST_CARDS } from "@sceau/bank-sandbox";

type IsAny<T> = 0 extends 1 & T ? true : false;
const checks: [
  IsAny<typeof createTerminal>,
  IsAny<typeof seal>,
  IsAny<MacFormat>,
  IsAny<typeof SceauCheckout>,
  IsAny<Quote>,
  IsAny<typeof createSandbox>,
  IsAny<typeof TEST_CARDS>,
] = [false, false, false, false, false, false, false];

const mac: Promise<string> = importKey("0123456789ABCDEF0123456789ABCDEF01234567").then((k) => seal(k, "x"));
const tag: SceauCheckout = document.createElement("sceau-checkout");
const lines: number = getCart().items.length;
export { checks, mac, tag, lines };
`;

describe("the packages' type declarations, installed with npm", () => {
  // NodeNext is the strictest resolution (exports and their `types` conditions only); what passes there
  // passes under a bundler's.
  it("type-check a consumer with moduleResolution NodeNext", () => {
    const dir = join(installation().app, "types");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "consumer.ts"), CONSUMER);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        files: ["consumer.ts"],
      }),
    );
    const tsc = spawnSync(TSC, ["-p", dir], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
