/**
 * What the e-mails about events say, in French and English, as text and HTML: alerts to the merchant (order
 * paid, anomaly, orphan notification, failed operation) and the confirmation to the buyer (order paid). Every
 * value from an order, a notification or the bank is escaped in the HTML.
 * @module
 */
import { escapeHtml, minorDigits } from "@sceau/protocol";
import type { EventPayload } from "../webhooks/events.ts";
import type { EmailContent } from "./message.ts";

export type EmailLanguage = "fr" | "en";

/** The parts of an event's data the e-mails use. */
interface EventView {
  order?: {
    reference: string;
    status: string;
    total: number;
    currency: string;
    email: string | null;
    lang: string;
    paidAt: string | null;
    authorisationNumber: string | null;
    lines: { name: string; quantity: number; amount: number }[];
  };
  operation?: { kind: string; amount: number; lib: string | null; error: string | null };
  notification?: { reference: string | null; codeRetour: string | null; montant: string | null };
  reason?: string;
}

/** An amount in minor units as the language writes it (`27,98 €`, `€27.98`). */
export function formatMoney(minor: number, currency: string, lang: EmailLanguage): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}

/** Lines of label and value, as text lines and as an HTML table (values escaped). */
function rows(
  pairs: [string, string | null | undefined][],
  lang: EmailLanguage,
): { text: string; html: string } {
  const present = pairs.filter((pair): pair is [string, string] => Boolean(pair[1]));
  // French puts a (non-breaking) space before the colon.
  const colon = lang === "fr" ? "\u00a0: " : ": ";
  return {
    text: present.map(([label, value]) => `${label}${colon}${value}`).join("\n"),
    html: `<table>${present
      .map(
        ([label, value]) =>
          `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join("")}</table>`,
  };
}

/** An e-mail of a title, an explanation and a table of facts. */
function email(
  lang: EmailLanguage,
  subject: string,
  intro: string,
  facts: [string, string | null | undefined][],
) {
  const table = rows(facts, lang);
  return {
    subject,
    text: `${intro}\n\n${table.text}\n\n-- sceau\n`,
    html: `<!doctype html><html lang="${lang}"><body><p>${escapeHtml(intro)}</p>${table.html}<p>— sceau</p></body></html>`,
  } satisfies EmailContent;
}

const WORDS = {
  fr: {
    reference: "Référence",
    amount: "Montant",
    buyer: "Client",
    paidAt: "Payée le",
    authorisation: "Autorisation",
    reason: "Motif",
    bank: "Réponse de la banque",
    received: "Montant notifié",
    operation: "Opération",
    paid: (ref: string, amount: string) => [
      `Commande ${ref} payée (${amount})`,
      `La commande ${ref} a été payée par carte bancaire.`,
    ],
    anomaly: (ref: string) => [
      `Anomalie sur la commande ${ref}`,
      `La banque a envoyé pour la commande ${ref} une notification qui ne correspond pas à la commande. Elle n'a pas été marquée payée : vérifiez le paiement dans votre espace bancaire avant d'expédier.`,
    ],
    orphan: (ref: string) => [
      `Notification de la banque pour une commande inconnue (${ref})`,
      `La banque a notifié un paiement pour la référence ${ref}, qu'aucune commande ne porte. Vérifiez dans votre espace bancaire de quoi il s'agit (autre boutique sur le même TPE, commande effacée…).`,
    ],
    failed: (ref: string, kind: string) => [
      `Échec de l'opération ${kind} sur la commande ${ref}`,
      `L'opération ${kind} demandée sur la commande ${ref} n'a pas été faite par la banque.`,
    ],
    confirmation: (ref: string) => [
      `Votre commande ${ref} est confirmée`,
      `Merci ! Votre paiement pour la commande ${ref} a été accepté.`,
    ],
  },
  en: {
    reference: "Reference",
    amount: "Amount",
    buyer: "Buyer",
    paidAt: "Paid on",
    authorisation: "Authorisation",
    reason: "Reason",
    bank: "Bank's answer",
    received: "Amount notified",
    operation: "Operation",
    paid: (ref: string, amount: string) => [
      `Order ${ref} paid (${amount})`,
      `Order ${ref} was paid by card.`,
    ],
    anomaly: (ref: string) => [
      `Anomaly on order ${ref}`,
      `The bank sent a notification for order ${ref} that does not match the order. It was not marked paid: check the payment in your bank's back office before shipping.`,
    ],
    orphan: (ref: string) => [
      `Bank notification for an unknown order (${ref})`,
      `The bank notified a payment for reference ${ref}, which no order has. Check in your bank's back office what it is (another shop on the same terminal, a deleted order…).`,
    ],
    failed: (ref: string, kind: string) => [
      `Operation ${kind} failed on order ${ref}`,
      `The ${kind} you asked for on order ${ref} was not done by the bank.`,
    ],
    confirmation: (ref: string) => [
      `Your order ${ref} is confirmed`,
      `Thank you! Your payment for order ${ref} was accepted.`,
    ],
  },
} as const;

