import { describe, expect, it } from "vitest";
import {
  json,
  merchantTerminal,
  open,
  pay,
  START,
  sandboxPerTest,
  sealedForm,
  service,
} from "../test/harness.ts";
import type { Transaction } from "./ledger.ts";
import type { TimelineEvent } from "./timeline.ts";

const DAY = 86_400_000;
const env = sandboxPerTest();

async function paid(tpe: string, format: "v3" | "v4", card = "4000000000000002", order = {}) {
  const fields = await sealedForm(tpe, format, { amount: 10000, ...order });
  await pay(env.sandbox, await open(env.sandbox, fields), card);
  return fields.reference ?? "";
}

function tx(tpe: string, reference: string) {
  return json<Transaction>(env.sandbox, `/_sandbox/transactions/${tpe}/${reference}`);
}

async function advanceDays(days: number) {
  const res = await env.sandbox.app.request("/_sandbox/clock", {
    method: "POST",
    body: JSON.stringify({ advanceDays: days }),
  });
  return (await res.json()) as { now: string; events: TimelineEvent[] };
}

async function capture(tpe: string, reference: string, amount: number, already: number) {
  const terminal = await merchantTerminal(tpe, "v4");
  const request = await terminal.captureRequest({
    reference,
    orderDate: new Date(START),
    amount: { minor: 10000, currency: "EUR" },
    capture: amount,
    alreadyCaptured: already,
    date: env.sandbox.clock.now(),
  });
  return service(env.sandbox, "capture", { ...request.fields });
}

describe("immediate", () => {
  it("is captured at once", async () => {
    const reference = await paid("7654321", "v4");
    const t = await tx("7654321", reference);
    expect(t.status).toBe("captured");
    expect(t.captured).toBe(10000);
    expect(t.remises).toHaveLength(1);
  });
});

describe("deferred", () => {
  it("waits for a capture, then is abandoned after the delay", async () => {
    const reference = await paid("7654324", "v4");
    expect((await tx("7654324", reference)).status).toBe("authorised");
    expect((await advanceDays(6)).events).toEqual([]);
    const { events } = await advanceDays(2);
    expect(events).toMatchObject([{ kind: "deferred-abandoned", reference }]);
    expect(events[0]?.at).toBe(new Date(START + 7 * DAY).toISOString());
    expect((await tx("7654324", reference)).status).toBe("abandoned");
  });

  it("is captured automatically on terminals set to auto-capture", async () => {
    const reference = await paid("7654327", "v3");
    const { events } = await advanceDays(3);
    expect(events).toMatchObject([{ kind: "deferred-captured" }]);
    const t = await tx("7654327", reference);
    expect(t.status).toBe("captured");
    expect(t.captured).toBe(10000);
  });

  it("a capture within the delay stops the timeline", async () => {
    const reference = await paid("7654324", "v4");
    await advanceDays(3);
    expect((await capture("7654324", reference, 10000, 0)).lib).toBe("paiement accepte");
    expect((await advanceDays(10)).events).toEqual([]);
  });
});

