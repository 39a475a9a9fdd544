/**
 * The doctor's output on the terminal, and the local secrets it reads.
 * @module
 */
import type { DoctorCheck } from "../src/doctor.ts";

/** `NAME=value` lines of a .dev.vars file (comments and blank lines skipped). */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] && !line.trimStart().startsWith("#")) {
      vars[match[1]] = (match[2] ?? "").replace(/^"(.*)"$/, "$1");
    }
  }
  return vars;
}

/** The checklist as lines: ✓ or ✗, the title, what was found, and the fix under each failure. */
export function formatChecklist(checks: readonly DoctorCheck[]): string {
  const lines = checks.flatMap((check) => [
    `${check.ok ? "✓" : "✗"} ${check.title}: ${check.detail}`,
    ...(check.ok || !check.fix ? [] : [`    fix: ${check.fix}`]),
  ]);
  const failures = checks.filter((c) => !c.ok).length;
  lines.push(
    "",
    failures === 0
      ? "Ready for production."
      : `${failures} of ${checks.length} checks to fix before production (worker/GOING-LIVE.md).`,
  );
  return lines.join("\n");
}
