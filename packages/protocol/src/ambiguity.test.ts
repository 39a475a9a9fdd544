import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { referenceMac } from "../test/reference-seal.mjs";
import allerV3 from "../test/vectors/aller-v3.json";
import allerV4 from "../test/vectors/aller-v4.json";
import retourV4 from "../test/vectors/retour-v4.json";
import { FieldError } from "./errors.ts";
import { decodeTexteLibre, encodeTexteLibre } from "./free-text.ts";
import { type Fields, paymentMacData } from "./mac-data.ts";
import { RECEIPT_INVALID, RECEIPT_OK } from "./notification.ts";
import { isEmailAddress } from "./rules.ts";
import { createTerminal, type TerminalConfig } from "./terminal.ts";
import { diagnosePaymentFields, diagnoseSealedValues } from "./validate.ts";

const DOC_KEY = "0123456789ABCDEF0123456789ABCDEF01234567";
const V3_FORM = allerV3.vectors[0]?.fields as Record<string, string>;
const V4_FORM = allerV4.vectors[1]?.fields as unknown as Record<string, string>;
const V3: TerminalConfig = {
  tpe: "1234567",
  key: DOC_KEY,
  societe: "monSite1",
  format: "v3",
  bank: "cic",
};
const V4: TerminalConfig = { ...V3, format: "v4", bank: "monetico" };
const BILLING = {
  addressLine1: "1 rue de la Paix",
  city: "Paris",
  postalCode: "75002",
  country: "FR",
};
const NOW = new Date("2026-11-30T10:00:00Z");
const BILLING_CONTEXT = {
  addressLine1: "1 rue X",
  city: "Paris",
  postalCode: "75001",
  country: "FR",
};