describe("partial", () => {
  it("takes several captures, each with its own authorisation, until the window closes", async () => {
    const reference = await paid("7654325", "v4");
    const first = await capture("7654325", reference, 3000, 0);
    expect(first.lib).toBe("paiement accepte");
    await advanceDays(10);
    const second = await capture("7654325", reference, 2000, 3000);
    expect(second.lib).toBe("paiement accepte");
    expect(second.aut).not.toBe(first.aut);
    expect((await tx("7654325", reference)).status).toBe("partially-captured");
    const { events } = await advanceDays(25);
    expect(events).toMatchObject([{ kind: "partial-expired", detail: "released 5000" }]);
    expect((await capture("7654325", reference, 1000, 5000)).lib).toBe("commande expiree");
    const t = await tx("7654325", reference);
    expect(t.captured).toBe(5000);
    expect(t.remises.map((r) => r.amount)).toEqual([3000, 2000]);
  });

  it("refuses later authorisations of a card that fails them", async () => {
    const reference = await paid("7654325", "v4", "4000000000000705");
    expect((await capture("7654325", reference, 3000, 0)).lib).toBe("paiement accepte");
    expect((await capture("7654325", reference, 3000, 3000)).lib).toBe("autorisation refusee");
    expect((await capture("7654325", reference, 7000, 3000)).lib).toBe("autorisation refusee");
  });

  it("accepts after one refusal with the retry card, and a final capture closes it", async () => {
    const reference = await paid("7654325", "v4", "4000000000000804");
    await capture("7654325", reference, 3000, 0);
    expect((await capture("7654325", reference, 3000, 3000)).lib).toBe("autorisation refusee");
    const lines = await capture("7654325", reference, 7000, 3000);
    expect(lines.lib).toBe("paiement accepte");
    expect((await tx("7654325", reference)).status).toBe("captured");
  });
});

describe("recurring", () => {
  it("renews monthly on the order's day (end of month kept) and notifies each renewal", async () => {
    const reference = await paid("7654326", "v4");
    const { events } = await advanceDays(100);
    expect(events.map((e) => e.kind)).toEqual([
      "renewal-accepted",
      "renewal-accepted",
      "renewal-accepted",
    ]);
    expect(events.map((e) => e.at.slice(0, 10))).toEqual([
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
    ]);
    const retours = env.merchant.received.filter((r) => r.reference === reference);
    expect(retours.map((r) => r["code-retour"])).toEqual([
      "payetest",
      "payetest",
      "payetest",
      "payetest",
    ]);
    expect(retours[1]?.date).toBe("28/02/2026_a_10:00:00");
    expect(new Set(retours.map((r) => r.numauto)).size).toBe(4);
    expect(retours[1]?.authentification).toBe("bnVsbAo=");
    const t = await tx("7654326", reference);
    expect(t.captured).toBe(40000);
    expect(t.recurrence).toMatchObject({ active: false, renewals: 3 });
  });

  it("notifies a refused renewal as Annulation and stops after stoprecurrence", async () => {
    const reference = await paid("7654326", "v4", "4000000000000705");
    await advanceDays(29);
    const refused = env.merchant.received.filter((r) => r.reference === reference).at(-1);
    expect(refused?.["code-retour"]).toBe("Annulation");
    expect(refused?.motifrefus).toBe("Refus");
    const terminal = await merchantTerminal("7654326", "v4");
    const stop = await terminal.stopRecurrenceRequest({
      reference,
      orderDate: new Date(START),
      amount: { minor: 10000, currency: "EUR" },
      date: env.sandbox.clock.now(),
    });
    expect((await service(env.sandbox, "capture", { ...stop.fields })).lib).toBe(
      "recurrence stoppee",
    );
    expect((await advanceDays(90)).events).toEqual([]);
  });
});

