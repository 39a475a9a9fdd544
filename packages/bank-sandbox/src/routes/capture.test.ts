import { parseCaptureResponse } from "@sceau/protocol";
import { describe, expect, it } from "vitest";
import {
  merchantTerminal,
  open,
  pay,
  post,
  START,
  sandboxPerTest,
  sealedForm,
  sealOperation,
  service,
} from "../../test/harness.ts";
import { CAPTURE_ANSWERS } from "../merchant-operations.ts";

const env = sandboxPerTest();

const EUR = (minor: number) => ({ minor, currency: "EUR" });

/** Pays an order of `amount` on a terminal with a card; returns its reference. */
async function paid(tpe: string, format: "v3" | "v4", card = "4000000000000002", amount = 10000) {
  const fields = await sealedForm(tpe, format, { amount });
  await pay(env.sandbox, await open(env.sandbox, fields), card);
  return fields.reference ?? "";
}

type Amounts = { capture: number; already?: number; remaining?: number; total?: number };

/** The sealed fields of a capture request dated now, as the library builds them. */
async function captureFields(
  tpe: string,
  format: "v3" | "v4",
  reference: string,
  amounts: Amounts,
): Promise<Record<string, string>> {
  const terminal = await merchantTerminal(tpe, format);
  const request = await terminal.captureRequest({
    reference,
    orderDate: new Date(START),
    amount: EUR(amounts.total ?? 10000),
    capture: amounts.capture,
    alreadyCaptured: amounts.already ?? 0,
    ...(amounts.remaining !== undefined && { remaining: amounts.remaining }),
    date: env.sandbox.clock.now(),
  });
  return { ...request.fields };
}

async function capture(tpe: string, format: "v3" | "v4", reference: string, amounts: Amounts) {
  return service(env.sandbox, "capture", await captureFields(tpe, format, reference, amounts));
}

/** Posts v4 capture fields changed by `change` and sealed again (what the library would not build). */
async function captureResealed(
  fields: Record<string, string>,
  change: Record<string, string> = {},
) {
  return service(
    env.sandbox,
    "capture",
    await sealOperation({ ...fields, ...change }, "v4", "capture"),
  );
}

async function cancel(tpe: string, format: "v3" | "v4", reference: string, already = 0) {
  const terminal = await merchantTerminal(tpe, format);
  const request = await terminal.cancelRequest({
    reference,
    orderDate: new Date(START),
    amount: EUR(10000),
    alreadyCaptured: already,
    date: env.sandbox.clock.now(),
  });
  return service(env.sandbox, "capture", { ...request.fields });
}

function expectAnswer(lines: Record<string, string>, name: keyof typeof CAPTURE_ANSWERS) {
  const [cdr, lib] = CAPTURE_ANSWERS[name];
  expect({ cdr: lines.cdr, lib: lines.lib }).toEqual({ cdr: String(cdr), lib });
  expect(lines.version).toBe("1.0");
}

