import { parseRecreditResponse } from "@sceau/protocol";
import { describe, expect, it } from "vitest";
import {
  book,
  merchantTerminal,
  open,
  pay,
  START,
  sandboxPerTest,
  sealedForm,
  sealOperation,
  service,
} from "../../test/harness.ts";
import { RECREDIT_ANSWERS } from "../merchant-operations.ts";

const env = sandboxPerTest();

async function paid(tpe = "7654321", format: "v3" | "v4" = "v4", card = "4000000000000002") {
  const fields = await sealedForm(tpe, format, { amount: 10000 });
  await pay(env.sandbox, await open(env.sandbox, fields), card);
  const { payments } = await book(env.sandbox, tpe, fields.reference ?? "");
  const authorisation = payments[0]?.authorisations[0]?.number ?? "";
  return { reference: fields.reference ?? "", authorisation };
}

async function refundFields(
  tpe: string,
  format: "v3" | "v4",
  order: { reference: string; authorisation: string },
  refund: number,
  refundable: number,
  date = env.sandbox.clock.now(),
) {
  const terminal = await merchantTerminal(tpe, format);
  const request = await terminal.recreditRequest({
    reference: order.reference,
    orderDate: new Date(START),
    captureDate: new Date(START),
    authorisationNumber: order.authorisation,
    amount: { minor: 10000, currency: "EUR" },
    refund,
    refundable,
    date,
  });
  return { ...request.fields };
}

function expectAnswer(lines: Record<string, string>, name: keyof typeof RECREDIT_ANSWERS) {
  const [cdr, lib] = RECREDIT_ANSWERS[name];
  expect({ cdr: lines.cdr, lib: lines.lib }).toEqual({ cdr: String(cdr), lib });
}

async function refund(fields: Record<string, string>) {
  return service(env.sandbox, "recredit", fields);
}

describe("recredit_paiement.cgi", () => {
  it("refunds in steps up to what was captured (0 recredit effectue), v4 and v3", async () => {
    for (const [tpe, format] of [
      ["7654321", "v4"],
      ["7654322", "v3"],
    ] as const) {
      const order = await paid(tpe, format);
      const lines = await refund(await refundFields(tpe, format, order, 3000, 10000));
      expectAnswer(lines, "done");
      expect(lines.reference).toBe(order.reference);
      expect(
        parseRecreditResponse(
          Object.entries(lines)
            .map(([k, v]) => `${k}=${v}`)
            .join("\n"),
        ).ok,
      ).toBe(true);
      expectAnswer(await refund(await refundFields(tpe, format, order, 7000, 7000)), "done");
      expectAnswer(await refund(await refundFields(tpe, format, order, 1, 1)), "maximumReached");
      const { totals } = await book(env.sandbox, tpe, order.reference);
      expect(totals.refunded).toBe(10000);
    }
  });

  it("answers -35 when montant_possible is out of phase, -40 beyond it", async () => {
    const order = await paid();
    expectAnswer(
      await refund(await refundFields("7654321", "v4", order, 1000, 9000)),
      "badAmounts",
    );
    const over = await refundFields("7654321", "v4", order, 1000, 10000);
    expectAnswer(
      await refund(
        await sealOperation({ ...over, montant_recredit: "120.00EUR" }, "v4", "recredit"),
      ),
      "overThreshold",
    );
    expectAnswer(
      await refund(await sealOperation({ ...over, montant: "99.00EUR" }, "v4", "recredit")),
      "badAmounts",
    );
  });

  it("answers -30 for an unknown terminal or wrong societe, -31 for a bad seal", async () => {
    const order = await paid();
    const fields = await refundFields("7654321", "v4", order, 1000, 10000);
    expectAnswer(
      await refund(await sealOperation({ ...fields, TPE: "0000000" }, "v4", "recredit")),
      "unidentified",
    );
    expectAnswer(
      await refund(await sealOperation({ ...fields, societe: "x" }, "v4", "recredit")),
      "unidentified",
    );
    expectAnswer(await refund({ ...fields, montant_recredit: "20.00EUR" }), "badSeal");
  });

  it("answers -32 on a terminal without the re-crédit option", async () => {
    const order = await paid("7654328", "v3");
    expectAnswer(await refund(await refundFields("7654328", "v3", order, 100, 2500)), "notAllowed");
  });

  it("answers -33 for a request dated beyond 24 h", async () => {
    const order = await paid();
    const fields = await refundFields(
      "7654321",
      "v4",
      order,
      1000,
      10000,
      new Date(START + 25 * 3_600_000),
    );
    expectAnswer(await refund(fields), "expired");
  });

  it("answers -34 for an unreadable or zero refund", async () => {
    const order = await paid();
    const fields = await refundFields("7654321", "v4", order, 1000, 10000);
    for (const montant_recredit of ["dix", "0EUR"]) {
      expectAnswer(
        await refund(await sealOperation({ ...fields, montant_recredit }, "v4", "recredit")),
        "badRefund",
      );
    }
  });

  it("answers -37 for an unknown order, -39 for an unknown authorisation or capture day", async () => {
    const order = await paid();
    expectAnswer(
      await refund(
        await refundFields("7654321", "v4", { ...order, reference: "NOPE1" }, 1000, 10000),
      ),
      "noOrder",
    );
    expectAnswer(
      await refund(
        await refundFields("7654321", "v4", { ...order, authorisation: "999999" }, 1000, 10000),
      ),
      "noPayment",
    );
    const fields = await refundFields("7654321", "v4", order, 1000, 10000);
    expectAnswer(
      await refund(await sealOperation({ ...fields, date_remise: "01/02/2026" }, "v4", "recredit")),
      "noPayment",
    );
  });

  it("answers -38 for an order authorised but not captured yet", async () => {
    const order = await paid("7654324", "v4");
    expectAnswer(
      await refund(await refundFields("7654324", "v4", order, 1000, 10000)),
      "notRefundable",
    );
  });

  it("answers -42 for another currency and -43 for a missing field", async () => {
    const order = await paid();
    const fields = await refundFields("7654321", "v4", order, 1000, 10000);
    expectAnswer(
      await refund(
        await sealOperation({ ...fields, montant_recredit: "10.00USD" }, "v4", "recredit"),
      ),
      "badCurrency",
    );
    const missing: Record<string, string> = { ...fields };
    delete missing.num_autorisation;
    expectAnswer(await refund(await sealOperation(missing, "v4", "recredit")), "badParameters");
  });

  it("answers the scripted -1, -41 and -44", async () => {
    const order = await paid();
    for (const name of ["refused", "technical", "concurrent"] as const) {
      const [cdr, lib] = RECREDIT_ANSWERS[name];
      await env.sandbox.app.request("/_sandbox/faults", {
        method: "POST",
        body: JSON.stringify({ service: "recredit", cdr, lib }),
      });
      expectAnswer(await refund(await refundFields("7654321", "v4", order, 1000, 10000)), name);
    }
    expectAnswer(await refund(await refundFields("7654321", "v4", order, 1000, 10000)), "done");
  });
});
