import { describe, expect, it } from "vitest";
import {
  advanceDays,
  book,
  merchantOperations,
  payOrder,
  START,
  sandboxPerTest,
} from "../test/harness.ts";

const env = sandboxPerTest();
const DAY = 86_400_000;

describe("immediate", () => {
  it("authorises and captures the total at order, under the Retour's numauto", async () => {
    const order = await payOrder(env.sandbox, "7654321", "v4");
    const { payments, totals } = await book(env.sandbox, "7654321", order.reference);
    expect(payments).toMatchObject([
      { kind: "order", state: "captured", authorised: 10000, captured: 10000, deadline: null },
    ]);
    expect(payments[0]?.authorisations).toEqual([
      {
        number: env.merchant.received[0]?.numauto,
        at: new Date(START).toISOString(),
        authorised: 10000,
        captured: 10000,
        capturedDay: "31/01/2026",
        refunded: 0,
        refundable: 10000,
      },
    ]);
    expect(totals).toEqual({
      authorised: 10000,
      captured: 10000,
      refunded: 0,
      released: 0,
      capturable: 0,
    });
  });

  it("takes neither capture nor cancel (verification echouee), only refunds", async () => {
    const order = await payOrder(env.sandbox, "7654321", "v4");
    const ops = merchantOperations(env.sandbox, order);
    expect((await ops.capture(10000)).lib).toBe("verification echouee (mode de paiement)");
    expect((await ops.cancel()).lib).toBe("verification echouee (mode de paiement)");
    const [auth] =
      (await book(env.sandbox, "7654321", order.reference)).payments[0]?.authorisations ?? [];
    expect((await ops.refund(auth as never, 2500)).lib).toBe("recredit effectue");
  });
});

describe("deferred", () => {
  it("authorises at order and waits 7 working days for the capture (Sat 31/01 → end of Tue 10/02)", async () => {
    const order = await payOrder(env.sandbox, "7654324", "v4");
    const [payment] = (await book(env.sandbox, "7654324", order.reference)).payments;
    expect(payment).toMatchObject({
      state: "authorised",
      authorised: 10000,
      captured: 0,
      capturable: 10000,
      deadline: "2026-02-10T23:00:00.000Z",
    });
    expect(payment?.authorisations[0]?.number).toBe(env.merchant.received[0]?.numauto);
  });

  it("is abandoned at the end of the delay, without a notification, and can no longer be captured", async () => {
    const order = await payOrder(env.sandbox, "7654324", "v4");
    // Nine calendar days later it is still the 7th working day (Tuesday 10 February).
    expect(await advanceDays(env.sandbox, 10.5)).toEqual([]);
    const events = await advanceDays(env.sandbox, 0.5);
    expect(events).toMatchObject([
      { kind: "deferred-abandoned", at: "2026-02-10T23:00:00.000Z", payment: "order" },
    ]);
    const { payments } = await book(env.sandbox, "7654324", order.reference);
    expect(payments[0]).toMatchObject({ state: "abandoned", released: 10000, capturable: 0 });
    expect((await merchantOperations(env.sandbox, order).capture(10000)).lib).toBe(
      "commande expiree",
    );
    expect(env.merchant.received).toHaveLength(1);
  });

  it("is captured by the bank at the end of the delay on a terminal set to, without a notification", async () => {
    const order = await payOrder(env.sandbox, "7654327", "v3");
    // Two working days after Saturday: Tuesday 3 February ends at midnight.
    const events = await advanceDays(env.sandbox, 5);
    expect(events).toMatchObject([{ kind: "deferred-captured", at: "2026-02-03T23:00:00.000Z" }]);
    const [payment] = (await book(env.sandbox, "7654327", order.reference)).payments;
    expect(payment).toMatchObject({ state: "captured", captured: 10000 });
    expect(payment?.authorisations[0]?.capturedDay).toBe("04/02/2026");
    expect(env.merchant.received).toHaveLength(1);
  });

  it("takes one capture of the total or less; the rest is released (our choice)", async () => {
    const order = await payOrder(env.sandbox, "7654324", "v4");
    const ops = merchantOperations(env.sandbox, order);
    await advanceDays(env.sandbox, 3);
    const first = await ops.capture(6200);
    expect(first).toMatchObject({ cdr: "1", lib: "paiement accepte" });
    expect(first.aut).toBe(env.merchant.received[0]?.numauto);
    expect((await ops.capture(3800, 6200)).lib).toBe("paiement deja accepte");
    expect((await ops.cancel(6200)).lib).toBe("paiement deja accepte");
    const { payments, totals } = await book(env.sandbox, "7654324", order.reference);
    expect(payments[0]).toMatchObject({ state: "captured", captured: 6200, released: 3800 });
    expect(payments[0]?.authorisations[0]?.capturedDay).toBe("03/02/2026");
    expect(totals.capturable).toBe(0);
    expect(await advanceDays(env.sandbox, 20)).toEqual([]);
  });

  it("is cancelled before its capture (commande annulee), then refuses everything", async () => {
    const order = await payOrder(env.sandbox, "7654324", "v4");
    const ops = merchantOperations(env.sandbox, order);
    expect((await ops.cancel()).lib).toBe("commande annulee");
    expect((await ops.capture(10000)).lib).toBe("la commande est deja annulee");
    const [payment] = (await book(env.sandbox, "7654324", order.reference)).payments;
    expect(payment).toMatchObject({ state: "cancelled", released: 10000, captured: 0 });
    expect(await advanceDays(env.sandbox, 20)).toEqual([]);
  });

  it("refunds what was captured, under the order's authorisation and the capture's day", async () => {
    const order = await payOrder(env.sandbox, "7654324", "v4");
    const ops = merchantOperations(env.sandbox, order);
    await env.sandbox.advance(2 * DAY);
    await ops.capture(8000);
    const auth = (await book(env.sandbox, "7654324", order.reference)).payments[0]
      ?.authorisations[0];
    expect(auth).toMatchObject({ captured: 8000, capturedDay: "02/02/2026", refundable: 8000 });
    expect((await ops.refund(auth as never, 3000)).lib).toBe("recredit effectue");
    const after = (await book(env.sandbox, "7654324", order.reference)).payments[0];
    expect(after).toMatchObject({ refunded: 3000 });
    expect(after?.authorisations[0]?.refundable).toBe(5000);
  });
});
