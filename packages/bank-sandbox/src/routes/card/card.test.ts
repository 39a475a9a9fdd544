import { parseNotification } from "@sceau/protocol";
import { describe, expect, it } from "vitest";
import { referenceMac } from "../../../../protocol/test/reference-seal.mjs";
import {
  DOC_KEY,
  json,
  open,
  pay,
  payForm,
  post,
  sandboxPerTest,
  sealedForm,
} from "../../../test/harness.ts";
import type { NotificationRecord, Transaction } from "../../ledger.ts";
import { NO_AUTHENTICATION } from "../../retour-fields.ts";
import { TEST_CARDS } from "../../test-cards.ts";

const env = sandboxPerTest();

function decodeAuth(value: string | undefined): Record<string, unknown> | null {
  return JSON.parse(atob(value ?? "")) as Record<string, unknown> | null;
}

/** The MAC the merchant must find on a Retour of terminal `tpe`, from the tests' own reference. */
function expectedMac(tpe: string, format: "v3" | "v4", fields: Record<string, string>) {
  return referenceMac(DOC_KEY, "notification", format, fields, { tpe });
}

describe("card page", () => {
  it("shows the merchant, TPE, reference, amount and the TEST panel", async () => {
    const fields = await sealedForm("7654321", "v4", { amount: 123456 });
    const path = await open(env.sandbox, fields);
    const res = await env.sandbox.app.request(path);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("7654321");
    expect(page).toContain(fields.reference);
    expect(page).toMatch(/1\s?234,56\s€/);
    expect(page).toContain('class="test-badge"');
    expect(page).not.toContain("<script");
    for (const card of TEST_CARDS) expect(page).toContain(`href="?fill=${card.id}"`);
  });

  it("fills the form from a test card link", async () => {
    const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
    const page = await (await env.sandbox.app.request(`${path}?fill=amex`)).text();
    expect(page).toContain('value="340000000000009"');
    expect(page).toContain('value="1234"');
    expect(page).toContain('<option value="2029" selected>');
  });

  it("in French: typography, card autocomplete, an expiry in the future, the TEST panel in French", async () => {
    const page = await (
      await env.sandbox.app.request(await open(env.sandbox, await sealedForm("7654321", "v4")))
    ).text();
    expect(page).toContain(
      '<p id="attempts">Tentatives restantes\u00a0: <span id="attempts-left">',
    );
    expect(page).toContain('name="numero" inputmode="numeric" autocomplete="cc-number"');
    expect(page).toContain('autocomplete="cc-exp-month"');
    expect(page).toContain('autocomplete="cc-exp-year"');
    expect(page).toContain('autocomplete="cc-csc"');
    expect(page).not.toContain('autocomplete="off"');
    // The sandbox clock starts on 31 January 2026: December 2029 preselected, no year already past.
    expect(page).toContain('<option value="12" selected>');
    expect(page).toContain('<option value="2029" selected>');
    expect(page).not.toContain('<option value="2025"');
    expect(page).toContain("<h2>TEST — cartes de test</h2>");
    expect(page).toContain("(expiration 12/2029, cryptogramme indiqué)");
    expect(page).toContain(
      '<link rel="icon" href="/_sandbox/assets/favicon.svg" type="image/svg+xml">',
    );
    const icon = await env.sandbox.app.request("/_sandbox/assets/favicon.svg");
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
  });

  it.each([
    ["DE", /\b\d{2}\.\d{2}\.2026\b/],
    ["IT", /\b\d{2}\/\d{2}\/2026\b/],
    ["ES", /\b\d{2}\/\d{2}\/2026\b/],
  ])("prints four-digit years on the %s ticket", async (language, date) => {
    const { html } = await payForm(env.sandbox, await sealedForm("7654321", "v4", { language }));
    expect(html).toContain('id="ticket"');
    expect(html).toMatch(date);
  });

  it("serves the stylesheet the CSP allows", async () => {
    const res = await env.sandbox.app.request("/_sandbox/assets/sandbox.css");
    expect(res.headers.get("content-type")).toContain("text/css");
  });

  const invalid: [string, Record<string, string>, string][] = [
    [
      "a number failing Luhn",
      { numero: "4000000000000001", mois: "12", annee: "2029", cvv: "123" },
      "numéro de carte",
    ],
    [
      "a past expiry",
      { numero: "4000000000000002", mois: "12", annee: "2025", cvv: "123" },
      "date d&#x27;expiration",
    ],
    [
      "a 2-digit CVV",
      { numero: "4000000000000002", mois: "12", annee: "2029", cvv: "12" },
      "3 chiffres",
    ],
    [
      "a 3-digit Amex CVV",
      { numero: "340000000000009", mois: "12", annee: "2029", cvv: "123" },
      "4 chiffres",
    ],
    [
      "a 4-digit Visa CVV",
      { numero: "4000000000000002", mois: "12", annee: "2029", cvv: "1234" },
      "3 chiffres",
    ],
  ];
  for (const [name, values, message] of invalid) {
    it(`rejects ${name} without an attempt or a Retour`, async () => {
      const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
      const res = await post(env.sandbox, path, values);
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(message);
      expect(env.merchant.received).toHaveLength(0);
    });
  }

  it("accepts an expiry in the current month and a number typed with spaces", async () => {
    const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
    const res = await post(env.sandbox, path, {
      numero: "4000 0000 0000 0002",
      mois: "01",
      annee: "2026",
      cvv: "123",
    });
    expect(await res.text()).toContain('id="ticket"');
    expect(env.merchant.received[0]?.vld).toBe("0126");
  });
});

