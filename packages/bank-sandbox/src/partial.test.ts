import { describe, expect, it } from "vitest";
import {
  advanceDays,
  book,
  merchantOperations,
  open,
  pay,
  payOrder,
  sandboxPerTest,
  sealedForm,
} from "../test/harness.ts";
import { NO_AUTHENTICATION } from "./retour-fields.ts";

const env = sandboxPerTest();

describe("partial", () => {
  it("checks the card at order without an authorisation: payetest with no numauto, nothing in the books", async () => {
    const order = await payOrder(env.sandbox, "7654325", "v4");
    const retour = env.merchant.received[0];
    expect(retour?.["code-retour"]).toBe("payetest");
    expect(retour && "numauto" in retour).toBe(false);
    const { payments } = await book(env.sandbox, "7654325", order.reference);
    expect(payments).toMatchObject([
      {
        kind: "order",
        state: "open",
        authorised: 0,
        captured: 0,
        capturable: 10000,
        deadline: "2026-03-02T23:00:00.000Z",
        authorisations: [],
      },
    ]);
  });

  it("takes several captures, each under its own authorisation, until all is captured", async () => {
    const order = await payOrder(env.sandbox, "7654325", "v4");
    const ops = merchantOperations(env.sandbox, order);
    const first = await ops.capture(3000);
    await advanceDays(env.sandbox, 10);
    const second = await ops.capture(2000, 3000);
    const last = await ops.capture(5000, 5000);
    expect([first.lib, second.lib, last.lib]).toEqual(Array(3).fill("paiement accepte"));
    expect(new Set([first.aut, second.aut, last.aut]).size).toBe(3);
    const [payment] = (await book(env.sandbox, "7654325", order.reference)).payments;
    expect(payment?.state).toBe("captured");
    expect(payment?.authorisations.map((a) => [a.number, a.captured, a.capturedDay])).toEqual([
      [first.aut, 3000, "31/01/2026"],
      [second.aut, 2000, "10/02/2026"],
      [last.aut, 5000, "10/02/2026"],
    ]);
    expect((await ops.cancel(10000)).lib).toBe("paiement deja accepte");
  });

  it("refuses a capture whose authorisation the issuer refuses (autorisation refusee)", async () => {
    const order = await payOrder(env.sandbox, "7654325", "v4", { card: "4000000000000705" });
    const ops = merchantOperations(env.sandbox, order);
    expect((await ops.capture(3000)).lib).toBe("autorisation refusee");
    expect((await ops.capture(3000)).lib).toBe("autorisation refusee");
    const [payment] = (await book(env.sandbox, "7654325", order.reference)).payments;
    expect(payment).toMatchObject({ state: "open", captured: 0, refusals: 2, capturable: 10000 });
  });

  it("accepts the same capture tried again after one refusal (later-retry card)", async () => {
    const order = await payOrder(env.sandbox, "7654325", "v4", { card: "4000000000000804" });
    const ops = merchantOperations(env.sandbox, order);
    expect((await ops.capture(3000)).lib).toBe("autorisation refusee");
    expect((await ops.capture(3000)).lib).toBe("paiement accepte");
  });

  it("closes its window at midnight after the 30th day: the rest is released, captures are refused", async () => {
    const order = await payOrder(env.sandbox, "7654325", "v4");
    const ops = merchantOperations(env.sandbox, order);
    await ops.capture(4000);
    expect(await advanceDays(env.sandbox, 30)).toEqual([]);
    const events = await advanceDays(env.sandbox, 1);
    expect(events).toMatchObject([
      {
        kind: "window-closed",
        at: "2026-03-02T23:00:00.000Z",
        detail: "captured 4000, released 6000",
      },
    ]);
    expect((await ops.capture(1000, 4000)).lib).toBe("commande expiree");
    const { payments, totals } = await book(env.sandbox, "7654325", order.reference);
    expect(payments[0]).toMatchObject({ state: "closed", captured: 4000, released: 6000 });
    expect(totals).toMatchObject({ captured: 4000, capturable: 0 });
    expect(env.merchant.received).toHaveLength(1);
  });

  it("expires with nothing captured", async () => {
    const order = await payOrder(env.sandbox, "7654325", "v4");
    await advanceDays(env.sandbox, 40);
    const [payment] = (await book(env.sandbox, "7654325", order.reference)).payments;
    expect(payment).toMatchObject({ state: "expired", released: 10000 });
  });

  it("a cancel releases the rest and keeps what was captured, which stays refundable", async () => {
    const order = await payOrder(env.sandbox, "7654325", "v4");
    const ops = merchantOperations(env.sandbox, order);
    const capture = await ops.capture(2500);
    expect((await ops.cancel(2500)).lib).toBe("commande annulee");
    expect((await ops.cancel(2500)).lib).toBe("la commande est deja annulee");
    const [payment] = (await book(env.sandbox, "7654325", order.reference)).payments;
    expect(payment).toMatchObject({ state: "cancelled", captured: 2500, released: 7500 });
    const auth = payment?.authorisations[0];
    expect(auth?.number).toBe(capture.aut);
    expect((await ops.refund(auth as never, 2500)).lib).toBe("recredit effectue");
  });

  it("uses no 3-D Secure: the challenge card pays without a challenge", async () => {
    const fields = await sealedForm("7654325", "v4", { amount: 10000 });
    const page = await (
      await pay(env.sandbox, await open(env.sandbox, fields), "4000000000000309")
    ).text();
    expect(page).toContain('id="ticket"');
    expect(env.merchant.received[0]?.authentification).toBe(NO_AUTHENTICATION);
  });
});
