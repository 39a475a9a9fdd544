/**
 * Signatures and the retry schedule: what the worker signs is what an independent Standard Webhooks
 * implementation (the `standardwebhooks` package) accepts, and nothing else.
 */
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryAfterMs, retryDelay } from "./retry.ts";
import { newSecret, signatureHeader } from "./signature.ts";

describe("signatureHeader", () => {
  it("signs id, timestamp and body as the standardwebhooks package verifies them (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.json(), fc.stringMatching(/^evt_[0-9a-f]{24}$/), async (body, id) => {
        const secret = newSecret();
        const timestamp = Math.floor(Date.now() / 1000);
        const headers = {
          "webhook-id": id,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": await signatureHeader(secret, { id, timestamp, body }),
        };
        expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
        // The package's own signature for the same content is ours.
        expect(headers["webhook-signature"]).toBe(
          new Webhook(secret).sign(id, new Date(timestamp * 1000), body),
        );
        // Another body, id, timestamp or secret does not verify.
        expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
        expect(() =>
          new Webhook(secret).verify(body, { ...headers, "webhook-id": `${id}0` }),
        ).toThrow();
        expect(() =>
          new Webhook(secret).verify(body, {
            ...headers,
            "webhook-timestamp": String(timestamp - 1),
          }),
        ).toThrow();
        expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
      }),
      { numRuns: 50 },
    );
  });

  it("makes secrets of 32 random bytes, each different", () => {
    const secrets = new Set(Array.from({ length: 100 }, newSecret));
    expect(secrets.size).toBe(100);
    for (const secret of secrets) expect(atob(secret.slice(6))).toHaveLength(32);
  });
});

describe("retry schedule", () => {
  it("tries 10 times over 75 h 35 min without jitter, then dead-letters", () => {
    expect(MAX_ATTEMPTS).toBe(10);
    const delays = RETRY_DELAYS_MS.map((_, i) => retryDelay(i + 1, { random: () => 0 }) as number);
    expect(delays.reduce((a, b) => a + b, 0)).toBe(((75 * 60 + 35) * 60 + 5) * 1000);
    expect(retryDelay(10)).toBeNull();
  });

  it("adds at most 10 % jitter from 5 minutes on, and honours Retry-After up to a day", () => {
    expect(retryDelay(1, { random: () => 0.99 })).toBe(5_000);
    expect(retryDelay(2, { random: () => 0.5 })).toBe(315_000);
    expect(retryDelay(2, { random: () => 0.999_999 })).toBe(329_999);
    expect(retryDelay(1, { retryAfterMs: 120_000 })).toBe(120_000);
    expect(retryDelay(1, { retryAfterMs: 9e9, random: () => 0 })).toBe(86_400_000);
    const now = new Date("2026-11-30T10:00:00Z");
    expect(retryAfterMs("30", now)).toBe(30_000);
    expect(retryAfterMs("Mon, 30 Nov 2026 10:01:00 GMT", now)).toBe(60_000);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
