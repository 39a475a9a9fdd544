/**
 * Runs in every test file: records every log line and every answer of the app called through the test
 * helpers, and fails the file if the merchant key (as given, lower case, or its usable HMAC form) or the
 * admin token appears in any of them — including the keys and tokens a test passed as overrides.
 */

import { env } from "cloudflare:workers";
import { usableKeyHex } from "@sceau/protocol";
import { afterAll, expect } from "vitest";

/** What the app logged and answered during this file. */
export const observed = { lines: [] as string[], bodies: [] as Promise<string>[] };
/** Secret values to look for, beyond the configured ones. */
export const secrets = new Set<string>();

for (const level of ["log", "info", "warn", "error", "debug"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    observed.lines.push(args.map(String).join(" "));
    original(...args);
  };
}

/** Called by the helpers for every answer and every secret passed as an override. */
export function observe(
  response: Response,
  overrides: { MERCHANT_KEY?: string; ADMIN_TOKEN?: string },
) {
  for (const value of [overrides.MERCHANT_KEY, overrides.ADMIN_TOKEN]) {
    if (typeof value === "string" && value.length >= 8) secrets.add(value);
  }
  observed.bodies.push(
    response
      .clone()
      .text()
      .then((text) => {
        const headers: string[] = [];
        response.headers.forEach((value, name) => {
          headers.push(`${name}: ${value}`);
        });
        return `${headers.join("\n")}\n\n${text}`;
      })
      .catch(() => ""),
  );
}

/** Every form a secret could take in text. */
export function secretForms(): string[] {
  const forms = new Set<string>();
  for (const value of [env.MERCHANT_KEY, env.ADMIN_TOKEN, ...secrets]) {
    if (!value) continue;
    forms.add(value);
    forms.add(value.toLowerCase());
    try {
      forms.add(usableKeyHex(value));
    } catch {
      // not a key: the token
    }
  }
  return [...forms];
}

afterAll(async () => {
  const texts = [...observed.lines, ...(await Promise.all(observed.bodies))];
  const forms = secretForms();
  const leaks = texts.filter((text) => forms.some((form) => text.includes(form)));
  expect(leaks.map((t) => t.slice(0, 200))).toEqual([]);
});
