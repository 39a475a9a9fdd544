import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  book,
  type Merchant,
  merchantOperations,
  payOrder,
  sandboxFor,
  startMerchant,
} from "../test/harness.ts";
import type { Book } from "./books.ts";
import { CAPTURE_ANSWERS, RECREDIT_ANSWERS } from "./merchant-operations.ts";

let merchant: Merchant;
beforeAll(async () => {
  merchant = await startMerchant();
});
afterAll(() => merchant.close());

const DAY = 86_400_000;
const documented = new Set(
  [...Object.values(CAPTURE_ANSWERS), ...Object.values(RECREDIT_ANSWERS)].map(
    ([cdr, lib]) => `${cdr} ${lib}`,
  ),
);

type Step =
  | { op: "capture"; share: number }
  | { op: "cancel" }
  | { op: "refund"; share: number }
  | { op: "wait"; days: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant("capture" as const), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ op: fc.constant("cancel" as const) }),
  fc.record({ op: fc.constant("refund" as const), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ op: fc.constant("wait" as const), days: fc.integer({ min: 1, max: 40 }) }),
);

function checkBooks(b: Book): void {
  for (const p of b.payments) {
    expect(p.captured + p.released + p.capturable).toBeLessThanOrEqual(p.amount);
    if (!["open", "authorised", "scheduled", "retrying"].includes(p.state)) {
      expect(p.capturable).toBe(0);
    }
    for (const a of p.authorisations) {
      expect(a.refunded).toBeLessThanOrEqual(a.captured);
      expect(a.captured).toBeLessThanOrEqual(a.authorised);
      expect(a.refundable).toBe(a.captured - a.refunded);
      expect(a.capturedDay === null).toBe(a.captured === 0);
    }
  }
  const sum = (pick: (p: Book["payments"][number]) => number) =>
    b.payments.reduce((s, p) => s + pick(p), 0);
  expect(b.totals.captured).toBe(sum((p) => p.captured));
  expect(b.totals.refunded).toBe(sum((p) => p.refunded));
  const orders = b.mode === "recurring" ? 1 + (b.recurrence?.renewals ?? 0) : 1;
  expect(b.totals.captured).toBeLessThanOrEqual(b.amount * orders);
}

describe("the books under any sequence of merchant operations and clock moves (property)", () => {
  for (const [tpe, card] of [
    ["7654324", "4000000000000002"],
    ["7654325", "4000000000000804"],
    ["7654326", "4000000000000705"],
    ["7654323", "4000000000000804"],
    ["7654330", "4000000000001000"],
  ] as const) {
    it(`terminal ${tpe}: every answer is a documented one and the books stay consistent`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { maxLength: 6 }), async (steps) => {
          const sandbox = await sandboxFor(merchant.url, { retourTimeoutMs: 2000 });
          const order = await payOrder(sandbox, tpe, "v4", { card });
          const ops = merchantOperations(sandbox, order);
          for (const s of steps) {
            const b = await book(sandbox, tpe, order.reference);
            const open = b.payments.find((p) => p.capturable > 0);
            const captured = b.payments.filter((p) => p.kind !== "renewal");
            const already = captured.reduce((n, p) => n + p.captured, 0);
            let lines: Record<string, string> | undefined;
            if (s.op === "capture" && open) {
              const amount = Math.max(1, Math.floor((open.capturable * s.share) / 100));
              if (amount + already <= order.amount) lines = await ops.capture(amount, already);
            } else if (s.op === "cancel") {
              lines = await ops.cancel(already);
            } else if (s.op === "refund") {
              const auth = b.payments
                .filter((p) => p.kind !== "renewal")
                .flatMap((p) => p.authorisations)
                .find((a) => a.refundable > 0);
              if (auth) {
                const amount = Math.max(1, Math.floor((auth.refundable * s.share) / 100));
                lines = await ops.refund(auth, amount);
              }
            } else if (s.op === "wait") {
              await sandbox.advance(s.days * DAY);
            }
            if (lines) expect(documented).toContain(`${lines.cdr} ${lines.lib}`);
            checkBooks(await book(sandbox, tpe, order.reference));
          }
        }),
        { numRuns: 8 },
      );
    });
  }
});
