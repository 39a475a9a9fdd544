/**
 * Sending e-mail: through the Workers `send_email` binding (Email Routing, to the merchant's own verified
 * address), or through a transactional e-mail provider's HTTP API (to buyers). Both throw on failure, so the
 * delivery that called them is retried.
 * @module
 */
import { EmailMessage } from "cloudflare:email";
import type { OutgoingEmail } from "./message.ts";

/** Sends one message; rejects when it was not accepted. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}

/**
 * A mailer on a `send_email` binding.
 *
 * @example
 * await bindingMailer(env.EMAIL).send(composeEmail({ from, to }, content));
 */
export function bindingMailer(binding: SendEmail): Mailer {
  return {
    async send(email) {
      await binding.send(new EmailMessage(email.from, email.to, email.raw));
    },
  };
}

/** Where a provider's HTTP API is and how to authenticate. */
export interface ProviderConfig {
  url: string;
  apiKey: string;
}

/** The provider's answer was not a 2xx; its status is kept for the delivery log. */
export class ProviderError extends Error {
  constructor(readonly status: number) {
    super(`the e-mail provider answered HTTP ${status}`);
    this.name = "ProviderError";
  }
}

/**
 * A mailer on a transactional provider's HTTP API: `POST url` with `Authorization: Bearer <apiKey>` and the
 * JSON `{ from, to: [to], subject, text, html }` (the shape of Resend's `/emails`; other providers take the
 * same fields behind a small adapter).
 *
 * @throws {ProviderError} when the provider does not answer 2xx.
 */
export function providerMailer(
  config: ProviderConfig,
  fetcher: (request: Request) => Promise<Response>,
): Mailer {
  return {
    async send(email) {
      const response = await fetcher(
        new Request(config.url, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${config.apiKey}`,
            "Content-Type": "application/json",
          },
          body: JSON.stringify({
            from: email.from,
            to: [email.to],
            subject: email.subject,
            text: email.text,
            html: email.html,
          }),
          signal: AbortSignal.timeout(15_000),
        }),
      );
      await response.body?.cancel();
      if (!response.ok) throw new ProviderError(response.status);
    },
  };
}