describe("test cards", () => {
  const expectations: Record<
    string,
    { code: string; motif?: string; detail?: string; country?: string }
  > = {
    visa: { code: "payetest" },
    mastercard: { code: "payetest" },
    amex: { code: "payetest" },
    refused: { code: "Annulation", motif: "Refus", detail: "Refus emetteur" },
    lost: { code: "Annulation", motif: "Interdit", detail: "Refus critique" },
    fraud: { code: "Annulation", motif: "filtrage", detail: "-" },
    foreign: { code: "payetest", country: "BEL" },
    "later-refused": { code: "payetest" },
    "later-retry": { code: "payetest" },
    "later-four": { code: "payetest" },
    "later-lost": { code: "payetest" },
    phone: { code: "Annulation", motif: "Appel Phonie", detail: "Refus emetteur" },
  };
  for (const card of TEST_CARDS.filter((c) => c.id !== "3ds")) {
    it(`${card.id} (${card.number}) gives ${expectations[card.id]?.code} in v4 and v3`, async () => {
      const want = expectations[card.id];
      if (!want) throw new Error(card.id);
      for (const [tpe, format] of [
        ["7654321", "v4"],
        ["7654322", "v3"],
      ] as const) {
        env.merchant.received.length = 0;
        const form = await sealedForm(tpe, format);
        const path = await open(env.sandbox, form);
        const page = await (await pay(env.sandbox, path, card.number, card.cvv)).text();
        expect(page).toContain(want.code === "payetest" ? 'id="ticket"' : 'id="refusal"');
        const retour = env.merchant.received[0] ?? {};
        expect(retour["code-retour"]).toBe(want.code);
        expect(retour.MAC).toBe(expectedMac(tpe, format, retour));
        expect(retour.brand).toBe("na");
        expect(retour.originecb).toBe(want.country ?? (card.country === "BEL" ? "BEL" : "FRA"));
        if (want.code === "payetest") {
          expect(retour.numauto).toMatch(/^\d{6}$/);
          expect(page).toContain(retour.numauto);
        }
        if (format === "v4") {
          expect(retour.motifrefus).toBe(want.motif);
          expect(retour.motifrefusautorisation).toBe(want.detail);
          expect(retour.modepaiement).toBe("CB");
          expect(retour.cbmasquee).toMatch(
            card.number.length === 15 ? /^\d{6}\*{6}\d{3}$/ : /^\d{8}\*{6}\d{2}$/,
          );
          expect(retour.bincb).toBe(
            card.number.length === 15 ? `${card.number.slice(0, 6)}XX` : card.number.slice(0, 8),
          );
        } else {
          expect(retour.motifrefus).toBe(want.motif ?? "");
          expect(Object.keys(retour)).toEqual(
            expect.arrayContaining([
              "status3ds",
              "veres",
              "pares",
              "hpancb",
              "ipclient",
              "originetr",
              "bincb",
            ]),
          );
          expect(retour.bincb).toBe(card.number.slice(0, 6));
        }
        if (card.id === "fraud") {
          expect(retour.filtragecause).toBe("3-");
          expect(retour.filtragevaleur).toBe(`${card.number.slice(0, 6)}-`);
        }
        const parsed = parseNotification(retour);
        expect(parsed.reference).toBe(form.reference);
        expect(parsed.amount).toEqual({ minor: 6273, currency: "EUR" });
      }
    });
  }

  it("any other valid number is refused as 'Refus test'", async () => {
    const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
    await pay(env.sandbox, path, "4111111111111111");
    expect(env.merchant.received[0]?.motifrefusautorisation).toBe("Refus test");
  });

  it("the 3-D Secure card shows the challenge, which the buyer passes", async () => {
    const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
    const res = await pay(env.sandbox, path, "4000000000000309");
    expect(res.status).toBe(303);
    const step = res.headers.get("location") ?? "";
    expect(step).toBe(`${path}/3ds`);
    expect(await (await env.sandbox.app.request(step)).text()).toContain(
      "Authentification 3-D Secure",
    );
    expect(env.merchant.received).toHaveLength(0);
    const page = await (await post(env.sandbox, step, { decision: "pass" })).text();
    expect(page).toContain('id="ticket"');
    const retour = env.merchant.received[0] ?? {};
    expect(retour["code-retour"]).toBe("payetest");
    expect(decodeAuth(retour.authentification)).toMatchObject({
      status: "authenticated",
      details: { ARes: "C", CRes: "Y", liabilityShift: "Y" },
    });
  });

  it("the 3-D Secure card is refused when the buyer fails the challenge (v3: pares N)", async () => {
    const path = await open(env.sandbox, await sealedForm("7654322", "v3"));
    const step = (await pay(env.sandbox, path, "4000000000000309")).headers.get("location") ?? "";
    const page = await (await post(env.sandbox, step, { decision: "fail" })).text();
    expect(page).toContain('id="refusal"');
    const retour = env.merchant.received[0] ?? {};
    expect(retour["code-retour"]).toBe("Annulation");
    expect(retour.status3ds).toBe("4");
    expect(retour.pares).toBe("N");
  });

  it("a v4 3-D Secure failure says 3DSecure in motifrefus", async () => {
    const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
    const step = (await pay(env.sandbox, path, "4000000000000309")).headers.get("location") ?? "";
    await post(env.sandbox, step, { decision: "fail" });
    const retour = env.merchant.received[0] ?? {};
    expect(retour.motifrefus).toBe("3DSecure");
    expect(decodeAuth(retour.authentification)).toMatchObject({ status: "not_authenticated" });
  });

  it("challenge_mandated sends every accepted card through the challenge", async () => {
    const path = await open(
      env.sandbox,
      await sealedForm("7654321", "v4", {
        extraFields: { ThreeDSecureChallenge: "challenge_mandated" },
      }),
    );
    const res = await pay(env.sandbox, path, "4000000000000002");
    expect(res.headers.get("location")).toBe(`${path}/3ds`);
    await post(env.sandbox, `${path}/3ds`, { decision: "pass" });
    expect(decodeAuth(env.merchant.received[0]?.authentification)).toMatchObject({
      details: { merchantPreference: "challenge_mandated" },
    });
  });

  it("3dsdebrayable=1 on a terminal with the option: no challenge, authentification disabled by the merchant", async () => {
    const path = await open(
      env.sandbox,
      await sealedForm("7654321", "v4", {
        extraFields: { "3dsdebrayable": "1", ThreeDSecureChallenge: "no_challenge_requested" },
      }),
    );
    // The 3-D Secure card, which always meets the challenge otherwise, is paid straight away.
    const page = await (await pay(env.sandbox, path, "4000000000000309")).text();
    expect(page).toContain('id="ticket"');
    const retour = env.merchant.received[0] ?? {};
    expect(retour["code-retour"]).toBe("payetest");
    expect(retour.statutdebrayageauthentification).toBe("1");
    expect(decodeAuth(retour.authentification)).toEqual({
      status: "disabled",
      protocol: "3DSecure",
      details: { merchantPreference: "no_challenge_requested", disablingReason: "commercant" },
    });
  });

  it("3dsdebrayable=1 without the option: 3-D Secure runs as usual and the Retour says -2", async () => {
    const path = await open(
      env.sandbox,
      await sealedForm("7654324", "v4", { extraFields: { "3dsdebrayable": "1" } }),
    );
    const res = await pay(env.sandbox, path, "4000000000000309");
    expect(res.headers.get("location")).toBe(`${path}/3ds`);
    await post(env.sandbox, `${path}/3ds`, { decision: "pass" });
    const retour = env.merchant.received[0] ?? {};
    expect(retour.statutdebrayageauthentification).toBe("-2");
    expect(decodeAuth(retour.authentification)).toMatchObject({ status: "authenticated" });
  });

  it("a form without 3dsdebrayable gets no statutdebrayageauthentification", async () => {
    await pay(
      env.sandbox,
      await open(env.sandbox, await sealedForm("7654321", "v4")),
      "4000000000000002",
    );
    expect(env.merchant.received[0]).not.toHaveProperty("statutdebrayageauthentification");
  });

  it("a terminal without 3-D Secure sends authentification null and stores express cards", async () => {
    const path = await open(
      env.sandbox,
      await sealedForm("7654329", "v4", { options: { aliascb: "client1" } }),
    );
    await pay(env.sandbox, path, "4000000000000309");
    const retour = env.merchant.received[0] ?? {};
    expect(retour.authentification).toBe(NO_AUTHENTICATION);
    expect(retour.cbenregistree).toBe("1");
  });

  it("frictionless payments carry an authenticated v4 authentification and status3ds 1 in v3", async () => {
    await pay(
      env.sandbox,
      await open(env.sandbox, await sealedForm("7654321", "v4")),
      "4000000000000002",
    );
    expect(decodeAuth(env.merchant.received[0]?.authentification)).toMatchObject({
      status: "authenticated",
      protocol: "3DSecure",
      details: { ARes: "Y" },
    });
    await pay(
      env.sandbox,
      await open(env.sandbox, await sealedForm("7654322", "v3")),
      "4000000000000002",
    );
    expect(env.merchant.received[1]?.status3ds).toBe("1");
  });
});

