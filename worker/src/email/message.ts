/**
 * E-mail messages as RFC 5322 / MIME text, built with mimetext: a plain-text and an HTML part, UTF-8 in
 * base64, the subject as an encoded word. Any feature that sends mail (alerts, buyer confirmations, payment
 * links) builds its message here and sends it with a {@link Mailer} (send.ts).
 * @module
 */
import { isEmailAddress } from "@sceau/protocol";
import { createMimeMessage } from "mimetext/browser";
import { ApiError } from "../errors.ts";

/** What an e-mail says: both forms of the same content. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** A message ready to send: its envelope and its raw MIME text. */
export interface OutgoingEmail extends EmailContent {
  from: string;
  to: string;
  raw: string;
}

/** Base64 of UTF-8 text in lines of 76 characters (RFC 2045 §6.8). */
function base64Lines(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return (btoa(binary).match(/.{1,76}/g) ?? []).join("\r\n");
}

/**
 * Builds a message from `from` to `to` with a text and an HTML part.
 *
 * @throws {ApiError} `ERR_EMAIL_INVALID` (field `from` or `to`) when an address is not a plain e-mail address.
 * @example
 * const email = composeEmail({ from: "shop@example.com", to: "me@example.com", subject, text, html });
 * await mailer.send(email);
 */
export function composeEmail(
  envelope: { from: string; to: string; fromName?: string },
  content: EmailContent,
): OutgoingEmail {
  for (const [field, address] of Object.entries({ from: envelope.from, to: envelope.to })) {
    // A plain address only: no display name, quotes, angle brackets or line breaks can reach a header.
    if (!isEmailAddress(address)) {
      throw new ApiError("ERR_EMAIL_INVALID", `${field} must be a plain e-mail address.`, {
        field,
      });
    }
  }
  const message = createMimeMessage();
  message.setSender(
    envelope.fromName ? { addr: envelope.from, name: envelope.fromName } : envelope.from,
  );
  message.setRecipient(envelope.to);
  message.setSubject(content.subject.replace(/[\r\n]+/g, " "));
  message.setHeader("Message-ID", `<${crypto.randomUUID()}@${envelope.from.split("@")[1]}>`);
  for (const [contentType, data] of [
    ["text/plain", content.text],
    ["text/html", content.html],
  ] as const) {
    message.addMessage({
      contentType,
      charset: "UTF-8",
      encoding: "base64",
      data: base64Lines(data),
    });
  }
  return { from: envelope.from, to: envelope.to, ...content, raw: message.asRaw() };
}
