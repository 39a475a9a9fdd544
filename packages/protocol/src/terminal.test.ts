import { describe, expect, it } from "vitest";
import { referenceMac } from "../test/reference-seal.mjs";
import allerV3 from "../test/vectors/aller-v3.json";
import captureV3 from "../test/vectors/capture-v3.json";
import recreditV3 from "../test/vectors/recredit-v3.json";
import retourV3 from "../test/vectors/retour-v3.json";
import retourV4 from "../test/vectors/retour-v4.json";
import { ConfigError } from "./errors.ts";
import { captureMacData, recreditMacData } from "./mac-data.ts";
import { RECEIPT_INVALID, RECEIPT_OK } from "./notification.ts";
import { createTerminal, type TerminalConfig } from "./terminal.ts";

const DOC_KEY = "0123456789ABCDEF0123456789ABCDEF01234567";
const V3: TerminalConfig = {
  tpe: "1234567",
  key: DOC_KEY,
  societe: "monSite1",
  format: "v3",
  bank: "cic",
};
const V4: TerminalConfig = { ...V3, format: "v4", bank: "monetico" };
const DATE = new Date("2006-12-05T10:55:23Z"); // 05/12/2006:11:55:23 in Paris
const BILLING = {
  addressLine1: "18 rue de l'adresse",
  city: "Paris",
  postalCode: "75000",
  country: "FR",
};

function body(fields: Record<string, string | undefined>, mac: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined) params.set(name, value);
  params.set("MAC", mac);
  return params.toString();
}

