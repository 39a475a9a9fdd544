import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceMac, referenceMacString } from "../../../protocol/test/reference-seal.mjs";
import {
  DOC_KEY,
  json,
  type Merchant,
  open,
  payForm,
  post,
  reseal,
  START,
  sandboxFor,
  sealedForm,
  startMerchant,
  vectors,
} from "../../test/harness.ts";
import { createSandbox } from "../app.ts";
import type { NotificationRecord } from "../ledger.ts";

let merchant: Merchant;
beforeAll(async () => {
  merchant = await startMerchant();
});
afterAll(() => merchant.close());

async function vectorSandbox(format: "v3" | "v4", mode: "immediate" | "split", at: string) {
  return createSandbox({
    terminals: [
      { tpe: "1234567", key: DOC_KEY, societe: "monSite1", format, mode, retourUrl: merchant.url },
    ],
    now: () => Date.parse(at),
    retryDelayMs: 0,
    retourTimeoutMs: 400,
  });
}

describe("paiement.cgi with the public vectors", () => {
  it("accepts the v3 documentation forms sealed with the documentation key", async () => {
    const all = await vectors("aller-v3.json");
    const sandbox = await vectorSandbox("v3", "immediate", "2006-12-05T11:00:00Z");
    for (const id of ["a3-doc-classic", "a3-empty-optionals", "a3-special-chars"]) {
      const vector = all.find((v) => v.id === id);
      if (!vector) throw new Error(id);
      const res = await post(sandbox, "/test/paiement.cgi", { ...vector.fields, MAC: vector.mac });
      expect(res.status, id).toBe(303);
      expect(res.headers.get("location")).toMatch(/^\/test\/carte\/s/);
      sandbox.reset();
    }
  });

  it("accepts the v3 split vector on a split terminal and shows its schedule", async () => {
    const vector = (await vectors("aller-v3.json")).find((v) => v.id === "a3-doc-split4");
    if (!vector) throw new Error("a3-doc-split4");
    const sandbox = await vectorSandbox("v3", "split", "2006-12-05T11:00:00Z");
    const path = await open(sandbox, { ...vector.fields, MAC: vector.mac });
    const page = await (await sandbox.app.request(path)).text();
    expect(page).toContain("05/03/2007");
    expect(page).toContain("15,50");
  });

  it("accepts the v4 vectors sealed with the documentation key", async () => {
    const all = await vectors("aller-v4.json");
    const sandbox = await vectorSandbox("v4", "immediate", "2024-07-27T10:40:00Z");
    for (const id of ["a4-basic", "a4-minimal"]) {
      const vector = all.find((v) => v.id === id);
      if (!vector) throw new Error(id);
      const res = await post(sandbox, "/test/paiement.cgi", { ...vector.fields, MAC: vector.mac });
      expect(res.status, id).toBe(303);
    }
  });

  it("verifies the seal of every public payment vector, legacy keys included", async () => {
    for (const [file, format] of [
      ["aller-v3.json", "v3"],
      ["aller-v4.json", "v4"],
    ] as const) {
      for (const vector of (await vectors(file)) as (Awaited<ReturnType<typeof vectors>>[number] & {
        key: string;
      })[]) {
        const date = vector.fields.date ?? "";
        const sandbox = await createSandbox({
          terminals: [
            {
              tpe: "1234567",
              key: vector.key,
              societe: "monSite1",
              format,
              mode: vector.fields.nbrech ? "split" : "immediate",
              express: true,
              retourUrl: merchant.url,
            },
          ],
          now: () => Date.UTC(+date.slice(6, 10), +date.slice(3, 5) - 1, +date.slice(0, 2), 12),
        });
        const res = await post(sandbox, "/test/paiement.cgi", {
          ...vector.fields,
          MAC: vector.mac,
        });
        // Accented free text in v3 is refused by the field rules, never by the seal.
        const refused = vector.id === "a3-latin1-texte";
        expect([res.status, res.headers.get("x-sandbox-error")], vector.id).toEqual(
          refused ? [400, "ERR_FORM_INVALID"] : [303, null],
        );
      }
    }
  });

  it("sends a v3 Retour the merchant's kit verifies", async () => {
    const vector = (await vectors("aller-v3.json")).find((v) => v.id === "a3-doc-classic");
    if (!vector) throw new Error("a3-doc-classic");
    const sandbox = await vectorSandbox("v3", "immediate", "2006-12-05T11:00:00Z");
    merchant.received.length = 0;
    const { html } = await payForm(sandbox, { ...vector.fields, MAC: vector.mac });
    expect(html).toContain("https://shop.example/ok?o=42");
    const received = merchant.received.at(-1) ?? {};
    expect(received.MAC).toBe(referenceMac(DOC_KEY, "notification", "v3", received));
    expect(received["texte-libre"]).toBe("ExempleTexteLibre");
    expect(received.date).toBe("05/12/2006_a_12:00:00");
  });
});