describe("capture_paiement.cgi", () => {
  it("captures a deferred payment in full (cdr=1 paiement accepte, aut), v4 and v3", async () => {
    for (const [tpe, format] of [
      ["7654324", "v4"],
      ["7654327", "v3"],
    ] as const) {
      const reference = await paid(tpe, format);
      const lines = await capture(tpe, format, reference, { capture: 10000 });
      expectAnswer(lines, "accepted");
      expect(lines.reference).toBe(reference);
      expect(lines.aut).toMatch(/^\d{6}$/);
      const res = await post(env.sandbox, "/test/capture_paiement.cgi", {});
      expect(res.headers.get("content-type")).toContain("text/plain");
    }
  });

  it("answers in the documented text form the protocol library parses", async () => {
    const reference = await paid("7654324", "v4");
    const res = await env.sandbox.app.request("/test/capture_paiement.cgi", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: (
        await (
          await merchantTerminal("7654324", "v4")
        ).captureRequest({
          reference,
          orderDate: new Date(START),
          amount: EUR(10000),
          capture: 10000,
          date: env.sandbox.clock.now(),
        })
      ).body,
    });
    const text = await res.text();
    expect(text).toMatch(
      new RegExp(
        `^version=1\\.0\\nreference=${reference}\\ncdr=1\\nlib=paiement accepte\\naut=\\d{6}$`,
      ),
    );
    expect(parseCaptureResponse(text).kind).toBe("captured");
  });

  it("captures less than authorised on a deferred terminal and releases the rest", async () => {
    const reference = await paid("7654324", "v4");
    expectAnswer(
      await capture("7654324", "v4", reference, { capture: 6200, remaining: 3800 }),
      "accepted",
    );
    expectAnswer(
      await capture("7654324", "v4", reference, { capture: 3800, already: 6200, remaining: 0 }),
      "alreadyAccepted",
    );
  });

  it("answers paiement deja accepte to a second capture", async () => {
    const reference = await paid("7654324", "v4");
    await capture("7654324", "v4", reference, { capture: 10000 });
    expectAnswer(await capture("7654324", "v4", reference, { capture: 10000 }), "badAmount");
    expectAnswer(
      await capture("7654324", "v4", reference, { capture: 10000, already: 10000, total: 20000 }),
      "badAmount",
    );
    expectAnswer(await cancel("7654324", "v4", reference, 10000), "alreadyAccepted");
  });

  it("cancels (commande annulee), then answers la commande est deja annulee", async () => {
    const reference = await paid("7654324", "v4");
    expectAnswer(await cancel("7654324", "v4", reference), "cancelled");
    expectAnswer(await cancel("7654324", "v4", reference), "alreadyCancelled");
    expectAnswer(await capture("7654324", "v4", reference, { capture: 10000 }), "alreadyCancelled");
  });

  it("stops a recurrence (recurrence stoppee)", async () => {
    const reference = await paid("7654326", "v4");
    const terminal = await merchantTerminal("7654326", "v4");
    const request = await terminal.stopRecurrenceRequest({
      reference,
      orderDate: new Date(START),
      amount: EUR(10000),
      date: env.sandbox.clock.now(),
    });
    expectAnswer(await service(env.sandbox, "capture", { ...request.fields }), "stopped");
    expectAnswer(await service(env.sandbox, "capture", { ...request.fields }), "alreadyCancelled");
  });

  it("refuses an immediate terminal and stoprecurrence on a non-recurring one (verification echouee)", async () => {
    const reference = await paid("7654321", "v4");
    expectAnswer(await capture("7654321", "v4", reference, { capture: 10000 }), "badMode");
    const deferred = await paid("7654324", "v4");
    const fields = (
      await (
        await merchantTerminal("7654324", "v4")
      ).stopRecurrenceRequest({
        reference: deferred,
        orderDate: new Date(START),
        amount: EUR(10000),
        date: env.sandbox.clock.now(),
      })
    ).fields;
    expectAnswer(await service(env.sandbox, "capture", { ...fields }), "badMode");
  });

  it("answers commande non authentifiee for an unknown reference or another order date", async () => {
    expectAnswer(
      await capture("7654324", "v4", "NOSUCHREF", { capture: 10000 }),
      "notAuthenticated",
    );
    const reference = await paid("7654324", "v4");
    const terminal = await merchantTerminal("7654324", "v4");
    const request = await terminal.captureRequest({
      reference,
      orderDate: { year: 2026, month: 1, day: 30 },
      amount: EUR(10000),
      capture: 10000,
      date: env.sandbox.clock.now(),
    });
    expectAnswer(await service(env.sandbox, "capture", { ...request.fields }), "notAuthenticated");
  });

  it("answers commande expiree for a request dated beyond 24 h and for an abandoned deferred payment", async () => {
    const reference = await paid("7654324", "v4");
    const terminal = await merchantTerminal("7654324", "v4");
    const request = await terminal.captureRequest({
      reference,
      orderDate: new Date(START),
      amount: EUR(10000),
      capture: 10000,
      date: new Date(START - 25 * 3_600_000),
    });
    expectAnswer(await service(env.sandbox, "capture", { ...request.fields }), "expired");
    // Seven working days after Saturday 31/01: the delay ends at midnight after Tuesday 10/02.
    await env.sandbox.advance(11 * 86_400_000);
    expectAnswer(await capture("7654324", "v4", reference, { capture: 10000 }), "expired");
  });

  it("answers commande grillee after the attempts limit", async () => {
    const fields = await sealedForm("7654324", "v4", { amount: 10000 });
    const path = await open(env.sandbox, fields);
    for (let i = 0; i < 4; i++) await pay(env.sandbox, path, "4000000000000101");
    expectAnswer(
      await capture("7654324", "v4", fields.reference ?? "", { capture: 10000 }),
      "blocked",
    );
  });

  it("answers autorisation refusee after a refusal, with phonie when asked", async () => {
    const reference = await paid("7654324", "v4", "4000000000000903");
    const fields = await captureFields("7654324", "v4", reference, { capture: 10000 });
    const lines = await captureResealed(fields, { phonie: "ABC" });
    expectAnswer(lines, "refused");
    expect(lines.phonie).toBe("ABC");
  });

  it("answers traitement en cours while the buyer is on the card page", async () => {
    const fields = await sealedForm("7654324", "v4", { amount: 10000 });
    await open(env.sandbox, fields);
    expectAnswer(
      await capture("7654324", "v4", fields.reference ?? "", { capture: 10000 }),
      "inProgress",
    );
  });

  it("answers signature non valide for a tampered request", async () => {
    const reference = await paid("7654327", "v3");
    const fields = await captureFields("7654327", "v3", reference, { capture: 10000 });
    expectAnswer(
      await service(env.sandbox, "capture", { ...fields, montant_a_capturer: "99.00EUR" }),
      "badSeal",
    );
  });

  it("answers commercant non identifie for an unknown TPE, a wrong societe or lgue", async () => {
    const reference = await paid("7654324", "v4");
    const fields = await captureFields("7654324", "v4", reference, { capture: 10000 });
    const changes: Record<string, string>[] = [
      { TPE: "0000000" },
      { societe: "autre" },
      { lgue: "XX" },
    ];
    for (const change of changes) {
      expectAnswer(await captureResealed(fields, change), "unidentified");
    }
  });

  it("answers la demande ne peut aboutir for a missing field, date erronee for a bad date", async () => {
    const reference = await paid("7654324", "v4");
    const fields = await captureFields("7654324", "v4", reference, { capture: 10000 });
    const missing = { ...fields };
    delete missing.montant_restant;
    expectAnswer(await captureResealed(missing), "malformed");
    expectAnswer(await captureResealed(fields, { date: "2026-01-31 10:00:00" }), "badDate");
    expectAnswer(await captureResealed(fields, { date_commande: "31-01-2026" }), "badDate");
  });

  it("answers montant errone for unreadable amounts, wrong sums and a wrong total", async () => {
    const reference = await paid("7654324", "v4");
    const fields = await captureFields("7654324", "v4", reference, { capture: 10000 });
    for (const change of [
      { montant_a_capturer: "cent" },
      { montant_a_capturer: "90.00EUR" },
      { montant_restant: "10.00USD", montant_a_capturer: "90.00EUR" },
      { montant: "200.00EUR", montant_a_capturer: "200.00EUR" },
    ] as Record<string, string>[]) {
      expectAnswer(await captureResealed(fields, change), "badAmount");
    }
  });

  it("answers the scripted autre traitement en cours and probleme technique", async () => {
    const reference = await paid("7654324", "v4");
    for (const name of ["concurrent", "technical"] as const) {
      const [cdr, lib] = CAPTURE_ANSWERS[name];
      const res = await env.sandbox.app.request("/_sandbox/faults", {
        method: "POST",
        body: JSON.stringify({ service: "capture", cdr, lib }),
      });
      expect(res.status).toBe(201);
      const lines = await capture("7654324", "v4", reference, { capture: 10000 });
      expectAnswer(lines, name);
      expect(
        parseCaptureResponse(
          Object.entries(lines)
            .map(([k, v]) => `${k}=${v}`)
            .join("\n"),
        ).retryable,
      ).toBe(true);
    }
    expectAnswer(await capture("7654324", "v4", reference, { capture: 10000 }), "accepted");
  });

  it("answers on the production path too", async () => {
    const res = await post(env.sandbox, "/capture_paiement.cgi", {});
    expect(await res.text()).toContain("lib=commercant non identifie");
  });
});
