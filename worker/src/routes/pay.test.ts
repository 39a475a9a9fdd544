/**
 * `GET /pay/<reference>?token=…`: the payment link's page — what it shows, in which language, under which
 * Content-Security-Policy, and what it offers as the order moves on (expired, refused, paid).
 */
import { CONTROL_CHARACTERS, escapeHtml, parseBankDateTime } from "@sceau/protocol";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ADMIN,
  accepted,
  adminOrder,
  BILLING,
  checkout,
  merchantOrder,
  openLink,
  postJson,
  postRetour,
  refused,
} from "../../test/helpers.ts";
import { sealMatches } from "../../test/payment-seal.ts";

afterEach(() => {
  vi.useRealTimers();
});

/** The sealed form's hidden fields as the browser would post them (attribute values unescaped). */
function postedFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[m[1] ?? ""] = (m[2] ?? "")
      .replaceAll("&quot;", '"')
      .replaceAll("&#39;", "'")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replaceAll("&amp;", "&");
  }
  return fields;
}

describe("GET /pay/:reference", () => {
  it("shows the merchant, what is paid and the amount, with a freshly sealed form and no script", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T09:30:00.000Z"));
    const { order, payUrl } = await merchantOrder({ operator: "Claire" });
    vi.setSystemTime(new Date("2026-12-02T15:00:00.000Z"));
    const response = await openLink(payUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/form-action http:\/\/127\.0\.0\.1:8788(;|$)/);
    expect(csp).toMatch(/style-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const html = await response.text();
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("La boutique du CD");
    expect(html).toContain("Facture 2026-114");
    expect(html).toMatch(/45,00\s€/);
    expect(html).toContain("Payer par carte bancaire");
    expect(html).toContain('action="http://127.0.0.1:8788/test/paiement.cgi"');
    const fields = postedFields(html);
    expect(fields.reference).toBe(order.reference);
    expect(fields.montant).toBe("45.00EUR");
    // Sealed when the page was opened, not when the order was created.
    expect(parseBankDateTime(fields.date ?? "").toISOString()).toBe("2026-12-02T15:00:00.000Z");
    expect(fields["3dsdebrayable"]).toBeUndefined();
    expect(await sealMatches(fields, "v4")).toBe(true);
    const detail = await adminOrder(order.reference);
    expect(detail.order).toMatchObject({
      operator: "Claire",
      link: { openedAt: "2026-12-02T15:00:00.000Z" },
    });
    // Opened again: the first opening stays.
    vi.setSystemTime(new Date("2026-12-03T15:00:00.000Z"));
    await openLink(payUrl);
    const again = await adminOrder(order.reference);
    expect(again.order).toMatchObject({ link: { openedAt: "2026-12-02T15:00:00.000Z" } });
    expect(again.events.map((e) => e.kind)).toEqual(["created", "link-opened"]);
  });

  it.each([
    ["de", "Mit Karte bezahlen", "DE"],
    ["en", "Pay by card", "EN"],
    ["it", "Paga con carta", "IT"],
    ["es", "Pagar con tarjeta", "ES"],
    ["nl", "Betalen met kaart", "NL"],
  ])(
    "speaks %s (Accept-Language, or ?lang=) and asks the bank for its page in it",
    async (lang, button, lgue) => {
      const { payUrl } = await merchantOrder();
      for (const response of [
        await openLink(payUrl, { "Accept-Language": `${lang};q=0.9, fr;q=0.1` }),
        await openLink(`${payUrl}&lang=${lang}`),
      ]) {
        const html = await response.text();
        expect(html).toContain(`<html lang="${lang}">`);
        expect(html).toContain(button);
        expect(postedFields(html).lgue).toBe(lgue);
        // Back from the bank, the buyer finds the page in the language they chose.
        expect(postedFields(html).url_retour_err).toBe(`${payUrl}&return=error&lang=${lang}`);
      }
    },
  );

  it("an expired link says so clearly, with no form, and a paid one stays paid", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-01T09:30:00.000Z"));
    const expiring = await merchantOrder();
    const paid = await merchantOrder();
    await postRetour(await accepted(paid.order.reference, 4500));
    vi.setSystemTime(new Date("2026-12-08T09:30:00.001Z"));
    const response = await openLink(expiring.payUrl);
    expect(response.status).toBe(410);
    const html = await response.text();
    expect(html).toContain(
      "Ce lien de paiement a expiré. Demandez-en un nouveau à La boutique du CD.",
    );
    expect(html).not.toContain("<form");
    const paidPage = await openLink(paid.payUrl);
    expect(paidPage.status).toBe(200);
    const paidHtml = await paidPage.text();
    expect(paidHtml).toContain("Cette commande est payée. Merci !");
    expect(paidHtml).not.toContain("<form");
  });

  it("cannot pay twice, and survives a refusal: a new form on the same order, then paid", async () => {
    const { order, payUrl } = await merchantOrder();
    await postRetour(await refused(order.reference, 4500));
    const back = await openLink(`${payUrl}&return=error`);
    const html = await back.text();
    expect(html).toContain('class="state state-refused"');
    expect(html).toContain("(encore 3 essai(s))");
    expect(postedFields(html).reference).toBe(order.reference);
    await postRetour(await accepted(order.reference, 4500));
    const after = await (await openLink(`${payUrl}&return=ok`)).text();
    expect(after).toContain("Cette commande est payée.");
    expect(after).not.toContain("<form");
    expect((await adminOrder(order.reference)).order.status).toBe("paid");
  });

  it("back from the bank before the payment is notified: a link to reload, no second form", async () => {
    const { payUrl } = await merchantOrder();
    const html = await (await openLink(`${payUrl}&return=ok`)).text();
    // No timed refresh (WCAG 2.2.1): a link reloads the page.
    expect(html).not.toContain("http-equiv");
    expect(html).toContain('<a href="">Actualiser la page</a>');
    expect(html).toContain("state-confirming");
    expect(html).not.toContain("<form");
  });

  it("a wrong token, an unknown reference and a shop order's own token all get the same 404", async () => {
    const { order, payUrl } = await merchantOrder();
    const shop = await checkout();
    const token = new URL(payUrl).searchParams.get("token") ?? "";
    const pages = [
      await openLink(payUrl.replace(/token=.*/, `token=${[...token].reverse().join("")}`)),
      await openLink(payUrl.replace(order.reference, "NOSUCHORDER1")),
      await openLink(`http://127.0.0.1:8787/pay/${shop.order.reference}?token=${shop.order.token}`),
      await openLink(`http://127.0.0.1:8787/pay/${order.reference}`),
      await openLink(`http://127.0.0.1:8787/pay/${order.reference}?token=${token}%3Cx`),
    ];
    // The same page but for its stylesheet's nonce.
    const texts = (await Promise.all(pages.map((p) => p.text()))).map((t) =>
      t.replace(/nonce="[^"]*"/, ""),
    );
    expect(pages.map((p) => p.status)).toEqual([404, 404, 404, 404, 404]);
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).not.toContain(order.reference);
    expect(texts[0]).not.toContain("<form");
  });

  it("property: a description or operator with a control character, line break or bidi override is refused", async () => {
    const hostile = fc
      .tuple(
        fc.string({ maxLength: 20 }),
        fc.constantFrom("\u0000", "\n", "\r", "\u001b", "\u0085", "\u2028", "\u202e", "\u2066"),
        fc.string({ maxLength: 20 }),
      )
      .map(([a, c, b]) => `x${a}${c}${b}x`);
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom("description", "operator"), async (text, field) => {
        const response = await postJson(
          "/api/admin/orders",
          {
            channel: "link",
            amount: 100,
            currency: "EUR",
            description: "ok",
            billing: BILLING,
            [field]: text,
          },
          ADMIN,
        );
        expect(response.status).toBe(400);
        const body = (await response.json()) as { error: { code: string; field: string } };
        expect(body.error).toMatchObject({ code: "ERR_TEXT_INVALID", field });
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  it("property: whatever the merchant describes is shown as text, never as markup, and never sealed", async () => {
    const text = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 60 })
      .map((s) => `${s}<"'&>*=`.replace(new RegExp(CONTROL_CHARACTERS.source, "g"), ""))
      .filter((s) => s.trim() === s && s.length <= 200);
    await fc.assert(
      fc.asyncProperty(text, async (description) => {
        const { payUrl, form } = await merchantOrder({ description });
        for (const value of Object.values(form.fields)) expect(value).not.toContain(description);
        const html = await (await openLink(payUrl)).text();
        expect(html).toContain(`<td>${escapeHtml(description)}</td>`);
        expect(html).not.toContain(description);
        expect(html).not.toMatch(/<script/i);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
