import { describe, expect, it } from "vitest";
import allerV4 from "../test/vectors/aller-v4.json";
import { FieldError } from "./errors.ts";
import {
  decodeOrderContext,
  diagnoseOrderContext,
  encodeOrderContext,
  type OrderContext,
} from "./order-context.ts";

describe("contexte_commande", () => {
  it("serialises accented data like the kit: \\u escapes, \\/ and ASCII base64", () => {
    const vector = allerV4.vectors.find((v) => v.id === "a4-context-accented-kit");
    const context = decodeOrderContext(
      vector?.fields.contexte_commande ?? "",
    ) as unknown as OrderContext;
    expect(context.billing.firstName).toBe("Hélène");
    expect(encodeOrderContext(context)).toBe(vector?.fields.contexte_commande);
    expect(atob(encodeOrderContext({ billing: { ...context.billing, address: "a/b" } }))).toContain(
      "a\\/b",
    );
  });

  it("drops null and empty members, as the kit does", () => {
    const encoded = encodeOrderContext({
      billing: {
        addressLine1: "1 rue",
        city: "Paris",
        postalCode: "75001",
        country: "FR",
        addressLine2: undefined,
      },
      shipping: {},
      client: { email: null },
    });
    expect(atob(encoded)).toBe(
      '{"billing":{"addressLine1":"1 rue","city":"Paris","postalCode":"75001","country":"FR"}}',
    );
  });

  it("lists every schema problem with ERR_CONTEXT_INVALID", () => {
    const found = diagnoseOrderContext({
      billing: {
        addressLine1: "x".repeat(51),
        city: "",
        postalCode: "75001",
        country: "FRA",
        phone: "0612345678",
      },
      shipping: { shipIndicator: "drone", matchBillingAddress: "yes" },
    });
    expect(found.every((p) => p instanceof FieldError && p.code === "ERR_CONTEXT_INVALID")).toBe(
      true,
    );
    expect(found.map((p) => p.field)).toEqual([
      "contexte_commande.billing.addressLine1",
      "contexte_commande.billing.country",
      "contexte_commande.billing.phone",
      "contexte_commande.billing.city",
      "contexte_commande.shipping.shipIndicator",
      "contexte_commande.shipping.matchBillingAddress",
    ]);
    expect(found[0]?.message).toBe(
      "billing.addressLine1 is 51 characters; the bank accepts at most 50.",
    );
    expect(diagnoseOrderContext({}).map((p) => p.field)).toEqual(["contexte_commande.billing"]);
    expect(() => encodeOrderContext({} as OrderContext)).toThrow(/needs a billing address/);
  });

  it("refuses control characters, line breaks and bidirectional overrides in any member", () => {
    for (const bad of [
      "a\nb",
      "a\rb",
      "a\u0000b",
      "a\u0085b",
      "a\u2028b",
      "a\u202eb",
      "a\u2066b",
    ]) {
      const found = diagnoseOrderContext({
        billing: { addressLine1: "1 rue", city: bad, postalCode: "75001", country: "FR" },
      });
      expect(
        found.map((p) => [p.field, p.message]),
        JSON.stringify(bad),
      ).toEqual([
        [
          "contexte_commande.billing.city",
          "billing.city must not contain control characters or line breaks.",
        ],
      ]);
    }
  });

  it("refuses a value that is not base64 JSON", () => {
    expect(() => decodeOrderContext("bnVsbAo=")).toThrow(
      expect.objectContaining({ code: "ERR_CONTEXT_INVALID" }),
    );
    expect(() => decodeOrderContext("***")).toThrow(FieldError);
  });
});
