/**
 * The ledger's offers, walked to the end against the real bank sandbox: taking the actions an order allows one
 * after another (half the amount where an amount is asked) ends with nothing left to offer, everything
 * captured refunded and nothing capturable — the worker never offers a step the bank or itself then refuses.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, adminOrder, call, type LedgerView, paidOrder, terminal } from "../test/helpers.ts";

type Action = LedgerView["actions"][number];

/** Posts an offered action with half its largest amount when it takes one. */
function take(reference: string, action: Action, vars: ReturnType<typeof terminal>) {
  const amount = "max" in action && action.max > 1 ? Math.ceil(action.max / 2) : undefined;
  return call(
    `/api/admin/orders/${reference}/${action.kind}`,
    {
      method: "POST",
      headers: { ...ADMIN, "Content-Type": "application/json" },
      body: JSON.stringify({
        ...(amount !== undefined && { amount }),
        ...(action.kind === "recredit" && { authorisation: action.authorisation }),
      }),
    },
    vars,
  );
}

describe("ledgerJson actions, taken one after another", () => {
  // A deferred payment takes one capture (the rest is released); a partial one several, then a cancel.
  it.each([
    ["deferred", ["capture", "recredit"]],
    ["partial", ["capture", "cancel", "recredit"]],
  ] as const)(
    "on a %s terminal, take %j and end with nothing left and everything captured refunded",
    async (name, kinds) => {
      const vars = terminal(name);
      const order = await paidOrder(vars);
      const done: string[] = [];
      let ledger = (await adminOrder(order.reference, vars)).order.ledger;
      for (let step = 0; ledger.actions.length > 0 && step < 30; step++) {
        // Rotating through the offers walks through many ledger states: partial captures and refunds, the
        // cancel of what is left.
        const action = ledger.actions[step % ledger.actions.length] as Action;
        const response = await take(order.reference, action, vars);
        expect(response.status, `${done.join(", ")} then ${JSON.stringify(action)}`).toBe(200);
        done.push(action.kind);
        ledger = (await adminOrder(order.reference, vars)).order.ledger;
      }
      expect(ledger.actions).toEqual([]);
      expect(new Set(done)).toEqual(new Set(kinds));
      expect(ledger.totals.captured).toBeGreaterThan(0);
      expect(ledger.totals.refunded).toBe(ledger.totals.captured);
      expect(ledger.totals.capturable).toBe(0);
    },
  );

  it("offers only refunds under each authorisation once part of a deferred payment is captured and the rest cancelled", async () => {
    const vars = terminal("deferred");
    const order = await paidOrder(vars);
    const post = (kind: string, body: object) =>
      call(
        `/api/admin/orders/${order.reference}/${kind}`,
        {
          method: "POST",
          headers: { ...ADMIN, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        },
        vars,
      );
    expect((await post("capture", { amount: 1000 })).status).toBe(200);
    const { ledger } = (await adminOrder(order.reference, vars)).order;
    // A deferred payment takes one capture: the rest was released, nothing is left to cancel.
    expect(ledger.actions.map((a) => a.kind)).toEqual(["recredit"]);
    expect(ledger.actions[0]).toMatchObject({ kind: "recredit", payment: "order", max: 1000 });
    expect(ledger.totals).toMatchObject({ captured: 1000, released: order.total - 1000 });
  });
});