describe("paiement.cgi seal checks", () => {
  for (const format of ["v3", "v4"] as const) {
    it(`refuses a tampered ${format} form and shows the string the bank sealed`, async () => {
      const sandbox = await sandboxFor(merchant.url);
      const tpe = format === "v3" ? "7654322" : "7654321";
      const fields = await sealedForm(tpe, format, { texteLibre: "a<b>&c" });
      const tampered = { ...fields, montant: "1.00EUR" };
      const res = await post(sandbox, "/test/paiement.cgi", tampered);
      expect(res.status).toBe(400);
      expect(res.headers.get("x-sandbox-error")).toBe("ERR_SEAL_INVALID");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      const page = await res.text();
      expect(page).toContain("signature non valide");
      const sealed = referenceMacString("payment", format, tampered)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;");
      expect(page).toContain(`<pre id="sealed-string">${sealed}</pre>`);
      expect(page).not.toContain("<b>");
    });
  }

  it("says when a form is sealed in the other format", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654321", "v4");
    const v3Sealed = await reseal({ ...fields }, "v3");
    const page = await (await post(sandbox, "/test/paiement.cgi", v3Sealed)).text();
    expect(page).toContain("sealed in the v3 format, but terminal 7654321 uses v4");
  });

  it("refuses a form without MAC", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654321", "v4");
    delete fields.MAC;
    const res = await post(sandbox, "/test/paiement.cgi", fields);
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_SEAL_INVALID");
    expect(await res.text()).toContain("The form has no MAC field.");
  });
});

describe("paiement.cgi identification", () => {
  it("refuses an unknown TPE", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654321", "v4");
    const res = await post(sandbox, "/test/paiement.cgi", { ...fields, TPE: "0000000" });
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_TERMINAL_UNKNOWN");
    expect(await res.text()).toContain("n&#x27;a pas été identifié");
  });

  it("refuses a wrong societe", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await reseal(
      { ...(await sealedForm("7654321", "v4")), societe: "autreSite" },
      "v4",
    );
    const res = await post(sandbox, "/test/paiement.cgi", fields);
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_MERCHANT_UNIDENTIFIED");
  });

  it("refuses an unknown or lower-case lgue", async () => {
    const sandbox = await sandboxFor(merchant.url);
    for (const lgue of ["fr", "XX", "JA"]) {
      const fields = await reseal({ ...(await sealedForm("7654322", "v3")), lgue }, "v3");
      const res = await post(sandbox, "/test/paiement.cgi", fields);
      expect(res.headers.get("x-sandbox-error"), lgue).toBe("ERR_MERCHANT_UNIDENTIFIED");
    }
  });

  it("refuses a body with a repeated field", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const res = await sandbox.app.request("/test/paiement.cgi", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "TPE=7654321&TPE=7654322",
    });
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_FORM_INVALID");
  });
});

