import fc from "fast-check";
import { describe, expect, it } from "vitest";
import retourV4 from "../test/vectors/retour-v4.json";
import { NotificationError, ProtocolError } from "./errors.ts";
import { decodeFormBody, decodeFormBytes } from "./form-body.ts";
import {
  parseNotification,
  parseOutcome,
  RECEIPT_INVALID,
  RECEIPT_OK,
  receipt,
} from "./notification.ts";

const BASE = {
  TPE: "1234567",
  date: "05/12/2006_a_11:55:23",
  montant: "62.75EUR",
  reference: "R1",
  "code-retour": "paiement",
};

describe("receipt", () => {
  it("is exactly the documented text, LF only", () => {
    expect(receipt(true)).toBe("version=2\ncdr=0\n");
    expect(receipt(false)).toBe("version=2\ncdr=1\n");
    expect(RECEIPT_OK).not.toMatch(/\r/);
    expect(RECEIPT_INVALID).toBe(receipt(false));
  });
});

describe("parseOutcome", () => {
  it("maps every documented code-retour to a kind", () => {
    expect(parseOutcome("paiement")).toEqual({ kind: "accepted" });
    expect(parseOutcome("payetest")).toEqual({ kind: "accepted-test" });
    expect(parseOutcome("Annulation")).toEqual({ kind: "refused" });
    for (const n of [2, 3, 4]) {
      expect(parseOutcome(`paiement_pf${n}`)).toEqual({
        kind: "instalment-collected",
        instalment: n,
      });
      expect(parseOutcome(`Annulation_pf${n}`)).toEqual({
        kind: "instalment-refused",
        instalment: n,
      });
    }
  });

  it("refuses anything else with ERR_NOTIFICATION_MALFORMED", () => {
    for (const code of ["PAIEMENT", "paiement_pf1", "paiement_pf5", "annulation", ""]) {
      expect(() => parseOutcome(code)).toThrow(NotificationError);
    }
  });
});

describe("parseNotification", () => {
  it("types a split instalment with its amount and fraud-filter details", () => {
    const n = parseNotification({
      ...BASE,
      "code-retour": "Annulation_pf3",
      montantech: "15.5EUR",
      filtragecause: "4-",
      filtragevaleur: "FRA-",
      cbenregistree: "1",
      cvx: "non",
      motifrefus: "filtrage",
    });
    expect(n.outcome).toEqual({ kind: "instalment-refused", instalment: 3 });
    expect(n.instalmentAmount).toEqual({ minor: 1550, currency: "EUR" });
    expect(n.filtering).toEqual({ causes: ["4"], values: ["FRA"] });
    expect(n.cardStored).toBe(true);
    expect(n.cvx).toBe(false);
    expect(n.refusalReason).toBe("filtrage");
  });

  it("reads montantestime for pre-authorisation terminals and decodes authentification=null", () => {
    const vector = retourV4.vectors.find((v) => v.id === "r4-auth-null");
    const fields = { ...vector?.fields, montantestime: "10EUR" } as Record<string, string>;
    delete fields.montant;
    const n = parseNotification(fields);
    expect(n.amount).toEqual({ minor: 1000, currency: "EUR" });
    expect(n.threeDSecure).toEqual({ raw: null });
    expect(n.maskedCard).toBe("49700100******11");
  });

  it("names the missing or unreadable field", () => {
    const { reference, ...noReference } = BASE;
    expect(() => parseNotification(noReference)).toThrow(
      expect.objectContaining({ field: "reference" }),
    );
    expect(() => parseNotification({ ...BASE, montant: "lots" })).toThrow(
      expect.objectContaining({ code: "ERR_NOTIFICATION_MALFORMED", field: "montant" }),
    );
    expect(() => parseNotification({ ...BASE, date: "yesterday" })).toThrow(
      expect.objectContaining({ field: "date" }),
    );
    expect(() => parseNotification({ ...BASE, authentification: "@@" })).toThrow(
      expect.objectContaining({ field: "authentification" }),
    );
    expect(reference).toBe("R1");
  });

  it("returns a value or a ProtocolError for any fields (property)", () => {
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom("paiement", "62EUR", "05/12/2006_a_11:55:23"),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...Object.keys(BASE), "montantech", "authentification", "status3ds"),
          value,
        ),
        (fields) => {
          try {
            parseNotification({ ...BASE, ...fields });
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
          }
        },
      ),
    );
  });
});

describe("decodeFormBody", () => {
  it("decodes the documentation's raw body and keeps empty values", () => {
    const fields = decodeFormBody(
      "TPE=1234567&date=05%2f12%2f2006%5fa%5f11%3a55%3a23&montant=62%2e75EUR&motifrefus=&texte-libre=a+b",
    );
    expect(fields).toEqual({
      TPE: "1234567",
      date: "05/12/2006_a_11:55:23",
      montant: "62.75EUR",
      motifrefus: "",
      "texte-libre": "a b",
    });
  });

  it("reads UTF-8, falls back to ISO-8859-1 bytes, and leaves a bad % as it is", () => {
    expect(decodeFormBody("t=No%C3%ABl").t).toBe("Noël");
    expect(decodeFormBody("t=No%EBl").t).toBe("Noël");
    expect(decodeFormBody("t=100%25&u=%zz").u).toBe("%zz");
  });

  it("reads bytes as UTF-8 when they are, as ISO-8859-1 otherwise, even very long ones", () => {
    expect(decodeFormBytes(new TextEncoder().encode("t=Noël"))).toBe("t=Noël");
    expect(decodeFormBytes(Uint8Array.from([0x74, 0x3d, 0x4e, 0x6f, 0xeb, 0x6c]))).toBe("t=Noël");
    expect(decodeFormBytes(new Uint8Array(100_000).fill(0xe9))).toBe("é".repeat(100_000));
  });

  it("refuses repeated fields and empty names", () => {
    expect(() => decodeFormBody("MAC=a&MAC=b")).toThrow(
      expect.objectContaining({ code: "ERR_NOTIFICATION_MALFORMED", field: "MAC" }),
    );
    expect(() => decodeFormBody("=x")).toThrow(NotificationError);
    expect(() => decodeFormBody(new URLSearchParams("a=1&a=2"))).toThrow(/repeated/);
  });

  it("never throws anything but a ProtocolError (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          decodeFormBody(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
        }
      }),
    );
  });
});
