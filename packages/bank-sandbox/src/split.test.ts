import { describe, expect, it } from "vitest";
import {
  advanceDays,
  book,
  merchantOperations,
  open,
  pay,
  payOrder,
  post,
  reseal,
  sandboxPerTest,
  sealedForm,
} from "../test/harness.ts";
import { NO_AUTHENTICATION } from "./retour-fields.ts";

const env = sandboxPerTest();

function retours() {
  return env.merchant.received.map((r) => [r["code-retour"], r.date?.slice(0, 10), r.montantech]);
}

describe("split: the first instalment", () => {
  it("is authorised at order (numauto, montantech) and captured by the merchant like a deferred payment", async () => {
    const order = await payOrder(env.sandbox, "7654323", "v4");
    expect(env.merchant.received[0]).toMatchObject({
      "code-retour": "payetest",
      montantech: "33.34EUR",
    });
    const numauto = env.merchant.received[0]?.numauto;
    const before = await book(env.sandbox, "7654323", order.reference);
    expect(
      before.payments.map((p) => [p.index, p.day, p.amount, p.state, p.authorised, p.captured]),
    ).toEqual([
      [1, "31/01/2026", 3334, "authorised", 3334, 0],
      [2, "28/02/2026", 3333, "scheduled", 0, 0],
      [3, "31/03/2026", 3333, "scheduled", 0, 0],
    ]);
    expect(before.payments[0]?.deadline).toBe("2026-02-10T23:00:00.000Z");
    const ops = merchantOperations(env.sandbox, order);
    // montant is the order's total; montant_restant what is left of it.
    expect((await ops.capture(3335)).lib).toBe("montant errone");
    const capture = await ops.capture(3334);
    expect(capture).toMatchObject({ cdr: "1", lib: "paiement accepte", aut: numauto });
    expect((await ops.capture(3334)).lib).toBe("montant errone");
    expect((await ops.capture(3333, 3334)).lib).toBe("paiement deja accepte");
    const after = await book(env.sandbox, "7654323", order.reference);
    expect(after.payments[0]).toMatchObject({ state: "captured", captured: 3334 });
    expect(after.payments[0]?.authorisations[0]?.capturedDay).toBe("31/01/2026");
  });

  it("is abandoned without a capture at the end of the delay, and the instalments with it (our choice)", async () => {
    const order = await payOrder(env.sandbox, "7654323", "v4");
    const events = await advanceDays(env.sandbox, 70);
    expect(events).toMatchObject([
      {
        kind: "deferred-abandoned",
        payment: "instalment 1",
        at: "2026-02-10T23:00:00.000Z",
        detail: "2 instalments cancelled",
      },
    ]);
    const { payments, totals } = await book(env.sandbox, "7654323", order.reference);
    expect(payments.map((p) => p.state)).toEqual(["abandoned", "cancelled", "cancelled"]);
    expect(totals).toMatchObject({ captured: 0, released: 10000 });
    expect((await merchantOperations(env.sandbox, order).capture(3334)).lib).toBe(
      "commande expiree",
    );
    expect(env.merchant.received).toHaveLength(1);
  });

  it("is captured by the bank at the end of the delay on a terminal set to", async () => {
    const order = await payOrder(env.sandbox, "7654333", "v4");
    const events = await advanceDays(env.sandbox, 3);
    expect(events).toMatchObject([
      { kind: "deferred-captured", payment: "instalment 1", at: "2026-02-02T23:00:00.000Z" },
    ]);
    const [first] = (await book(env.sandbox, "7654333", order.reference)).payments;
    expect(first).toMatchObject({ state: "captured", captured: 5000 });
  });
});

