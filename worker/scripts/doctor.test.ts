import { describe, expect, it } from "vitest";
import { formatChecklist, parseDevVars } from "./checklist.ts";
import { script } from "./testing/run-script.ts";

describe("npm run doctor", () => {
  it("lists what the local development configuration must change for production", () => {
    const run = script("doctor", []);
    expect(run.status).toBe(1);
    for (const line of [
      "✓ Every variable follows its rule",
      "✗ A real bank: BANK=sandbox",
      "✗ The bank's production server: BANK_ENV=test",
      "✗ The merchant key is a real key: MERCHANT_KEY: is the documentation's example key",
      "✗ The admin token is strong",
      "✗ https everywhere the buyer goes: not https: RETURN_URL_OK http://localhost:5173/merci.html",
      "fix: set BANK to monetico, cm, cic, obc",
    ]) {
      expect(run.stdout).toContain(line);
    }
    expect(run.stdout).not.toContain("dev-admin-token");
    expect(run.stdout).not.toContain("0123456789ABCDEF");
  });

  it("reads .dev.vars lines and formats the checklist", () => {
    expect(parseDevVars('# note\nA=1\n  B = "two words" \nnot a line\n#C=3\n')).toEqual({
      A: "1",
      B: "two words",
    });
    const text = formatChecklist([
      { id: "bank", title: "A real bank", ok: true, detail: "BANK=cic" },
      { id: "https", title: "https", ok: false, detail: "not https: X", fix: "use https" },
    ]);
    expect(text).toBe(
      "✓ A real bank: BANK=cic\n✗ https: not https: X\n    fix: use https\n\n1 of 2 checks to fix before production (worker/GOING-LIVE.md).",
    );
  });
});
