import { join } from "node:path";

/**
 * Vitest reporters: the default one, plus a JSON report in `$SCEAU_TEST_REPORT_DIR` when the root test
 * command asks for it (it sums every runner's counts).
 */
export function reporters(name: string): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.SCEAU_TEST_REPORT_DIR;
  if (!dir) return ["default"];
  return ["default", ["json", { outputFile: join(dir, `${name}.json`) }]];
}