describe("paiement.cgi field checks", () => {
  const cases: [string, "v3" | "v4", Record<string, string | undefined>, string, string][] = [
    ["missing reference", "v4", { reference: undefined }, "reference", "ERR_FIELD_MISSING"],
    [
      "reference too long in v3",
      "v3",
      { reference: "ABCDEFGHIJKLM" },
      "reference",
      "ERR_FIELD_TOO_LONG",
    ],
    ["reference with a dash", "v4", { reference: "AB-12" }, "reference", "ERR_FIELD_CHARSET"],
    ["amount with a space", "v4", { montant: "62.73 EUR" }, "montant", "ERR_AMOUNT_INVALID"],
    ["unknown currency", "v4", { montant: "62.73EUX" }, "montant", "ERR_CURRENCY_UNKNOWN"],
    ["amount without currency", "v3", { montant: "62.73" }, "montant", "ERR_AMOUNT_INVALID"],
    ["ISO date", "v4", { date: "2026-01-31T10:00:00" }, "date", "ERR_DATE_INVALID"],
    ["impossible date", "v4", { date: "31/02/2026:10:00:00" }, "date", "ERR_DATE_INVALID"],
    ["version 4.0", "v4", { version: "4.0" }, "version", "ERR_FIELD_FORMAT"],
    ["bad e-mail", "v3", { mail: "nobody" }, "mail", "ERR_FIELD_FORMAT"],
    ["accented texte-libre", "v3", { "texte-libre": "Noël" }, "texte-libre", "ERR_FIELD_CHARSET"],
    ["relative return URL", "v4", { url_retour_ok: "/merci" }, "url_retour_ok", "ERR_FIELD_FORMAT"],
    [
      "no contexte_commande in v4",
      "v4",
      { contexte_commande: undefined },
      "contexte_commande",
      "ERR_FIELD_MISSING",
    ],
    [
      "contexte_commande not base64 JSON",
      "v4",
      { contexte_commande: "bm9wZQ==" },
      "contexte_commande",
      "ERR_CONTEXT_INVALID",
    ],
    [
      "bad ThreeDSecureChallenge",
      "v4",
      { ThreeDSecureChallenge: "always" },
      "ThreeDSecureChallenge",
      "ERR_FIELD_FORMAT",
    ],
    ["bad v3 option syntax", "v3", { options: "a=b=c" }, "options", "ERR_FIELD_FORMAT"],
  ];
  for (const [name, format, change, field, code] of cases) {
    it(`refuses ${name} with ${code} on ${field}`, async () => {
      const sandbox = await sandboxFor(merchant.url);
      const fields: Record<string, string> = await sealedForm(
        format === "v3" ? "7654322" : "7654321",
        format,
      );
      for (const [k, v] of Object.entries(change)) {
        if (v === undefined) delete fields[k];
        else fields[k] = v;
      }
      const res = await post(sandbox, "/test/paiement.cgi", await reseal(fields, format));
      expect(res.status).toBe(400);
      expect(res.headers.get("x-sandbox-error")).toBe("ERR_FORM_INVALID");
      const page = await res.text();
      expect(page).toContain("Mode de paiement non disponible");
      expect(page).toContain(`<td><code>${field}</code></td><td><code>${code}</code></td>`);
    });
  }

  it("reads the amount with the bank's rule: the first , or . is the decimal mark", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await reseal(
      { ...(await sealedForm("7654321", "v4")), montant: "1.234,50EUR" },
      "v4",
    );
    const path = await open(sandbox, fields);
    const page = await (await sandbox.app.request(path)).text();
    expect(page).toContain("1,23");
    expect(page).toContain("cela fait 123 unités mineures de EUR");
    merchant.received.length = 0;
    await post(sandbox, path, {
      numero: "4000000000000002",
      mois: "12",
      annee: "2029",
      cvv: "123",
    });
    expect(merchant.received.at(-1)?.montant).toBe("1.234,50EUR");
  });

  it("rounds extra decimals as the bank does, with a warning", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await reseal(
      { ...(await sealedForm("7654322", "v3")), montant: "62.735EUR" },
      "v3",
    );
    const page = await (await sandbox.app.request(await open(sandbox, fields))).text();
    expect(page).toContain("62,74");
    expect(page).toContain('id="warnings"');
  });

  it("refuses inconsistent split fields with the bank's split message", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654323", "v4", { split: { count: 3 } });
    fields.dateech2 = "01/03/2026";
    const res = await post(sandbox, "/test/paiement.cgi", await reseal(fields, "v4"));
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_SCHEDULE_INVALID");
    const page = await res.text();
    expect(page).toContain("Les données du formulaire sont incorrectes");
    expect(page).toContain("28/02/2026");
  });

  it("refuses an order too small for the split terminal's own schedule, with the bank's split message", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const res = await post(
      sandbox,
      "/test/paiement.cgi",
      await sealedForm("7654323", "v4", { amount: 2 }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_SCHEDULE_INVALID");
    expect(await res.text()).toContain("Les données du formulaire sont incorrectes.");
  });

  it("refuses split fields on a terminal not contracted for split payments", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654321", "v4", { split: { count: 2 } });
    const res = await post(sandbox, "/test/paiement.cgi", fields);
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_MODE_UNAVAILABLE");
  });

  it("refuses express payment on a terminal without the option, and unknown v3 options", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const v3 = await sealedForm("7654322", "v3", { options: { aliascb: "client1" } });
    expect((await post(sandbox, "/test/paiement.cgi", v3)).headers.get("x-sandbox-error")).toBe(
      "ERR_MODE_UNAVAILABLE",
    );
    const unknown = await sealedForm("7654322", "v3", { options: { nimportequoi: "1" } });
    const res = await post(sandbox, "/test/paiement.cgi", unknown);
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_MODE_UNAVAILABLE");
    expect(await res.text()).toContain("Unknown option nimportequoi");
  });
});

