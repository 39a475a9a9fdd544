import { describe, expect, it } from "vitest";
import {
  advanceDays,
  book,
  json,
  merchantOperations,
  open,
  pay,
  payOrder,
  sandboxPerTest,
  sealedForm,
} from "../test/harness.ts";
import type { RenewalSummary } from "./ledger.ts";
import { NO_AUTHENTICATION } from "./retour-fields.ts";

const env = sandboxPerTest();
const day = (text: string) => {
  const [d, m, y] = text.split("/").map(Number);
  return { year: y ?? 0, month: m ?? 0, day: d ?? 0 };
};

function codes(reference: string) {
  return env.merchant.received
    .filter((r) => r.reference === reference)
    .map((r) => [r["code-retour"], r.date?.slice(0, 10), r.numauto ?? ""]);
}

describe("recurring", () => {
  it("leaves the first payment to the merchant: no authorisation at order, no automatic capture", async () => {
    const order = await payOrder(env.sandbox, "7654326", "v4");
    expect(env.merchant.received[0]).toMatchObject({ "code-retour": "payetest" });
    expect(env.merchant.received[0]?.numauto).toBeUndefined();
    const before = await book(env.sandbox, "7654326", order.reference);
    expect(before.payments).toMatchObject([
      {
        kind: "order",
        state: "open",
        capturable: 10000,
        autoCaptureAt: null,
        deadline: "2026-02-27T23:00:00.000Z",
      },
    ]);
    expect(before.recurrence).toEqual({
      active: true,
      renewals: 0,
      nextAt: "2026-02-28T09:00:00.000Z",
    });
    const first = await merchantOperations(env.sandbox, order).capture(10000);
    expect(first.lib).toBe("paiement accepte");
    const after = await book(env.sandbox, "7654326", order.reference);
    expect(after.payments[0]).toMatchObject({ state: "captured", captured: 10000 });
    expect(after.payments[0]?.authorisations[0]?.number).toBe(first.aut);
  });

  it("renews monthly on the anniversary (31/01 → 28/02 → 31/03 → 30/04), captured by the bank with a Retour each, up to its maximum", async () => {
    const order = await payOrder(env.sandbox, "7654326", "v4");
    const events = await advanceDays(env.sandbox, 120);
    expect(
      events
        .filter((e) => e.kind !== "window-closed")
        .map((e) => [e.kind, e.payment, e.at.slice(0, 10)]),
    ).toEqual([
      ["renewal-created", "renewal 1", "2026-02-28"],
      ["renewal-captured", "renewal 1", "2026-02-28"],
      ["renewal-created", "renewal 2", "2026-03-31"],
      ["renewal-captured", "renewal 2", "2026-03-31"],
      ["renewal-created", "renewal 3", "2026-04-30"],
      ["renewal-captured", "renewal 3", "2026-04-30"],
    ]);
    const retours = codes(order.reference);
    expect(retours.map(([code, date]) => [code, date])).toEqual([
      ["payetest", "31/01/2026"],
      ["payetest", "28/02/2026"],
      ["payetest", "31/03/2026"],
      ["payetest", "30/04/2026"],
    ]);
    const renewalRetour = env.merchant.received[1];
    expect(renewalRetour?.authentification).toBe(NO_AUTHENTICATION);
    const { payments, recurrence } = await book(env.sandbox, "7654326", order.reference);
    expect(recurrence).toEqual({ active: false, renewals: 3, nextAt: null });
    expect(payments.map((p) => [p.kind, p.index, p.day, p.state, p.captured])).toEqual([
      ["order", 0, "31/01/2026", "expired", 0],
      ["renewal", 1, "28/02/2026", "captured", 10000],
      ["renewal", 2, "31/03/2026", "captured", 10000],
      ["renewal", 3, "30/04/2026", "captured", 10000],
    ]);
    expect(payments.slice(1).map((p) => p.authorisations[0]?.number)).toEqual(
      retours.slice(1).map(([, , numauto]) => numauto),
    );
  });

  it("renews quarterly on a given day and captures at the end of the period unless the merchant did", async () => {
    const order = await payOrder(env.sandbox, "7654331", "v4");
    await merchantOperations(env.sandbox, order).capture(10000);
    // Renewal 1 on 05/04/2026 (quarterly, day 5); the period's last day is 04/07/2026.
    const events = await advanceDays(env.sandbox, 160);
    expect(
      events.filter((e) => e.payment === "renewal 1").map((e) => [e.kind, e.at.slice(0, 10)]),
    ).toEqual([
      ["renewal-created", "2026-04-05"],
      ["renewal-captured", "2026-07-04"],
    ]);
    const renewal2 = (await book(env.sandbox, "7654331", order.reference)).payments[2];
    expect(renewal2).toMatchObject({
      day: "05/07/2026",
      state: "open",
      autoCaptureAt: "2026-10-04T08:00:00.000Z",
    });
    // The merchant captures part of renewal 2 by hand: the bank will not capture it at the period's end.
    const ops = merchantOperations(env.sandbox, order);
    expect((await ops.capture(4000, 0, day("05/07/2026"))).lib).toBe("paiement accepte");
    const later = await advanceDays(env.sandbox, 100);
    expect(later.filter((e) => e.payment === "renewal 2").map((e) => e.kind)).toEqual([
      "window-closed",
    ]);
    const closed = (await book(env.sandbox, "7654331", order.reference)).payments[2];
    expect(closed).toMatchObject({ state: "closed", captured: 4000, released: 6000 });
  });

  it("leaves renewals to the merchant on manual terminals: captured by date_commande = the renewal's day, expired otherwise", async () => {
    const order = await payOrder(env.sandbox, "7654332", "v3");
    const ops = merchantOperations(env.sandbox, order);
    await ops.capture(10000);
    await advanceDays(env.sandbox, 29);
    expect(codes(order.reference)).toHaveLength(1);
    const renewal = await ops.capture(10000, 0, day("28/02/2026"));
    expect(renewal.lib).toBe("paiement accepte");
    expect((await ops.cancel(10000, day("28/02/2026"))).lib).toBe("paiement deja accepte");
    expect((await ops.capture(10000, 0, day("27/02/2026"))).lib).toBe("commande non authentifiee");
    await advanceDays(env.sandbox, 60);
    const { payments } = await book(env.sandbox, "7654332", order.reference);
    expect(payments.map((p) => [p.day, p.state, p.captured])).toEqual([
      ["31/01/2026", "captured", 10000],
      ["28/02/2026", "captured", 10000],
      ["31/03/2026", "expired", 0],
      ["30/04/2026", "open", 0],
    ]);
    const auth = payments[1]?.authorisations[0];
    expect(auth?.number).toBe(renewal.aut);
    expect((await ops.refund(auth as never, 1000, day("28/02/2026"))).lib).toBe(
      "recredit effectue",
    );
    expect((await ops.refund(auth as never, 1000)).lib).toBe("le paiement est inexistant");
  });

  it("notifies a refused renewal as Annulation and leaves it open for the merchant until the period ends", async () => {
    const order = await payOrder(env.sandbox, "7654326", "v4", { card: "4000000000000804" });
    const events = await advanceDays(env.sandbox, 29);
    expect(events.map((e) => [e.kind, e.payment])).toContainEqual(["renewal-refused", "renewal 1"]);
    const refused = env.merchant.received.at(-1);
    expect(refused).toMatchObject({
      "code-retour": "Annulation",
      motifrefus: "Refus",
      motifrefusautorisation: "Refus emetteur",
    });
    const ops = merchantOperations(env.sandbox, order);
    expect((await ops.capture(10000, 0, day("28/02/2026"))).lib).toBe("paiement accepte");
  });

  it("stops renewing after a critical refusal (card lost: our choice)", async () => {
    const order = await payOrder(env.sandbox, "7654326", "v4", { card: "4000000000001109" });
    await advanceDays(env.sandbox, 100);
    expect(env.merchant.received.at(-1)).toMatchObject({
      motifrefus: "Interdit",
      motifrefusautorisation: "Refus critique",
    });
    const { recurrence, payments } = await book(env.sandbox, "7654326", order.reference);
    expect(recurrence).toEqual({ active: false, renewals: 1, nextAt: null });
    expect(payments).toHaveLength(2);
  });

  it("stops at any time (recurrence stoppee); the renewals already made stay", async () => {
    const order = await payOrder(env.sandbox, "7654326", "v4");
    await advanceDays(env.sandbox, 29);
    const ops = merchantOperations(env.sandbox, order);
    expect((await ops.stop()).lib).toBe("recurrence stoppee");
    expect((await ops.stop()).lib).toBe("la commande est deja annulee");
    expect(
      (await advanceDays(env.sandbox, 90)).filter((e) => e.kind === "renewal-created"),
    ).toEqual([]);
    const { recurrence, payments } = await book(env.sandbox, "7654326", order.reference);
    expect(recurrence).toEqual({ active: false, renewals: 1, nextAt: null });
    expect(payments[1]).toMatchObject({ state: "captured", captured: 10000 });
  });

  it("summarises each renewal at the end of its period", async () => {
    const order = await payOrder(env.sandbox, "7654332", "v3");
    await advanceDays(env.sandbox, 60);
    const summaries = await json<RenewalSummary[]>(
      env.sandbox,
      `/_sandbox/summaries?reference=${order.reference}`,
    );
    expect(summaries.map((s) => [s.renewal, s.day, s.at, s.captured, s.state])).toEqual([
      [1, "28/02/2026", "2026-03-30T22:00:00.000Z", 0, "expired"],
    ]);
  });

  it("uses no 3-D Secure", async () => {
    const fields = await sealedForm("7654326", "v4", { amount: 10000 });
    const page = await (
      await pay(env.sandbox, await open(env.sandbox, fields), "4000000000000309")
    ).text();
    expect(page).toContain('id="ticket"');
  });
});