describe("split", () => {
  it("collects instalments 2–3 on their dates with paiement_pfN and montantech", async () => {
    const reference = await paid("7654323", "v4");
    const first = env.merchant.received[0];
    expect(first?.["code-retour"]).toBe("payetest");
    expect(first?.montantech).toBe("33.34EUR");
    const { events } = await advanceDays(70);
    expect(events.map((e) => [e.kind, e.at.slice(0, 10)])).toEqual([
      ["instalment-collected", "2026-02-28"],
      ["instalment-collected", "2026-03-31"],
    ]);
    const codes = env.merchant.received.map((r) => [r["code-retour"], r.montantech]);
    expect(codes).toEqual([
      ["payetest", "33.34EUR"],
      ["paiement_pf2", "33.33EUR"],
      ["paiement_pf3", "33.33EUR"],
    ]);
    const t = await tx("7654323", reference);
    expect(t.captured).toBe(10000);
    expect(t.schedule?.map((s) => s.day)).toEqual(["31/01/2026", "28/02/2026", "31/03/2026"]);
  });

  it("follows the merchant's schedule in v3 (4 instalments)", async () => {
    await paid("7654328", "v3", "4000000000000002", { split: { percentages: [40, 20, 20, 20] } });
    await advanceDays(100);
    expect(env.merchant.received.map((r) => `${r["code-retour"]} ${r.montantech}`)).toEqual([
      "payetest 40.00EUR",
      "paiement_pf2 20.00EUR",
      "paiement_pf3 20.00EUR",
      "paiement_pf4 20.00EUR",
    ]);
  });

  it("retries a refused instalment daily, then notifies Annulation_pfN", async () => {
    await paid("7654323", "v4", "4000000000000705");
    const { events } = await advanceDays(40);
    expect(events.map((e) => e.kind)).toEqual([
      "instalment-retry",
      "instalment-retry",
      "instalment-refused",
    ]);
    expect(events.map((e) => e.at.slice(0, 10))).toEqual([
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
    expect(env.merchant.received.map((r) => r["code-retour"])).toEqual([
      "payetest",
      "Annulation_pf2",
    ]);
    expect(env.merchant.received[1]?.motifrefus).toBe("Refus");
  });

  it("collects a refused instalment on its retry", async () => {
    await paid("7654323", "v4", "4000000000000804");
    const { events } = await advanceDays(35);
    expect(events.map((e) => [e.kind, e.at.slice(0, 10)])).toEqual([
      ["instalment-retry", "2026-02-28"],
      ["instalment-collected", "2026-03-01"],
    ]);
    expect(env.merchant.received.map((r) => r["code-retour"])).toEqual([
      "payetest",
      "paiement_pf2",
    ]);
  });

  it("a cancel stops the instalments still due", async () => {
    const reference = await paid("7654323", "v4");
    const terminal = await merchantTerminal("7654323", "v4");
    const request = await terminal.cancelRequest({
      reference,
      orderDate: new Date(START),
      amount: { minor: 10000, currency: "EUR" },
      alreadyCaptured: 3334,
      date: env.sandbox.clock.now(),
    });
    expect((await service(env.sandbox, "capture", { ...request.fields })).lib).toBe(
      "commande annulee",
    );
    expect((await advanceDays(90)).events).toEqual([]);
  });
});

describe("clock endpoint", () => {
  it("reports, advances by hours and jumps to a date, never backwards", async () => {
    const now = await json<{ now: string }>(env.sandbox, "/_sandbox/clock");
    expect(now.now).toBe(new Date(START).toISOString());
    const res = await env.sandbox.app.request("/_sandbox/clock", {
      method: "POST",
      body: JSON.stringify({ advanceHours: 2, advanceMinutes: 30 }),
    });
    expect(((await res.json()) as { now: string }).now).toBe(
      new Date(START + 2.5 * 3_600_000).toISOString(),
    );
    const back = await env.sandbox.app.request("/_sandbox/clock", {
      method: "POST",
      body: JSON.stringify({ to: "2020-01-01T00:00:00Z" }),
    });
    expect(((await back.json()) as { now: string }).now).toBe(
      new Date(START + 2.5 * 3_600_000).toISOString(),
    );
  });

  it("rejects bad input with a coded error", async () => {
    for (const body of ['{"advanceDays":-1}', '{"to":"never"}', "[1]"]) {
      const res = await env.sandbox.app.request("/_sandbox/clock", { method: "POST", body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "ERR_CONTROL_INVALID",
      );
    }
  });
});

describe("concurrent clock moves", () => {
  it("never runs an event twice", async () => {
    await paid("7654326", "v4");
    const results = await Promise.all([
      env.sandbox.advance(40 * DAY),
      env.sandbox.tick(),
      env.sandbox.advance(1 * DAY),
    ]);
    const renewals = results.flat().filter((e) => e.kind === "renewal-accepted");
    expect(renewals).toHaveLength(1);
    expect(env.merchant.received.map((r) => r["code-retour"])).toEqual(["payetest", "payetest"]);
  });
});
