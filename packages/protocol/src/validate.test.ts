import { describe, expect, it } from "vitest";
import allerV3 from "../test/vectors/aller-v3.json";
import allerV4 from "../test/vectors/aller-v4.json";
import type { Fields } from "./mac-data.ts";
import { encodeOrderContext } from "./order-context.ts";
import { assertPaymentFields, diagnosePaymentFields } from "./validate.ts";

const V3 = allerV3.vectors[0]?.fields as Record<string, string>;
const SPLIT = allerV3.vectors[1]?.fields as Record<string, string>;
const V4 = allerV4.vectors[1]?.fields as unknown as Record<string, string>;

function problems(fields: Fields, format: "v3" | "v4" = "v3") {
  return diagnosePaymentFields(fields, format).map((p) => [p.code, p.field]);
}

describe("diagnosePaymentFields (the seal doctor)", () => {
  it("finds nothing wrong in the documentation's forms", () => {
    for (const vector of [...allerV3.vectors, ...allerV4.vectors]) {
      const format = vector.id.startsWith("a3") ? "v3" : "v4";
      const found = diagnosePaymentFields(vector.fields as Fields, format).filter(
        (p) => p.field !== "texte-libre",
      );
      expect(found, vector.id).toEqual([]);
    }
  });

  it("ERR_FIELD_MISSING names each missing required field", () => {
    const { reference, societe, ...rest } = V3;
    expect(problems(rest)).toEqual([
      ["ERR_FIELD_MISSING", "societe"],
      ["ERR_FIELD_MISSING", "reference"],
    ]);
    const [first] = diagnosePaymentFields(rest, "v3");
    expect(first?.message).toBe("societe is required.");
    expect(problems({ ...V3, version: undefined })).toEqual([["ERR_FIELD_MISSING", "version"]]);
  });

  it("ERR_FIELD_TOO_LONG gives the length and the bank's limit", () => {
    const found = diagnosePaymentFields({ ...V3, reference: "A".repeat(13) }, "v3");
    expect(found.map((p) => [p.code, p.field, p.message])).toEqual([
      [
        "ERR_FIELD_TOO_LONG",
        "reference",
        "reference is 13 characters long; the bank accepts at most 12.",
      ],
    ]);
    expect(problems({ ...V4, reference: "A".repeat(50) }, "v4")).toEqual([]);
    expect(problems({ ...V3, "texte-libre": "x".repeat(3201) })).toEqual([
      ["ERR_FIELD_TOO_LONG", "texte-libre"],
    ]);
    expect(problems({ ...V3, url_retour_ok: `https://x.fr/${"a".repeat(2048)}` })).toEqual([
      ["ERR_FIELD_TOO_LONG", "url_retour_ok"],
    ]);
  });

  it("ERR_FIELD_CHARSET says what the bank accepts", () => {
    const [reference] = diagnosePaymentFields({ ...V3, reference: "REF_01" }, "v3");
    expect(reference?.code).toBe("ERR_FIELD_CHARSET");
    expect(reference?.message).toMatch(/letters and digits only/);
    expect(problems({ ...V3, "texte-libre": "Noël" })).toEqual([
      ["ERR_FIELD_CHARSET", "texte-libre"],
    ]);
    expect(problems({ ...V3, "texte-libre": "a\nb" })).toEqual([
      ["ERR_FIELD_CHARSET", "texte-libre"],
    ]);
    expect(problems({ ...V3, societe: "mon site" })).toEqual([["ERR_FIELD_CHARSET", "societe"]]);
    expect(problems({ ...V3, TPE: "123456" })).toEqual([["ERR_FIELD_CHARSET", "TPE"]]);
  });

  it("ERR_FIELD_FORMAT covers language, e-mail, URLs, options and v4 enumerations", () => {
    expect(problems({ ...V3, lgue: "fr" })).toEqual([["ERR_FIELD_FORMAT", "lgue"]]);
    expect(problems({ ...V3, lgue: "JA" })).toEqual([["ERR_FIELD_FORMAT", "lgue"]]);
    expect(problems({ ...V4, lgue: "JA" }, "v4")).toEqual([]);
    expect(problems({ ...V3, mail: "not-an-email" })).toEqual([["ERR_FIELD_FORMAT", "mail"]]);
    expect(problems({ ...V3, url_retour: "javascript:alert(1)" })).toEqual([
      ["ERR_FIELD_FORMAT", "url_retour"],
    ]);
    expect(problems({ ...V3, options: "aliascb=client1&forcesaisiecb=1" })).toEqual([]);
    expect(problems({ ...V3, options: "aliascb=client-1" })).toEqual([
      ["ERR_FIELD_FORMAT", "options"],
    ]);
    expect(problems({ ...V3, options: "a=b=c" })).toEqual([["ERR_FIELD_FORMAT", "options"]]);
    expect(problems({ ...V4, ThreeDSecureChallenge: "always" }, "v4")).toEqual([
      ["ERR_FIELD_FORMAT", "ThreeDSecureChallenge"],
    ]);
    expect(problems({ ...V4, desactivemoyenpaiement: "paypal,bitcoin" }, "v4")).toEqual([
      ["ERR_FIELD_FORMAT", "desactivemoyenpaiement"],
    ]);
  });

  it("ERR_AMOUNT_INVALID and ERR_CURRENCY_UNKNOWN check the amount as posted", () => {
    expect(problems({ ...V3, montant: "1.234,50EUR" })).toEqual([
      ["ERR_AMOUNT_INVALID", "montant"],
    ]);
    expect(problems({ ...V3, montant: "62,73EUR" })).toEqual([["ERR_AMOUNT_INVALID", "montant"]]);
    expect(problems({ ...V3, montant: "62.735EUR" })).toEqual([["ERR_AMOUNT_INVALID", "montant"]]);
    expect(problems({ ...V3, montant: "62.73XYZ" })).toEqual([["ERR_CURRENCY_UNKNOWN", "montant"]]);
    expect(problems({ ...V3, montant: "1500JPY" })).toEqual([]);
  });

  it("a CM-CIC p@iement 3.0 terminal takes at most 2 decimals, even in a 3-decimal currency", () => {
    expect(problems({ ...V3, montant: "1.234KWD" })).toEqual([["ERR_AMOUNT_INVALID", "montant"]]);
    expect(problems({ ...V3, montant: "1.230KWD" })).toEqual([]);
    expect(problems({ ...V3, montant: "1.23KWD" })).toEqual([]);
    expect(problems({ ...V4, montant: "1.234KWD" }, "v4")).toEqual([]);
    // The bank's own rule rounds instead of refusing: the sandbox accepts what the bank accepts.
    expect(diagnosePaymentFields({ ...V3, montant: "1.234KWD" }, "v3", { rules: "bank" })).toEqual(
      [],
    );
  });

  it("ERR_DATE_INVALID for a date that is not dd/mm/yyyy:HH:MM:SS", () => {
    expect(problems({ ...V3, date: "2006-12-05 11:55:23" })).toEqual([
      ["ERR_DATE_INVALID", "date"],
    ]);
    expect(problems({ ...V3, date: "31/11/2006:11:55:23" })).toEqual([
      ["ERR_DATE_INVALID", "date"],
    ]);
  });

  it("ERR_SCHEDULE_INVALID for split fields that break the bank's rules", () => {
    expect(problems(SPLIT)).toEqual([]);
    expect(problems({ ...SPLIT, nbrech: "5" })).toEqual([["ERR_SCHEDULE_INVALID", "nbrech"]]);
    expect(problems({ ...SPLIT, montantech2: "15.51EUR" })).toEqual([
      ["ERR_SCHEDULE_INVALID", "montantech1"],
    ]);
    expect(problems({ ...SPLIT, dateech3: "06/02/2007" })).toEqual([
      ["ERR_SCHEDULE_INVALID", "dateech3"],
    ]);
    expect(problems({ ...SPLIT, dateech1: "06/12/2006" })).toContainEqual([
      "ERR_SCHEDULE_INVALID",
      "dateech1",
    ]);
    expect(problems({ ...SPLIT, montantech4: "15.5USD" })).toContainEqual([
      "ERR_SCHEDULE_INVALID",
      "montantech4",
    ]);
    expect(problems({ ...SPLIT, nbrech: "3" })).toEqual([
      ["ERR_SCHEDULE_INVALID", "dateech4"],
      ["ERR_SCHEDULE_INVALID", "montantech4"],
    ]);
    expect(problems({ ...SPLIT, dateech4: "" })).toEqual([["ERR_FIELD_MISSING", "dateech4"]]);
  });

  it("checks the posted dates against the terminal's fixed-day rule when told", () => {
    // The documentation's split form (05/12/2006, then the 5th of each month) follows the anniversary rule.
    const fixed = diagnosePaymentFields(SPLIT, "v3", { splitDayRule: "fixed" });
    expect(fixed.map((p) => [p.code, p.field])).toEqual([
      ["ERR_SCHEDULE_INVALID", "dateech2"],
      ["ERR_SCHEDULE_INVALID", "dateech3"],
      ["ERR_SCHEDULE_INVALID", "dateech4"],
    ]);
    expect(fixed[0]?.message).toContain("02/01/2007");
    const onTheSecond = {
      ...SPLIT,
      dateech2: "02/01/2007",
      dateech3: "02/02/2007",
      dateech4: "02/03/2007",
    };
    expect(diagnosePaymentFields(onTheSecond, "v3", { splitDayRule: "fixed" })).toEqual([]);
    expect(problems(onTheSecond)).toEqual([
      ["ERR_SCHEDULE_INVALID", "dateech2"],
      ["ERR_SCHEDULE_INVALID", "dateech3"],
      ["ERR_SCHEDULE_INVALID", "dateech4"],
    ]);
  });

  it("ERR_CONTEXT_INVALID names the member of contexte_commande at fault", () => {
    const context = encodeOrderContext({
      billing: { addressLine1: "1 rue", city: "Paris", postalCode: "75001", country: "FR" },
    });
    expect(problems({ ...V4, contexte_commande: context }, "v4")).toEqual([]);
    const bad = btoa(
      JSON.stringify({
        billing: { addressLine1: "1 rue", city: "Paris", postalCode: "75001", country: "fr" },
      }),
    );
    expect(problems({ ...V4, contexte_commande: bad }, "v4")).toEqual([
      ["ERR_CONTEXT_INVALID", "contexte_commande.billing.country"],
    ]);
    expect(problems({ ...V4, contexte_commande: "%%%" }, "v4")).toEqual([
      ["ERR_CONTEXT_INVALID", "contexte_commande"],
    ]);
  });

  it("assertPaymentFields throws the first problem", () => {
    expect(() => assertPaymentFields({ ...V3, lgue: "XX" }, "v3")).toThrow(
      expect.objectContaining({ field: "lgue" }),
    );
    expect(() => assertPaymentFields(V3, "v3")).not.toThrow();
  });
});