/** The date and time of an ISO instant, in Paris, as the language writes it. */
function when(iso: string | null | undefined, lang: EmailLanguage): string | null {
  if (!iso) return null;
  return new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  }).format(new Date(iso));
}

/**
 * The merchant's alert for an event, or `null` for a type that sends none.
 *
 * @example
 * const content = merchantAlert(eventPayload(sources, rules), "fr"); // { subject, text, html } | null
 */
export function merchantAlert(payload: EventPayload, lang: EmailLanguage): EmailContent | null {
  const data = payload.data as EventView;
  const w = WORDS[lang];
  const order = data.order;
  const amount = order ? formatMoney(order.total, order.currency, lang) : null;
  const ref = order?.reference ?? data.notification?.reference ?? "?";
  const base: [string, string | null | undefined][] = [
    [w.reference, ref],
    [w.amount, amount],
    [w.buyer, order?.email],
  ];
  switch (payload.type) {
    case "order.paid": {
      const [subject, intro] = w.paid(ref, amount ?? "");
      return email(lang, subject, intro, [
        ...base,
        [w.paidAt, when(order?.paidAt, lang)],
        [w.authorisation, order?.authorisationNumber],
      ]);
    }
    case "order.anomaly": {
      const [subject, intro] = w.anomaly(ref);
      return email(lang, subject, intro, [...base, [w.reason, data.reason]]);
    }
    case "notification.orphan": {
      const [subject, intro] = w.orphan(ref);
      return email(lang, subject, intro, [
        [w.reference, ref],
        [w.received, data.notification?.montant],
        [w.bank, data.notification?.codeRetour],
      ]);
    }
    case "operation.failed": {
      const op = data.operation;
      const [subject, intro] = w.failed(ref, op?.kind ?? "?");
      return email(lang, subject, intro, [
        ...base,
        [
          w.operation,
          op ? `${op.kind} ${formatMoney(op.amount, order?.currency ?? "EUR", lang)}` : null,
        ],
        [w.bank, op?.lib ?? op?.error],
      ]);
    }
    default:
      return null;
  }
}

/** The buyer's confirmation of a paid order, in the order's language (French for FR, English otherwise). */
export function buyerConfirmation(
  payload: EventPayload,
): { lang: EmailLanguage; content: EmailContent } | null {
  const order = (payload.data as EventView).order;
  if (payload.type !== "order.paid" || !order) return null;
  const lang: EmailLanguage = order.lang.toUpperCase() === "FR" ? "fr" : "en";
  const w = WORDS[lang];
  const [subject, intro] = w.confirmation(order.reference);
  const lines = order.lines.map((line): [string, string] => [
    `${line.quantity} × ${line.name}`,
    formatMoney(line.amount, order.currency, lang),
  ]);
  return {
    lang,
    content: email(lang, subject, intro, [
      [w.reference, order.reference],
      ...lines,
      [w.amount, formatMoney(order.total, order.currency, lang)],
      [w.paidAt, when(order.paidAt, lang)],
    ]),
  };
}