describe("split: instalments 2–4", () => {
  it("are authorised and captured on their anniversary days, each with its Retour, numauto and montantech", async () => {
    const order = await payOrder(env.sandbox, "7654323", "v4");
    await merchantOperations(env.sandbox, order).capture(3334);
    const events = await advanceDays(env.sandbox, 70);
    expect(events.map((e) => [e.kind, e.payment, e.at.slice(0, 10)])).toEqual([
      ["instalment-collected", "instalment 2", "2026-02-28"],
      ["instalment-collected", "instalment 3", "2026-03-31"],
    ]);
    expect(retours()).toEqual([
      ["payetest", "31/01/2026", "33.34EUR"],
      ["paiement_pf2", "28/02/2026", "33.33EUR"],
      ["paiement_pf3", "31/03/2026", "33.33EUR"],
    ]);
    const { payments, totals } = await book(env.sandbox, "7654323", order.reference);
    expect(payments.map((p) => [p.state, p.captured, p.authorisations[0]?.capturedDay])).toEqual([
      ["captured", 3334, "31/01/2026"],
      ["captured", 3333, "28/02/2026"],
      ["captured", 3333, "31/03/2026"],
    ]);
    expect(payments.map((p) => p.authorisations[0]?.number)).toEqual(
      env.merchant.received.map((r) => r.numauto),
    );
    expect(totals).toEqual({
      authorised: 10000,
      captured: 10000,
      refunded: 0,
      released: 0,
      capturable: 0,
    });
  });

  it("fall on the fixed day (the 15th after an order of the 31st) in the terminal's percentages", async () => {
    const order = await payOrder(env.sandbox, "7654330", "v4");
    expect(env.merchant.received[0]?.montantech).toBe("20.00EUR");
    const { payments } = await book(env.sandbox, "7654330", order.reference);
    expect(payments.map((p) => [p.day, p.amount])).toEqual([
      ["31/01/2026", 2000],
      ["15/02/2026", 3000],
      ["15/03/2026", 5000],
    ]);
  });

  it("follow the schedule the merchant posts (v3, 4 instalments)", async () => {
    const order = await payOrder(env.sandbox, "7654328", "v3", {
      order: { split: { percentages: [40, 20, 20, 20] } },
    });
    await merchantOperations(env.sandbox, order).capture(4000);
    await advanceDays(env.sandbox, 100);
    expect(env.merchant.received.map((r) => `${r["code-retour"]} ${r.montantech}`)).toEqual([
      "payetest 40.00EUR",
      "paiement_pf2 20.00EUR",
      "paiement_pf3 20.00EUR",
      "paiement_pf4 20.00EUR",
    ]);
  });

  it("take posted dates only on the terminal's day rule", async () => {
    const anniversary = await sealedForm("7654330", "v4", { amount: 10000, split: { count: 3 } });
    const refused = await post(env.sandbox, "/test/paiement.cgi", anniversary);
    expect(refused.headers.get("x-sandbox-error")).toBe("ERR_SCHEDULE_INVALID");
    expect(await refused.text()).toContain("15/02/2026");
    const fixed = await sealedForm("7654330", "v4", {
      amount: 10000,
      split: { count: 3, dayRule: "fixed" },
    });
    expect((await post(env.sandbox, "/test/paiement.cgi", fixed)).status).toBe(303);
    const onAnniversaryTerminal = await reseal({ ...fixed, TPE: "7654323" }, "v4");
    expect(
      (await post(env.sandbox, "/test/paiement.cgi", onAnniversaryTerminal)).headers.get(
        "x-sandbox-error",
      ),
    ).toBe("ERR_SCHEDULE_INVALID");
  });

  it("retry a refused instalment 4 times, 3 days apart, then Annulation_pfN and the rest cancelled", async () => {
    const order = await payOrder(env.sandbox, "7654323", "v4", { card: "4000000000000705" });
    await merchantOperations(env.sandbox, order).capture(3334);
    const events = await advanceDays(env.sandbox, 70);
    expect(events.map((e) => [e.kind, e.at.slice(0, 10), e.detail])).toEqual([
      ["instalment-retry", "2026-02-28", "attempt 1"],
      ["instalment-retry", "2026-03-03", "attempt 2"],
      ["instalment-retry", "2026-03-06", "attempt 3"],
      ["instalment-refused", "2026-03-09", "Refus emetteur; remaining cancelled"],
    ]);
    expect(retours()).toEqual([
      ["payetest", "31/01/2026", "33.34EUR"],
      ["Annulation_pf2", "09/03/2026", "33.33EUR"],
    ]);
    expect(env.merchant.received[1]).toMatchObject({
      motifrefus: "Refus",
      motifrefusautorisation: "Refus emetteur",
    });
    const { payments } = await book(env.sandbox, "7654323", order.reference);
    expect(payments.map((p) => [p.state, p.attempts, p.released])).toEqual([
      ["captured", 0, 0],
      ["refused", 4, 3333],
      ["cancelled", 0, 3333],
    ]);
  });

  it("collect a refused instalment on its next attempt", async () => {
    const order = await payOrder(env.sandbox, "7654323", "v4", { card: "4000000000000804" });
    await merchantOperations(env.sandbox, order).capture(3334);
    const events = await advanceDays(env.sandbox, 35);
    expect(events.map((e) => [e.kind, e.at.slice(0, 10)])).toEqual([
      ["instalment-retry", "2026-02-28"],
      ["instalment-collected", "2026-03-03"],
    ]);
    expect(retours().map(([code]) => code)).toEqual(["payetest", "paiement_pf2"]);
  });

  it("carry a refused instalment's amount over to the next on terminals set to", async () => {
    const order = await payOrder(env.sandbox, "7654330", "v4", { card: "4000000000001000" });
    await merchantOperations(env.sandbox, order).capture(2000);
    const events = await advanceDays(env.sandbox, 60);
    expect(events.map((e) => [e.kind, e.payment, e.at.slice(0, 10)])).toEqual([
      ["instalment-retry", "instalment 2", "2026-02-15"],
      ["instalment-retry", "instalment 2", "2026-02-18"],
      ["instalment-retry", "instalment 2", "2026-02-21"],
      ["instalment-refused", "instalment 2", "2026-02-24"],
      ["instalment-collected", "instalment 3", "2026-03-15"],
    ]);
    expect(retours()).toEqual([
      ["payetest", "31/01/2026", "20.00EUR"],
      ["Annulation_pf2", "24/02/2026", "30.00EUR"],
      ["paiement_pf3", "15/03/2026", "80.00EUR"],
    ]);
    const { payments, totals } = await book(env.sandbox, "7654330", order.reference);
    expect(payments.map((p) => [p.state, p.amount, p.captured, p.released])).toEqual([
      ["captured", 2000, 2000, 0],
      ["carried-over", 3000, 0, 3000],
      ["captured", 8000, 8000, 0],
    ]);
    expect(totals.captured).toBe(10000);
  });

  it("cancel every remaining instalment after a critical refusal (card lost), at the first attempt", async () => {
    const order = await payOrder(env.sandbox, "7654330", "v4", { card: "4000000000001109" });
    await merchantOperations(env.sandbox, order).capture(2000);
    const events = await advanceDays(env.sandbox, 60);
    expect(
      events.filter((e) => e.kind.startsWith("instalment")).map((e) => [e.kind, e.detail]),
    ).toEqual([["instalment-refused", "Refus critique; remaining cancelled"]]);
    expect(env.merchant.received[1]).toMatchObject({
      "code-retour": "Annulation_pf2",
      motifrefus: "Interdit",
      motifrefusautorisation: "Refus critique",
    });
    const { payments } = await book(env.sandbox, "7654330", order.reference);
    expect(payments.map((p) => p.state)).toEqual(["captured", "refused", "cancelled"]);
  });
});

