/**
 * The e-mail that carries a payment link to the buyer: subject, plain text and HTML, in the buyer's language.
 * It only builds the content; sending it is the mail channel's job (compose the MIME message, send it).
 * @module
 */
import { escapeHtml, minorDigits } from "@sceau/protocol";
import { fill, formatDate, formatMoney, MESSAGES, type PageLanguage } from "./messages.ts";

/** What an e-mail says: the same content as text and as HTML. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** What the link's e-mail is about. */
export interface PaymentLinkMail {
  merchant: string;
  reference: string;
  total: number;
  currency: string;
  /** What is paid: the order's lines, or its description. */
  lines: { name: string; quantity: number }[];
  payUrl: string;
  expiresAt: string;
  lang: PageLanguage;
}

/**
 * The content of the e-mail that sends a payment link: every value escaped in the HTML part, none of them
 * able to break the subject onto another header line.
 *
 * @example
 * const { subject, text, html } = paymentLinkEmail({ merchant: "La boutique du CD", reference, total: 4500,
 *   currency: "EUR", lines: [{ name: "Facture 2026-114", quantity: 1 }], payUrl, expiresAt, lang: "fr" });
 */
export function paymentLinkEmail(mail: PaymentLinkMail): EmailContent {
  const t = MESSAGES[mail.lang];
  const amount = formatMoney(mail.total, mail.currency, minorDigits(mail.currency), mail.lang);
  const intro = fill(t.emailIntro, { merchant: mail.merchant, amount });
  const valid = fill(t.validUntil, { date: formatDate(mail.expiresAt, mail.lang) });
  const items = mail.lines.map((l) => (l.quantity > 1 ? `${l.quantity} × ${l.name}` : l.name));
  const subject = fill(t.emailSubject, { merchant: mail.merchant, reference: mail.reference });
  const text = [
    intro,
    "",
    ...items.map((item) => `- ${item}`),
    "",
    mail.payUrl,
    "",
    valid,
    t.secure,
  ];
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`,
    `<p><a href="${escapeHtml(mail.payUrl)}">${escapeHtml(t.pay)}</a></p>`,
    `<p>${escapeHtml(valid)}<br>${escapeHtml(t.secure)}</p>`,
  ];
  return {
    subject: subject.replace(/[\r\n]+/g, " "),
    text: `${text.join("\n")}\n`,
    html: `<!doctype html><html lang="${mail.lang}"><body>${html.join("\n")}</body></html>\n`,
  };
}