describe("createTerminal", () => {
  it("picks the bank's URLs for the environment, or a base URL such as the sandbox's", async () => {
    expect((await createTerminal(V3)).urls.payment).toBe(
      "https://ssl.paiement.cic-banques.fr/test/paiement.cgi",
    );
    const production = await createTerminal({ ...V4, environment: "production" });
    expect(production.urls).toEqual({
      payment: "https://p.monetico-services.com/paiement.cgi",
      capture: "https://p.monetico-services.com/capture_paiement.cgi",
      recredit: "https://p.monetico-services.com/recredit_paiement.cgi",
    });
    const sandbox = await createTerminal({
      ...V4,
      bank: undefined,
      baseUrl: "http://127.0.0.1:8788/test/",
    });
    expect(sandbox.urls.capture).toBe("http://127.0.0.1:8788/test/capture_paiement.cgi");
  });

  it("refuses a bad configuration with ERR_CONFIG_INVALID naming the setting", async () => {
    const cases: [Partial<TerminalConfig>, string][] = [
      [{ tpe: "123" }, "tpe"],
      [{ societe: "mon site" }, "societe"],
      [{ format: "v5" as "v3" }, "format"],
      [{ bank: "bnp" as "cm" }, "bank"],
      [{ environment: "staging" as "test" }, "environment"],
      [{ bank: undefined }, "bank"],
      [{ bank: undefined, baseUrl: "ftp://bank/" }, "baseUrl"],
    ];
    for (const [change, setting] of cases) {
      const error = await createTerminal({ ...V3, ...change }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({ code: "ERR_CONFIG_INVALID", setting });
    }
    await expect(createTerminal({ ...V3, key: "nope" })).rejects.toMatchObject({
      code: "ERR_KEY_INVALID",
    });
  });
});

describe("paymentForm", () => {
  it("v3: reproduces the documentation's classic form and seal byte for byte", async () => {
    const terminal = await createTerminal(V3);
    const vector = allerV3.vectors[0];
    const form = await terminal.paymentForm({
      reference: "ABERTYP00145",
      amount: 6273,
      currency: "EUR",
      date: DATE,
      email: "internaute@sonemail.fr",
      texteLibre: "ExempleTexteLibre",
      language: "FR",
      returnUrls: {
        ok: "https://shop.example/ok?o=42",
        error: "https://shop.example/err?o=42",
        cancel: "https://shop.example/retour",
      },
    });
    expect(form.method).toBe("POST");
    expect(form.action).toBe("https://ssl.paiement.cic-banques.fr/test/paiement.cgi");
    const { MAC, ...fields } = form.fields;
    expect(fields).toEqual(vector?.fields);
    expect(MAC).toBe(vector?.mac);
  });

  it("v3: posts a split schedule that the bank's rules accept, and seals it", async () => {
    const terminal = await createTerminal(V3);
    const form = await terminal.paymentForm({
      reference: "SPLIT1",
      amount: 10000,
      date: new Date("2010-01-31T10:00:00Z"),
      split: { count: 4 },
    });
    expect(form.fields).toMatchObject({
      nbrech: "4",
      dateech1: "31/01/2010",
      montantech1: "25.00EUR",
      dateech2: "28/02/2010",
      dateech3: "31/03/2010",
      dateech4: "30/04/2010",
      montantech4: "25.00EUR",
    });
    expect(form.fields.MAC).toBe(referenceMac(DOC_KEY, "payment", "v3", form.fields));
  });

  it("posts a fixed-day split schedule (the 15th for an order of the 25th)", async () => {
    const terminal = await createTerminal(V3);
    const form = await terminal.paymentForm({
      reference: "SPLIT2",
      amount: 10000,
      date: new Date("2026-01-25T10:00:00Z"),
      split: { count: 3, dayRule: "fixed" },
    });
    expect(form.fields).toMatchObject({
      nbrech: "3",
      dateech1: "25/01/2026",
      dateech2: "15/02/2026",
      dateech3: "15/03/2026",
      montantech1: "33.34EUR",
      montantech3: "33.33EUR",
    });
  });

  it("v4: posts only what is set, encodes the order context and seals every posted field", async () => {
    const terminal = await createTerminal(V4);
    const form = await terminal.paymentForm({
      reference: "REF4000000001",
      amount: 12345,
      date: new Date("2024-07-27T10:35:45Z"),
      context: { billing: BILLING },
      options: { aliascb: "client1" },
      extraFields: { ThreeDSecureChallenge: "challenge_preferred" },
    });
    expect(Object.keys(form.fields).sort()).toEqual(
      [
        "MAC",
        "TPE",
        "ThreeDSecureChallenge",
        "aliascb",
        "contexte_commande",
        "date",
        "lgue",
        "montant",
        "reference",
        "societe",
        "version",
      ].sort(),
    );
    expect(form.fields.contexte_commande).toBe(
      "eyJiaWxsaW5nIjp7ImFkZHJlc3NMaW5lMSI6IjE4IHJ1ZSBkZSBsJ2FkcmVzc2UiLCJjaXR5IjoiUGFyaXMiLCJwb3N0YWxDb2RlIjoiNzUwMDAiLCJjb3VudHJ5IjoiRlIifX0=",
    );
    expect(form.fields.MAC).toBe(referenceMac(DOC_KEY, "payment", "v4", form.fields));
  });

  it("validates before sealing: a bad reference or language is refused with its field", async () => {
    const terminal = await createTerminal(V3);
    await expect(terminal.paymentForm({ reference: "REF-1", amount: 100 })).rejects.toMatchObject({
      code: "ERR_FIELD_CHARSET",
      field: "reference",
    });
    await expect(
      terminal.paymentForm({ reference: "R1", amount: 100, language: "JA" }),
    ).rejects.toMatchObject({
      code: "ERR_FIELD_FORMAT",
      field: "lgue",
    });
    await expect(terminal.paymentForm({ reference: "R1", amount: 0 })).rejects.toMatchObject({
      code: "ERR_AMOUNT_INVALID",
      field: "montant",
    });
    const v4 = await createTerminal(V4);
    await expect(v4.paymentForm({ reference: "R1", amount: 100 })).rejects.toMatchObject({
      code: "ERR_FIELD_MISSING",
      field: "contexte_commande",
    });
  });
});

describe("verifyNotification", () => {
  it("v3: accepts the documentation's notification, types it and answers cdr=0", async () => {
    const terminal = await createTerminal(V3);
    const vector = retourV3.vectors[0];
    if (!vector) throw new Error("vector missing");
    const result = await terminal.verifyNotification(body(vector.fields, vector.mac));
    expect(result.sealValid).toBe(true);
    expect(result.receipt).toBe(RECEIPT_OK);
    expect(result.tpeMismatch).toBe(false);
    expect(result.notification).toMatchObject({
      reference: "ABERTYP00145",
      amount: { minor: 6275, currency: "EUR" },
      outcome: { kind: "accepted" },
      brand: "VI",
      cvx: true,
      authorisationNumber: "010101",
      cardCountry: "FRA",
      threeDSecure: { status3ds: 1 },
    });
    expect(result.notification?.date.toISOString()).toBe("2006-12-05T10:55:23.000Z");
  });

  it("v4: accepts every published notification vector and decodes 3-D Secure", async () => {
    for (const vector of retourV4.vectors.filter((v) => v.key === DOC_KEY)) {
      const terminal = await createTerminal(V4);
      const result = await terminal.verifyNotification(
        new URLSearchParams(body(vector.fields, vector.mac.toUpperCase())),
      );
      expect(result.sealValid, vector.id).toBe(true);
      expect(result.notification?.reference).toBe(vector.fields.reference);
    }
    const terminal = await createTerminal(V4);
    const vector = retourV4.vectors[0];
    if (!vector) throw new Error("vector missing");
    const result = await terminal.verifyNotification(body(vector.fields, vector.mac));
    expect(result.notification?.outcome).toEqual({ kind: "accepted-test" });
    expect(result.notification?.threeDSecure).toMatchObject({
      status: "authenticated",
      version: "2.1.0",
      liabilityShift: "Y",
    });
  });

  it("answers cdr=1 for a tampered amount, a wrong key or a missing MAC, and never throws", async () => {
    const terminal = await createTerminal(V3);
    const vector = retourV3.vectors[0];
    if (!vector) throw new Error("vector missing");
    const tampered = await terminal.verifyNotification(
      body({ ...vector.fields, montant: "162.75EUR" }, vector.mac),
    );
    expect(tampered).toMatchObject({ sealValid: false, receipt: RECEIPT_INVALID });
    expect(tampered.notification).toBeUndefined();
    const other = await createTerminal({ ...V3, key: "1123456789ABCDEF0123456789ABCDEF01234567" });
    expect((await other.verifyNotification(body(vector.fields, vector.mac))).sealValid).toBe(false);
    const noMac = await terminal.verifyNotification("TPE=1234567&reference=X");
    expect(noMac.receipt).toBe(RECEIPT_INVALID);
    const repeated = await terminal.verifyNotification("TPE=1&TPE=2");
    expect(repeated.error?.code).toBe("ERR_NOTIFICATION_MALFORMED");
  });

  it("flags a posted TPE that is not the terminal's, though the v3 seal uses the terminal's own", async () => {
    const terminal = await createTerminal(V3);
    const fields = { ...retourV3.vectors[0]?.fields, TPE: "7777777" } as unknown as Record<
      string,
      string
    >;
    const mac = referenceMac(DOC_KEY, "notification", "v3", fields, { tpe: "1234567" });
    const result = await terminal.verifyNotification(body(fields, mac));
    expect(result).toMatchObject({ sealValid: true, tpeMismatch: true });
  });

  it("answers cdr=1 for a valid seal over an unknown code-retour (no other sealed message passes for a notification)", async () => {
    const terminal = await createTerminal(V4);
    const fields = {
      TPE: "1234567",
      date: "27/07/2024_a_12:36:10",
      montant: "1EUR",
      reference: "R",
      "code-retour": "bizarre",
    };
    const result = await terminal.verifyNotification(
      body(fields, referenceMac(DOC_KEY, "notification", "v4", fields)),
    );
    expect(result.sealValid).toBe(true);
    expect(result.receipt).toBe(RECEIPT_INVALID);
    expect(result.error).toMatchObject({
      code: "ERR_NOTIFICATION_MALFORMED",
      field: "code-retour",
    });
  });
});

describe("capture and recredit requests", () => {
  it("v3: seals a partial capture like the documentation", async () => {
    const terminal = await createTerminal(V3);
    const vector = captureV3.vectors.find((v) => v.id === "c3-key-branchA-P");
    const request = await terminal.captureRequest({
      reference: "ABERTYP00145",
      orderDate: { year: 2006, month: 12, day: 3 },
      amount: { minor: 10000, currency: "EUR" },
      capture: 6200,
      texteLibre: "ExempleTexteLibre",
      date: DATE,
    });
    expect(request.url).toBe("https://ssl.paiement.cic-banques.fr/test/capture_paiement.cgi");
    const { MAC, ...fields } = request.fields;
    expect(fields).toEqual({ ...vector?.fields });
    expect(captureMacData(fields, "v3")).toBe(vector?.macData);
    // The vector's MAC is under a legacy key; under the terminal's key, the reference gives it.
    expect(MAC).toBe(referenceMac(DOC_KEY, "capture", "v3", fields));
    expect(new URLSearchParams(request.body).get("montant_restant")).toBe("38.00EUR");
  });

  it("cancel and stop recurrence capture nothing and leave nothing authorised", async () => {
    const terminal = await createTerminal(V3);
    const order = {
      reference: "A1",
      orderDate: DATE,
      date: DATE,
      amount: { minor: 10000, currency: "EUR" },
      alreadyCaptured: 2500,
    };
    const cancel = await terminal.cancelRequest(order);
    expect(cancel.fields).toMatchObject({
      montant_a_capturer: "0EUR",
      montant_deja_capture: "25.00EUR",
      montant_restant: "0EUR",
    });
    const stop = await terminal.stopRecurrenceRequest(order);
    expect(stop.fields.stoprecurrence).toBe("OUI");
    // stoprecurrence is not sealed in v3, so both requests carry the same seal (vectors c3-doc-cancel/-stoprecurrence).
    expect(stop.fields.MAC).toBe(cancel.fields.MAC);
    expect(cancel.fields.MAC).toBe(referenceMac(DOC_KEY, "capture", "v3", cancel.fields));
    await expect(terminal.captureRequest({ ...order, capture: 9000 })).rejects.toMatchObject({
      code: "ERR_AMOUNT_INVALID",
    });
  });

  it("v3: seals a refund like the documentation and refuses one above what is refundable", async () => {
    const terminal = await createTerminal(V3);
    const vector = recreditV3.vectors.find((v) => v.id === "rc3-second-refund");
    const request = await terminal.recreditRequest({
      reference: "ABERTYP00145",
      orderDate: { year: 2006, month: 12, day: 3 },
      captureDate: { year: 2006, month: 12, day: 4 },
      authorisationNumber: "1234A6",
      amount: { minor: 10000, currency: "EUR" },
      refund: 1000,
      refundable: 9000,
      texteLibre: "ExempleTexteLibre",
      date: DATE,
    });
    const { MAC, ...fields } = request.fields;
    expect(fields).toEqual({ ...vector?.fields });
    expect(MAC).toBe(vector?.mac);
    expect(recreditMacData(fields, "v3")).toBe(vector?.macData);
    await expect(
      terminal.recreditRequest({
        ...request.fields,
        reference: "A",
        orderDate: DATE,
        captureDate: DATE,
        authorisationNumber: "1",
        amount: { minor: 100, currency: "EUR" },
        refund: 200,
        refundable: 100,
      }),
    ).rejects.toMatchObject({ code: "ERR_AMOUNT_INVALID", field: "montant_recredit" });
  });

  it("v4: seals the sorted field set without texte-libre", async () => {
    const terminal = await createTerminal(V4);
    const request = await terminal.captureRequest({
      reference: "A1",
      orderDate: DATE,
      amount: { minor: 10000, currency: "EUR" },
      capture: 10000,
      date: DATE,
    });
    expect(request.fields["texte-libre"]).toBeUndefined();
    const { MAC, ...fields } = request.fields;
    expect(MAC).toBe(referenceMac(DOC_KEY, "capture", "v4", fields));
  });
});
