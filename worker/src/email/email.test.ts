/**
 * E-mails: MIME built by mimetext and read back by an independent parser (postal-mime), accepted by the real
 * `send_email` binding, alerts and confirmations in French and English, every hostile value escaped.
 */
import { env } from "cloudflare:workers";
import { escapeHtml } from "@sceau/protocol";
import fc from "fast-check";
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import type { EventPayload } from "../webhooks/events.ts";
import { buyerConfirmation, formatMoney, merchantAlert } from "./alerts.ts";
import { composeEmail } from "./message.ts";
import { bindingMailer, ProviderError, providerMailer } from "./send.ts";

const ENVELOPE = { from: "sceau@boutiqueducd.example", to: "marchand@boutiqueducd.example" };

function paid(overrides: Record<string, unknown> = {}): EventPayload {
  return {
    id: "evt_0123456789abcdef01234567",
    type: "order.paid",
    timestamp: "2026-11-30T10:00:00.000Z",
    data: {
      order: {
        reference: "ABCDEF123456",
        status: "paid",
        total: 2998,
        currency: "EUR",
        email: "client@example.fr",
        lang: "FR",
        paidAt: "2026-11-30T10:00:00.000Z",
        authorisationNumber: "123456",
        lines: [{ name: "Kind of Blue", quantity: 2, amount: 2998 }],
        ...overrides,
      },
    },
  };
}

const space = (text: string | undefined) => text?.replace(/\s/g, " ");

describe("composeEmail", () => {
  it("builds a text and an HTML part that an independent parser reads back, accents and all", async () => {
    const email = composeEmail(ENVELOPE, {
      subject: "Commande payée — 29,98 €",
      text: "Réglée : 29,98 €",
      html: "<p>Réglée : 29,98 €</p>",
    });
    const parsed = await PostalMime.parse(email.raw);
    expect(parsed.from?.address).toBe(ENVELOPE.from);
    expect(parsed.to?.map((a) => a.address)).toEqual([ENVELOPE.to]);
    expect(parsed.subject).toBe("Commande payée — 29,98 €");
    expect(parsed.text?.trim()).toBe("Réglée : 29,98 €");
    expect(parsed.html?.trim()).toBe("<p>Réglée : 29,98 €</p>");
    expect(parsed.messageId).toMatch(/^<[0-9a-f-]{36}@boutiqueducd\.example>$/);
  });

  it("is accepted by the real send_email binding", async () => {
    const email = composeEmail(ENVELOPE, { subject: "Test", text: "t", html: "<p>t</p>" });
    await expect(bindingMailer(env.EMAIL).send(email)).resolves.toBeUndefined();
  });

  it("keeps a subject on one header line, whatever it holds (no header injection)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (value) => {
        const email = composeEmail(ENVELOPE, {
          subject: `Commande ${value}\r\nBcc: victim@example.com`,
          text: "t",
          html: "<p>t</p>",
        });
        const parsed = await PostalMime.parse(email.raw);
        expect(parsed.headers.filter((h) => h.key === "bcc")).toEqual([]);
        expect(parsed.subject).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 50 },
    );
  });

  it("refuses an address that is not a plain e-mail address", () => {
    for (const to of ['"Eve" <eve@example.com>', "a@b.c\r\nBcc: x@y.z", "nobody"]) {
      expect(() =>
        composeEmail({ ...ENVELOPE, to }, { subject: "s", text: "t", html: "h" }),
      ).toThrow(expect.objectContaining({ code: "ERR_EMAIL_INVALID", field: "to" }));
    }
  });
});

describe("alerts and confirmations", () => {
  it("tells the merchant about a paid order in French or English", () => {
    const fr = merchantAlert(paid(), "fr");
    expect(space(fr?.subject)).toBe("Commande ABCDEF123456 payée (29,98 €)");
    expect(space(fr?.text)).toContain("Client : client@example.fr");
    expect(fr?.text).toContain("30 novembre 2026");
    const en = merchantAlert(paid(), "en");
    expect(en?.subject).toBe("Order ABCDEF123456 paid (€29.98)");
    expect(en?.text).toContain("Buyer: client@example.fr");
    expect(en?.html).toContain('<html lang="en">');
  });

  it("writes amounts with the currency's own minor digits", () => {
    expect(space(formatMoney(1500, "JPY", "fr"))).toBe("1 500 JPY");
    expect(formatMoney(1500, "JPY", "en")).toBe("JP¥1,500");
    expect(formatMoney(123456, "EUR", "en")).toBe("€1,234.56");
  });

  it("sends the buyer a confirmation in the order's language, with the lines", () => {
    expect(buyerConfirmation(paid())?.content.subject).toBe(
      "Votre commande ABCDEF123456 est confirmée",
    );
    const en = buyerConfirmation(paid({ lang: "DE" }));
    expect(en?.lang).toBe("en");
    expect(en?.content.text).toContain("2 × Kind of Blue: €29.98");
    expect(merchantAlert({ ...paid(), type: "order.refused" }, "fr")).toBeNull();
  });

  it("escapes every value in the HTML (it adds no markup) and keeps it whole in the text (property)", () => {
    const render = (value: string) => {
      const payload = paid({ email: value, lines: [{ name: value, quantity: 1, amount: 2998 }] });
      return [merchantAlert(payload, "fr"), buyerConfirmation(payload)?.content];
    };
    const markup = (html = "") => html.replace(/[^<>"']/g, "");
    const neutral = render("x").map((content) => markup(content?.html));
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), (value) => {
        const contents = render(value);
        contents.forEach((content, i) => {
          expect(content?.html).toContain(escapeHtml(value));
          expect(markup(content?.html)).toBe(neutral[i]);
          expect(content?.text).toContain(value);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe("providerMailer", () => {
  it("posts { from, to, subject, text, html } with the API key, and fails on a non-2xx", async () => {
    const requests: { auth: string | null; body: unknown }[] = [];
    let status = 200;
    const receiver = async (request: Request) => {
      requests.push({ auth: request.headers.get("Authorization"), body: await request.json() });
      return new Response("{}", { status });
    };
    const mailer = providerMailer(
      { url: "https://mail.example/emails", apiKey: "key-1" },
      receiver,
    );
    const email = composeEmail(ENVELOPE, { subject: "S", text: "T", html: "<p>H</p>" });
    await mailer.send(email);
    expect(requests).toEqual([
      {
        auth: "Bearer key-1",
        body: { from: ENVELOPE.from, to: [ENVELOPE.to], subject: "S", text: "T", html: "<p>H</p>" },
      },
    ]);
    status = 422;
    await expect(mailer.send(email)).rejects.toBeInstanceOf(ProviderError);
  });
});