describe("attempts, cancel, ticket", () => {
  it("allows four attempts per reference, then blocks the order", async () => {
    const fields = await sealedForm("7654321", "v4");
    const path = await open(env.sandbox, fields);
    for (let i = 1; i <= 3; i++) {
      const page = await (await pay(env.sandbox, path, "4000000000000101")).text();
      expect(page).toContain('id="retry"');
      expect(page).toContain("http://shop.test/erreur");
      const card = await (await env.sandbox.app.request(path)).text();
      expect(card).toContain(`<span id="attempts-left">${4 - i}</span>`);
    }
    const last = await pay(env.sandbox, path, "4000000000000101");
    expect(last.headers.get("x-sandbox-error")).toBe("ERR_ATTEMPTS_EXHAUSTED");
    expect(await last.text()).not.toContain('id="retry"');
    const again = await pay(env.sandbox, path, "4000000000000002");
    expect(again.status).toBe(409);
    expect(env.merchant.received.map((r) => r["code-retour"])).toEqual([
      "Annulation",
      "Annulation",
      "Annulation",
      "Annulation",
    ]);
    const repost = await post(env.sandbox, "/test/paiement.cgi", fields);
    expect(repost.headers.get("x-sandbox-error")).toBe("ERR_ATTEMPTS_EXHAUSTED");
    const tx = await json<Transaction>(
      env.sandbox,
      `/_sandbox/transactions/7654321/${fields.reference}`,
    );
    expect(tx.status).toBe("blocked");
  });

  it("accepts the card after a refusal on the same page", async () => {
    const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
    await pay(env.sandbox, path, "4000000000000101");
    const page = await (await pay(env.sandbox, path, "5100000000000008")).text();
    expect(page).toContain('id="ticket"');
    expect(env.merchant.received.map((r) => r["code-retour"])).toEqual(["Annulation", "payetest"]);
  });

  it("the cancel link returns to url_retour_err without a Retour", async () => {
    const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
    const page = await (await env.sandbox.app.request(path)).text();
    expect(page).toContain(`href="${path}/annuler"`);
    const res = await env.sandbox.app.request(`${path}/annuler`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("http://shop.test/erreur");
    expect(env.merchant.received).toHaveLength(0);
    expect((await env.sandbox.app.request(path)).status).toBe(409);
  });

  it("the ticket shows amount, date, authorisation and the url_retour_ok link", async () => {
    const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
    const page = await (await pay(env.sandbox, path, "4000000000000002")).text();
    expect(page).toMatch(/62,73\s€/);
    expect(page).toContain('<dd id="date">31/01/2026 10:00:00</dd>');
    expect(page).toContain(`<dd id="authorisation">${env.merchant.received[0]?.numauto}</dd>`);
    expect(page).toContain('id="back" href="http://shop.test/merci"');
    expect((await env.sandbox.app.request(path)).status).toBe(409);
  });

  it("expires the card page after 45 minutes", async () => {
    const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
    await env.sandbox.advance(46 * 60_000);
    const res = await pay(env.sandbox, path, "4000000000000002");
    expect(res.status).toBe(410);
    expect(res.headers.get("x-sandbox-error")).toBe("ERR_SESSION_EXPIRED");
    expect(env.merchant.received).toHaveLength(0);
  });

  it("answers 404 for an unknown session", async () => {
    const res = await env.sandbox.app.request("/test/carte/nope");
    expect(res.status).toBe(404);
  });

  it("sends the buyer's IP from the proxy header", async () => {
    const path = await open(env.sandbox, await sealedForm("7654321", "v4"));
    await env.sandbox.app.request(path, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": "203.0.113.9",
      },
      body: "numero=4000000000000002&mois=12&annee=2029&cvv=123",
    });
    expect(env.merchant.received[0]?.ipclient).toBe("203.0.113.9");
  });

  it("lists the notifications with their receipts", async () => {
    await pay(
      env.sandbox,
      await open(env.sandbox, await sealedForm("7654321", "v4")),
      "4000000000000002",
    );
    const list = await json<NotificationRecord[]>(env.sandbox, "/_sandbox/notifications");
    expect(list[0]?.delivered).toBe(true);
    expect(list[0]?.attempts[0]?.receipt).toBe("version=2\ncdr=0\n");
  });
});