function body(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

const codes = (fields: Fields, format: "v3" | "v4") =>
  diagnoseSealedValues(fields, "payment", format).map((p) => [p.code, p.field]);

describe("diagnoseSealedValues: no separator inside a sealed value", () => {
  it("v3: refuses a * in any of the 19 sealed fields, and only there", () => {
    expect(codes({ ...V3_FORM, mail: "a*b@x.fr" }, "v3")).toEqual([
      ["ERR_FIELD_AMBIGUOUS", "mail"],
    ]);
    expect(codes({ ...V3_FORM, "texte-libre": "1*2" }, "v3")).toEqual([
      ["ERR_FIELD_AMBIGUOUS", "texte-libre"],
    ]);
    expect(codes({ ...V3_FORM, options: "a*b" }, "v3")).toEqual([
      ["ERR_FIELD_AMBIGUOUS", "options"],
    ]);
    // url_retour* are posted but not sealed in v3: a * there moves no cut.
    expect(codes({ ...V3_FORM, url_retour_ok: "https://x.fr/?a=*" }, "v3")).toEqual([]);
  });

  it("v4: refuses a * in any posted value and a * or = in any field name", () => {
    expect(codes({ ...V4_FORM, url_retour_ok: "https://x.fr/?a=*" }, "v4")).toEqual([
      ["ERR_FIELD_AMBIGUOUS", "url_retour_ok"],
    ]);
    expect(codes({ ...V4_FORM, "x=y": "1" }, "v4")).toEqual([["ERR_FIELD_AMBIGUOUS", "x=y"]]);
    expect(codes({ ...V4_FORM, "x*y": "1" }, "v4")).toEqual([["ERR_FIELD_AMBIGUOUS", "x*y"]]);
    // = inside a value is fine: a name never holds one, so the first = of each piece is the cut.
    expect(codes({ ...V4_FORM, "texte-libre": "a=b" }, "v4")).toEqual([]);
  });

  it("the seal doctor reports an ambiguous field once, with ERR_FIELD_AMBIGUOUS and how to fix it", () => {
    const found = diagnosePaymentFields({ ...V3_FORM, mail: "a*3.0*paiement@x.fr" }, "v3");
    expect(found.map((p) => [p.code, p.field])).toEqual([["ERR_FIELD_AMBIGUOUS", "mail"]]);
    expect(found[0]?.message).toMatch(/separator of the sealed string.*encodeTexteLibre/);
  });

  it('with rules: "bank", checks only what the bank documents, as a stand-in for the bank must', () => {
    const lenient = {
      ...V3_FORM,
      "texte-libre": "a*b",
      mail: "o'brien@example.fr",
    };
    expect(diagnosePaymentFields(lenient, "v3", { rules: "bank" })).toEqual([]);
    expect(diagnosePaymentFields(lenient, "v3").map((p) => [p.code, p.field])).toEqual([
      ["ERR_FIELD_AMBIGUOUS", "texte-libre"],
      ["ERR_FIELD_FORMAT", "mail"],
    ]);
    // As another merchant's stack would post it (sceau's own encoder refuses that e-mail).
    const context = btoa(
      JSON.stringify({ billing: { ...BILLING_CONTEXT, email: "o'brien@example.fr" } }),
    );
    expect(
      diagnosePaymentFields({ ...V4_FORM, contexte_commande: context }, "v4").map((p) => p.field),
    ).toEqual(["contexte_commande.billing.email"]);
    expect(
      diagnosePaymentFields({ ...V4_FORM, contexte_commande: context }, "v4", { rules: "bank" }),
    ).toEqual([]);
  });

  it("property: whatever a buyer types, a form the doctor accepts cuts back into exactly its fields", () => {
    const text = fc.string({ maxLength: 30, unit: "grapheme-ascii" });
    fc.assert(
      fc.property(
        fc.constantFrom("v3", "v4"),
        fc.constantFrom("mail", "texte-libre", "reference", "url_retour_ok", "lgue"),
        text,
        (format, name, value) => {
          const base = format === "v3" ? V3_FORM : V4_FORM;
          const fields = { ...base, [name]: value };
          if (diagnosePaymentFields(fields, format).length > 0) return;
          const pieces = paymentMacData(fields, format).split("*");
          if (format === "v3") {
            expect(pieces).toHaveLength(19);
          } else {
            const posted = Object.keys(fields)
              .filter((n) => fields[n] !== undefined)
              .sort();
            expect(pieces.map((p) => p.slice(0, p.indexOf("=")))).toEqual(posted);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("sealing refuses ambiguous requests", () => {
  it("paymentForm refuses an e-mail with * (ERR_FIELD_AMBIGUOUS) in both formats", async () => {
    for (const config of [V3, V4]) {
      const terminal = await createTerminal(config);
      await expect(
        terminal.paymentForm({
          reference: "A1",
          amount: 100,
          email: "x*3.0*paiement@evil.example",
          context: { billing: BILLING },
        }),
      ).rejects.toMatchObject({ code: "ERR_FIELD_AMBIGUOUS", field: "mail" });
    }
  });

  it("capture, cancel, stop-recurrence and recredit requests refuse a texte-libre with *", async () => {
    const terminal = await createTerminal(V3);
    const order = {
      reference: "A1",
      orderDate: NOW,
      amount: { minor: 1000, currency: "EUR" },
      texteLibre: "a*b",
    };
    const refused = { code: "ERR_FIELD_AMBIGUOUS", field: "texte-libre" };
    await expect(terminal.captureRequest({ ...order, capture: 1000 })).rejects.toMatchObject(
      refused,
    );
    await expect(terminal.cancelRequest(order)).rejects.toMatchObject(refused);
    await expect(terminal.stopRecurrenceRequest(order)).rejects.toMatchObject(refused);
    await expect(
      terminal.recreditRequest({
        ...order,
        captureDate: NOW,
        authorisationNumber: "123456",
        refund: 100,
        refundable: 1000,
      }),
    ).rejects.toMatchObject(refused);
  });
});

describe("verifyNotification refuses what the bank never sends", () => {
  it("v3: a validly sealed body with * inside a positional field is malformed, cdr=1", async () => {
    const terminal = await createTerminal(V3);
    const fields = {
      TPE: "1234567",
      date: "05/12/2006_a_11:55:23",
      montant: "62.75EUR",
      reference: "ABERTYP00145",
      "texte-libre": "*3.0*FR*monSite1*x",
      "code-retour": "paiement",
    };
    const mac = referenceMac(DOC_KEY, "notification", "v3", fields, { tpe: "1234567" });
    const result = await terminal.verifyNotification(body({ ...fields, MAC: mac }));
    expect(result).toMatchObject({ sealValid: false, receipt: RECEIPT_INVALID });
    expect(result.error).toMatchObject({
      code: "ERR_NOTIFICATION_MALFORMED",
      field: "texte-libre",
    });
  });

  it("refuses a TPE that is not 7 letters or digits before checking the seal, in both formats", async () => {
    for (const config of [V3, V4]) {
      const terminal = await createTerminal(config);
      for (const tpe of ["123456", "12345678", "1234-67", undefined]) {
        const fields: Record<string, string> = {
          date: "05/12/2006_a_11:55:23",
          montant: "1EUR",
          reference: "R1",
          "code-retour": "paiement",
          ...(tpe !== undefined && { TPE: tpe }),
        };
        const result = await terminal.verifyNotification(body({ ...fields, MAC: "0".repeat(40) }));
        expect(result, String(tpe)).toMatchObject({ sealValid: false, receipt: RECEIPT_INVALID });
        expect(result.error).toMatchObject({ code: "ERR_NOTIFICATION_MALFORMED", field: "TPE" });
      }
    }
  });

  it("v4: a sealed payment form posted back as a notification gets cdr=1", async () => {
    const terminal = await createTerminal(V4);
    const form = await terminal.paymentForm({
      reference: "A1B2C3",
      amount: 1499,
      email: "client@example.fr",
      date: NOW,
      context: { billing: BILLING },
    });
    const result = await terminal.verifyNotification(body({ ...form.fields }));
    expect(result.sealValid).toBe(true);
    expect(result.receipt).toBe(RECEIPT_INVALID);
    expect(result.error).toMatchObject({ code: "ERR_NOTIFICATION_MALFORMED" });
  });

  it("the published v4 notifications, * in cbmasquee included, still get cdr=0", async () => {
    for (const vector of retourV4.vectors) {
      const terminal = await createTerminal({
        ...V4,
        key: vector.key,
        tpe: (vector.fields as unknown as Record<string, string>).TPE ?? "",
      });
      const fields = vector.fields as unknown as Record<string, string>;
      const result = await terminal.verifyNotification(body({ ...fields, MAC: vector.mac }));
      expect(result.receipt, vector.id).toBe(RECEIPT_OK);
    }
  });
});

describe("encodeTexteLibre", () => {
  it("property: any text comes back unchanged, as printable ASCII without *", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const encoded = encodeTexteLibre(text);
        expect(encoded).toMatch(/^[\x20-\x29\x2b-\x7e]*$/);
        expect(decodeTexteLibre(encoded)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses to decode what it did not write (ERR_FIELD_FORMAT)", () => {
    expect(() => decodeTexteLibre("not base64!")).toThrow(FieldError);
    expect(() => decodeTexteLibre("/w==")).toThrowError(
      expect.objectContaining({ code: "ERR_FIELD_FORMAT", field: "texte-libre" }),
    );
  });
});

describe("isEmailAddress", () => {
  it("accepts ordinary addresses", () => {
    for (const ok of ["client@example.fr", "jean.dupont+cd@mail.co.uk", "a_b-c%d@x-y.io"]) {
      expect(isEmailAddress(ok), ok).toBe(true);
    }
  });

  it("property: never accepts a separator, quote, space or control character", () => {
    const bad = fc.constantFrom("*", "=", ";", '"', "'", " ", "\t", "\n", ",", "<", ">", "\u0000");
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10, unit: "grapheme-ascii" }),
        bad,
        fc.string({ maxLength: 10, unit: "grapheme-ascii" }),
        (before, character, after) => {
          expect(isEmailAddress(`${before}${character}${after}@example.fr`)).toBe(false);
          expect(isEmailAddress(`client@${before}${character}${after}.fr`)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