describe("split: merchant operations", () => {
  it("a cancel before the first capture cancels the first instalment and the rest", async () => {
    const order = await payOrder(env.sandbox, "7654323", "v4");
    expect((await merchantOperations(env.sandbox, order).cancel()).lib).toBe("commande annulee");
    const { payments } = await book(env.sandbox, "7654323", order.reference);
    expect(payments.map((p) => p.state)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(await advanceDays(env.sandbox, 90)).toEqual([]);
  });

  it("a cancel after instalment 2 cancels instalment 3 only; montant_deja_capture counts every instalment", async () => {
    const order = await payOrder(env.sandbox, "7654323", "v4");
    const ops = merchantOperations(env.sandbox, order);
    await ops.capture(3334);
    await advanceDays(env.sandbox, 30);
    expect((await ops.cancel(3334)).lib).toBe("montant errone");
    expect((await ops.cancel(6667)).lib).toBe("commande annulee");
    expect((await ops.cancel(6667)).lib).toBe("la commande est deja annulee");
    const { payments } = await book(env.sandbox, "7654323", order.reference);
    expect(payments.map((p) => p.state)).toEqual(["captured", "captured", "cancelled"]);
  });

  it("refunds an instalment under its own authorisation and collection day", async () => {
    const order = await payOrder(env.sandbox, "7654323", "v4");
    const ops = merchantOperations(env.sandbox, order);
    await ops.capture(3334);
    await advanceDays(env.sandbox, 30);
    const second = (await book(env.sandbox, "7654323", order.reference)).payments[1]
      ?.authorisations[0];
    expect(second).toMatchObject({ captured: 3333, capturedDay: "28/02/2026", refundable: 3333 });
    expect((await ops.refund(second as never, 3333)).lib).toBe("recredit effectue");
    const after = (await book(env.sandbox, "7654323", order.reference)).payments;
    expect(after.map((p) => p.refunded)).toEqual([0, 3333, 0]);
  });

  it("uses no 3-D Secure", async () => {
    const fields = await sealedForm("7654323", "v4", { amount: 10000 });
    await pay(env.sandbox, await open(env.sandbox, fields), "4000000000000309");
    expect(env.merchant.received[0]).toMatchObject({
      "code-retour": "payetest",
      authentification: NO_AUTHENTICATION,
    });
  });
});
