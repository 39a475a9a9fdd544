/**
 * The invariant a merchant relies on (issue 12): whatever the worker offers as an action, the bank accepts,
 * and what the bank did — captured, collected, expired, cancelled — shows in the worker. For random orders on
 * every test terminal, paid with cards whose later authorisations the issuer accepts, refuses once, four
 * times or for good, and random sequences of offered actions (any amount up to the offer) and clock moves,
 * against the real bank sandbox in-process: every offered action is accepted by the bank — the only refusal
 * allowed is the issuer's, of a capture's own authorisation (`0 autorisation refusee`, which the
 * documentation announces for partial and recurring captures) — and after every step the worker's ledger
 * equals the sandbox's books.
 */
import type { Book } from "@sceau/bank-sandbox";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWorld, TERMINALS, type TerminalName } from "../test/bank.ts";
import { booksView, ledgerView } from "../test/books.ts";
import { ADMIN, adminOrder, CARDS, call, checkout, pay, terminal } from "../test/helpers.ts";

const START = Date.parse("2026-01-31T09:00:00Z");
const DAY = 86_400_000;
const world = await createWorld({ now: () => START, cron: true });

const SKU: Record<string, string> = {
  recurring: "CLUB-CD-DU-MOIS",
  split: "CD-BREL-INTEGRALE",
};

type Step = { wait: number } | { action: number; share: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ wait: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ action: fc.nat({ max: 9 }), share: fc.double({ min: 0.01, max: 1, noNaN: true }) }),
);

describe("what the worker offers, the bank accepts (property)", () => {
  it("holds for random orders, offered actions and clock moves, on every terminal", async () => {
    const names = Object.keys(TERMINALS) as TerminalName[];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.constantFrom(CARDS.visa, CARDS.laterRetry, CARDS.laterFour, CARDS.laterLost),
        fc.array(step, { minLength: 1, maxLength: 6 }),
        async (name, card, steps) => {
          world.sandbox.reset();
          const vars = terminal(name);
          const mode = vars.PAYMENT_MODE ?? "immediate";
          const sku = SKU[mode] ?? "CD-KIND-OF-BLUE";
          const { order, form } = await checkout({ items: [{ sku, quantity: 1 }] }, vars, world);
          await pay(form, card, world);
          const agree = async () => {
            const [detail, response] = await Promise.all([
              adminOrder(order.reference, vars, world),
              world.sandbox.app.request(`/_sandbox/books/${vars.TPE}/${order.reference}`),
            ]);
            const book = (await response.json()) as Book;
            expect(ledgerView(detail.order.ledger, world.sandbox.clock.now())).toEqual(
              booksView(book),
            );
            return detail.order.ledger;
          };
          for (const s of steps) {
            const ledger = await agree();
            if ("wait" in s) {
              await world.advance(vars, s.wait * DAY);
              continue;
            }
            const action = ledger.actions[s.action % Math.max(1, ledger.actions.length)];
            if (!action) continue;
            const amount =
              "max" in action ? Math.max(1, Math.round(action.max * s.share)) : undefined;
            const response = await call(
              `/api/admin/orders/${order.reference}/${action.kind}`,
              {
                method: "POST",
                headers: { ...ADMIN, "Content-Type": "application/json" },
                body: JSON.stringify({
                  ...(amount !== undefined && { amount }),
                  ...(action.kind === "recredit" && { authorisation: action.authorisation }),
                }),
              },
              vars,
              world,
            );
            const answer = (await response.json()) as { error?: { message: string } };
            const issuerRefused =
              action.kind === "capture" && card !== CARDS.visa && mode !== "deferred";
            expect(answer.error?.message ?? "accepted", JSON.stringify(action)).toBe(
              issuerRefused && response.status === 409
                ? "The bank answered cdr=0: autorisation refusee"
                : "accepted",
            );
          }
          await agree();
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