describe("the card form", () => {
  it("defaults the expiry to a future month (12, three years on) and lists no past year", async () => {
    const page = await (
      await env.sandbox.app.request(await open(env.sandbox, await sealedForm("7654321", "v4")))
    ).text();
    expect(page).toContain('<option value="12" selected>');
    expect(page).toContain('<option value="2029" selected>');
    expect(page).toContain('<option value="2026">');
    expect(page).not.toContain('<option value="2025">');
  });

  it("names its fields for the browser's card autofill", async () => {
    const page = await (
      await env.sandbox.app.request(await open(env.sandbox, await sealedForm("7654321", "v4")))
    ).text();
    for (const token of ["cc-number", "cc-exp-month", "cc-exp-year", "cc-csc"]) {
      expect(page).toContain(`autocomplete="${token}"`);
    }
    expect(page).not.toContain('autocomplete="off"');
  });

  it("writes French typography (a no-break space before the colon), English without", async () => {
    const fr = await (
      await env.sandbox.app.request(await open(env.sandbox, await sealedForm("7654321", "v4")))
    ).text();
    expect(fr).toContain('Tentatives restantes\u00a0: <span id="attempts-left">4</span>');
    const en = await (
      await env.sandbox.app.request(
        await open(env.sandbox, await sealedForm("7654321", "v4", { language: "EN" })),
      )
    ).text();
    expect(en).toContain('Attempts left: <span id="attempts-left">4</span>');
  });

  it("serves an icon instead of a 404, linked from every page", async () => {
    const page = await (
      await env.sandbox.app.request(await open(env.sandbox, await sealedForm("7654321", "v4")))
    ).text();
    expect(page).toContain(
      '<link rel="icon" href="/_sandbox/assets/favicon.svg" type="image/svg+xml">',
    );
    for (const path of ["/favicon.ico", "/_sandbox/assets/favicon.svg"]) {
      const res = await env.sandbox.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(await res.text()).toMatch(/^<svg /);
    }
  });

  it("draws a visible focus ring like the shop's (3 px outline, 2 px offset)", async () => {
    const css = await (await env.sandbox.app.request("/_sandbox/assets/sandbox.css")).text();
    expect(css).toMatch(
      /a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible[^{]*\{ outline: 3px solid #0b3d6e; outline-offset: 2px; \}/,
    );
  });
});

describe("languages", () => {
  const tickets: Record<string, { date: string; panel: string; label: string; retour: string }> = {
    FR: {
      date: "31/01/2026 10:00:00",
      panel: "TEST — cartes de test",
      label: "Perdue ou volée (refus critique)",
      retour: "accusé de réception valide",
    },
    EN: {
      date: "31/01/2026, 10:00:00",
      panel: "TEST — test cards",
      label: "Lost / stolen (critical refusal)",
      retour: "receipt OK",
    },
    DE: {
      date: "31.01.2026, 10:00:00",
      panel: "TEST — Testkarten",
      label: "Verloren oder gestohlen (kritische Ablehnung)",
      retour: "Empfangsbestätigung gültig",
    },
    IT: {
      date: "31/01/2026, 10:00:00",
      panel: "TEST — carte di prova",
      label: "Smarrita o rubata (rifiuto critico)",
      retour: "ricevuta valida",
    },
    ES: {
      date: "31/01/2026, 10:00:00",
      panel: "TEST — tarjetas de prueba",
      label: "Perdida o robada (rechazo crítico)",
      retour: "acuse de recibo válido",
    },
    NL: {
      date: "31-01-2026, 10:00:00",
      panel: "TEST — testkaarten",
      label: "Verloren of gestolen (kritieke weigering)",
      retour: "ontvangstbevestiging geldig",
    },
  };
  for (const [lgue, want] of Object.entries(tickets)) {
    it(`writes the TEST panels and a four-digit year in ${lgue}`, async () => {
      const path = await open(env.sandbox, await sealedForm("7654321", "v4", { language: lgue }));
      const page = await (await env.sandbox.app.request(path)).text();
      expect(page).toContain(`<h2>${want.panel}</h2>`);
      expect(page).toContain(`<td>${want.label}</td>`);
      const ticket = await (await pay(env.sandbox, path, "4000000000000002")).text();
      expect(ticket).toContain(`<dd id="date">${want.date}</dd>`);
      expect(ticket).toContain(want.retour);
    });
  }

  const titles: Record<string, string> = {
    FR: "Paiement sécurisé par carte bancaire",
    EN: "Secure card payment",
    DE: "Sichere Kartenzahlung",
    IT: "Pagamento sicuro con carta",
    ES: "Pago seguro con tarjeta",
    NL: "Veilig betalen met uw kaart",
    PT: "Secure card payment",
  };
  for (const [lgue, title] of Object.entries(titles)) {
    it(`shows the card page in ${lgue}`, async () => {
      const path = await open(env.sandbox, await sealedForm("7654321", "v4", { language: lgue }));
      const page = await (await env.sandbox.app.request(path)).text();
      expect(page).toContain(`<title>${title}</title>`);
      const ticket = await (await pay(env.sandbox, path, "4000000000000002")).text();
      expect(ticket).toContain('id="ticket"');
    });
  }
});