describe("paiement.cgi order rules", () => {
  it("refuses a form dated more than 12 hours before the bank's clock", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654321", "v4", { date: new Date(START - 13 * 3_600_000) });
    const res = await post(sandbox, "/test/paiement.cgi", fields);
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_ORDER_EXPIRED");
    expect(await res.text()).toContain("La date de validité de votre commande est dépassée");
    const recent = await sealedForm("7654321", "v4", { date: new Date(START - 11 * 3_600_000) });
    expect((await post(sandbox, "/test/paiement.cgi", recent)).status).toBe(303);
  });

  it("refuses a reference already paid", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654321", "v4");
    await payForm(sandbox, fields);
    const res = await post(sandbox, "/test/paiement.cgi", fields);
    expect(res.status).toBe(409);
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_ORDER_PROCESSED");
    expect(await res.text()).toContain("Votre commande a déjà été traitée");
  });

  it("lets the merchant post a refused reference again", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654321", "v4");
    await payForm(sandbox, fields, "4000000000000101");
    const { html } = await payForm(sandbox, fields, "4000000000000002");
    expect(html).toContain('id="ticket"');
    const codes = (await json<NotificationRecord[]>(sandbox, "/_sandbox/notifications")).map(
      (n) => n.code,
    );
    expect(codes).toEqual(["Annulation", "payetest"]);
  });

  it("refuses a reference pending for more than an hour", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654321", "v4");
    await open(sandbox, fields);
    await sandbox.advance(61 * 60_000);
    const res = await post(sandbox, "/test/paiement.cgi", fields);
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_ORDER_EXPIRED");
  });

  it("answers paiement instead of payetest on the production path", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654321", "v4");
    const path = await open(sandbox, fields, "/paiement.cgi");
    expect(path).toMatch(/^\/carte\//);
    merchant.received.length = 0;
    await post(sandbox, path, {
      numero: "5100000000000008",
      mois: "12",
      annee: "2029",
      cvv: "123",
    });
    expect(merchant.received[0]?.["code-retour"]).toBe("paiement");
    expect(merchant.received[0]?.brand).toBe("MC");
  });

  it("refuses a GET with the bank's message", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const res = await sandbox.app.request("/test/paiement.cgi?TPE=7654321");
    expect(res.status).toBe(405);
    expect(await res.text()).toContain("Mode de paiement non disponible");
  });

  it("accepts multipart form posts", async () => {
    const sandbox = await sandboxFor(merchant.url);
    const fields = await sealedForm("7654321", "v4");
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    const res = await sandbox.app.request("/test/paiement.cgi", { method: "POST", body: data });
    expect(res.status).toBe(303);
  });
});
