import { beforeEach, describe, expect, it } from "vitest";
import { ADMIN, accepted, adminOrder, bank, call, checkout, postRetour } from "../test/helpers.ts";
import { orderActions } from "./actions.ts";
import type { OrderRow, OrderStatus } from "./db/orders.ts";

function order(ledger: Partial<OrderRow> & { status: OrderStatus }): OrderRow {
  return {
    reference: "ABC123DEF456",
    total: 2798,
    currency: "EUR",
    captured_amount: 0,
    authorised_remaining: 0,
    refunded_amount: 0,
    authorisation_number: "123456",
    capture_date: null,
    recurrence_stopped: 0,
    ...ledger,
  } as OrderRow;
}

describe("orderActions", () => {
  it("offers nothing on an order that is not paid", () => {
    for (const status of ["pending", "refused", "anomaly", "cancelled"] as const) {
      for (const mode of ["immediate", "deferred", "split"] as const) {
        expect(orderActions(mode, order({ status }))).toEqual([]);
      }
    }
  });

  it("offers only a refund of everything captured on an immediate payment", () => {
    const paid = order({ status: "paid", captured_amount: 2798, capture_date: "2026-11-30" });
    expect(orderActions("immediate", paid)).toEqual([
      { kind: "recredit", amount: 2798, max: 2798, partial: true },
    ]);
    expect(orderActions("immediate", { ...paid, refunded_amount: 798, status: "paid" })).toEqual([
      { kind: "recredit", amount: 2000, max: 2000, partial: true },
    ]);
    expect(
      orderActions("immediate", { ...paid, refunded_amount: 2798, status: "refunded" }),
    ).toEqual([]);
  });

  it("offers capture (partial allowed) and cancel on an authorised deferred payment, no refund yet", () => {
    expect(orderActions("deferred", order({ status: "paid", authorised_remaining: 2798 }))).toEqual(
      [
        { kind: "capture", amount: 2798, max: 2798, partial: true },
        { kind: "cancel", amount: 2798, max: 2798, partial: false },
      ],
    );
  });

  it("offers the rest of a partly captured deferred payment and the refund of what was captured", () => {
    const partly = order({
      status: "captured",
      captured_amount: 1000,
      authorised_remaining: 1798,
      capture_date: "2026-11-30",
    });
    expect(orderActions("deferred", partly)).toEqual([
      { kind: "capture", amount: 1798, max: 1798, partial: true },
      { kind: "cancel", amount: 1798, max: 1798, partial: false },
      { kind: "recredit", amount: 1000, max: 1000, partial: true },
    ]);
  });

  it("never offers cancel on immediate or split terminals, nor stop recurrence anywhere", () => {
    const authorised = order({ status: "paid", authorised_remaining: 2798 });
    for (const mode of ["immediate", "split"] as const) {
      const kinds = orderActions(mode, authorised).map((a) => a.kind);
      expect(kinds).not.toContain("cancel");
      expect(kinds).not.toContain("capture");
    }
    for (const mode of ["immediate", "deferred", "split"] as const) {
      expect(orderActions(mode, authorised).map((a) => a.kind)).not.toContain("stop-recurrence");
    }
  });
});

describe("GET /api/admin/orders/:reference actions", () => {
  beforeEach(() => bank.reset());
  const DEFERRED = { PAYMENT_MODE: "deferred" };

  async function paid(overrides = {}) {
    const { order } = await checkout({}, overrides);
    await postRetour(await accepted(order.reference, order.total), overrides);
    return order;
  }

  async function actionsOf(reference: string, overrides = {}) {
    const response = await call(`/api/admin/orders/${reference}`, { headers: ADMIN }, overrides);
    return ((await response.json()) as { actions: { kind: string; amount: number }[] }).actions;
  }

  it("lists none for a pending order, and none while the terminal's variables are invalid", async () => {
    const { order } = await checkout();
    expect(await actionsOf(order.reference)).toEqual([]);
    const deferred = await paid(DEFERRED);
    expect(await actionsOf(deferred.reference, { ...DEFERRED, MAC_FORMAT: "v9" })).toEqual([]);
  });

  it("offers only what the worker then accepts, step by step, until nothing is left", async () => {
    const order = await paid(DEFERRED);
    const done: string[] = [];
    let actions = await actionsOf(order.reference, DEFERRED);
    for (let step = 0; actions.length > 0 && step < 30; step++) {
      // Rotate through the offers, with half the amount when a partial one is allowed, to walk through
      // many ledger states: partial captures, partial refunds, the cancel of the rest.
      const action = actions[step % actions.length] as {
        kind: string;
        amount: number;
        partial: boolean;
      };
      const amount = action.partial && action.amount > 1 ? Math.ceil(action.amount / 2) : undefined;
      const response = await call(
        `/api/admin/orders/${order.reference}/${action.kind}`,
        {
          method: "POST",
          headers: { ...ADMIN, "Content-Type": "application/json" },
          body: JSON.stringify(amount === undefined ? {} : { amount }),
        },
        DEFERRED,
      );
      expect(response.status, `${done.join(", ")} then ${action.kind} ${amount}`).toBe(200);
      done.push(action.kind);
      actions = await actionsOf(order.reference, DEFERRED);
    }
    expect(actions).toEqual([]);
    expect(new Set(done)).toEqual(new Set(["capture", "cancel", "recredit"]));
    const { order: final } = await adminOrder(order.reference, DEFERRED);
    expect(final.ledger.authorisedRemaining).toBe(0);
    expect(final.ledger.refunded).toBe(final.ledger.captured);
  });

  it("offers cancel then refund only, after the merchant captured part of a deferred payment", async () => {
    const order = await paid(DEFERRED);
    await call(
      `/api/admin/orders/${order.reference}/capture`,
      {
        method: "POST",
        headers: { ...ADMIN, "Content-Type": "application/json" },
        body: JSON.stringify({ amount: 1000 }),
      },
      DEFERRED,
    );
    const cancel = await call(
      `/api/admin/orders/${order.reference}/cancel`,
      { method: "POST", headers: ADMIN },
      DEFERRED,
    );
    expect(cancel.status).toBe(200);
    expect(await actionsOf(order.reference, DEFERRED)).toEqual([
      { kind: "recredit", amount: 1000, max: 1000, partial: true },
    ]);
  });
});
