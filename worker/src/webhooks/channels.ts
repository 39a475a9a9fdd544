/**
 * One attempt of one delivery, by channel: a signed `POST` to a webhook endpoint (Standard Webhooks headers),
 * an alert e-mail to the merchant through the `send_email` binding, or a confirmation e-mail to the buyer
 * through the configured provider. Never throws: every failure is an attempt's result.
 * @module
 */

import type { ClaimedRow } from "../db/webhook-deliveries.ts";
import { buyerConfirmation, type EmailLanguage, merchantAlert } from "../email/alerts.ts";
import { composeEmail } from "../email/message.ts";
import { bindingMailer, type Mailer, ProviderError, providerMailer } from "../email/send.ts";
import type { Env } from "../env.ts";
import { deliveryUrl } from "./endpoint-url.ts";
import type { EventPayload } from "./events.ts";
import { retryAfterMs } from "./retry.ts";
import { signatureHeader } from "./signature.ts";

/** How long a receiver has to answer (the specification recommends 15 to 30 s). */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** How much of a receiver's answer the log keeps. */
const RESPONSE_EXCERPT = 500;

/** What the channels need from outside: the network, the e-mail binding, the clock. */
export interface ChannelDeps {
  /** `fetch` for webhook endpoints and the e-mail provider (tests stand a receiver in for the network). */
  fetch: (request: Request) => Promise<Response>;
  /** The merchant's mailer (default: the `EMAIL` binding). */
  mailer?: Mailer;
}

/** The result of one attempt. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  response: string | null;
  /** Not sent on purpose (a channel that is not configured, an event it has nothing to say about). */
  skipped?: boolean;
  /** The receiver asked not to be called again (410 Gone). */
  gone?: boolean;
  /** The receiver asked to wait this long (`Retry-After`). */
  retryAfterMs?: number | null;
}

function failure(error: unknown, started: number): AttemptResult {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown error";
  return {
    ok: false,
    statusCode: error instanceof ProviderError ? error.status : null,
    latencyMs: Date.now() - started,
    error: text,
    response: null,
  };
}

/** Runs an e-mail send as an attempt: its time, and its failure as the attempt's error. */
async function timed(send: () => Promise<void>): Promise<AttemptResult> {
  const started = Date.now();
  try {
    await send();
    return {
      ok: true,
      statusCode: null,
      latencyMs: Date.now() - started,
      error: null,
      response: null,
    };
  } catch (error) {
    return failure(error, started);
  }
}

const skipped = (why: string): AttemptResult => ({
  ok: true,
  skipped: true,
  statusCode: null,
  latencyMs: 0,
  error: why,
  response: null,
});

/** A signed POST of the event to a webhook endpoint. */
async function postWebhook(
  row: ClaimedRow,
  payload: EventPayload,
  env: Env,
  deps: ChannelDeps,
): Promise<AttemptResult> {
  const started = Date.now();
  try {
    const url = deliveryUrl(row.url ?? "", env);
    const body = JSON.stringify(payload);
    // The attempt's own time (the event's time is in the body), as the specification asks.
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = await signatureHeader(row.secret ?? "", { id: row.id, timestamp, body });
    const response = await deps.fetch(
      new Request(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "sceau-webhooks/1",
          "webhook-id": row.id,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signature,
        },
        body,
        // A redirect is a failure (update the URL instead), as the specification recommends.
        redirect: "manual",
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      }),
    );
    const text = (await response.text()).slice(0, RESPONSE_EXCERPT);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      latencyMs: Date.now() - started,
      error: ok ? null : `HTTP ${response.status}`,
      response: text || null,
      gone: response.status === 410,
      retryAfterMs: retryAfterMs(response.headers.get("Retry-After"), new Date()),
    };
  } catch (error) {
    return failure(error, started);
  }
}

/** The merchant's alert e-mail, through the send_email binding. */
async function mailMerchant(
  payload: EventPayload,
  env: Env,
  deps: ChannelDeps,
): Promise<AttemptResult> {
  if (!env.MERCHANT_EMAIL?.trim() || !env.EMAIL_FROM?.trim()) {
    return skipped("MERCHANT_EMAIL or EMAIL_FROM is not set");
  }
  const lang: EmailLanguage = env.MERCHANT_EMAIL_LANG?.trim() === "en" ? "en" : "fr";
  const content = merchantAlert(payload, lang);
  if (!content) return skipped(`no alert for ${payload.type}`);
  return timed(async () => {
    const email = composeEmail(
      { from: env.EMAIL_FROM.trim(), to: env.MERCHANT_EMAIL.trim(), fromName: "sceau" },
      content,
    );
    await (deps.mailer ?? bindingMailer(env.EMAIL)).send(email);
  });
}

/** The buyer's confirmation, through the transactional provider's HTTP API. */
async function mailBuyer(
  payload: EventPayload,
  env: Env,
  deps: ChannelDeps,
): Promise<AttemptResult> {
  const url = env.BUYER_EMAIL_API_URL?.trim();
  const from = env.BUYER_EMAIL_FROM?.trim();
  const apiKey = env.BUYER_EMAIL_API_KEY?.trim();
  if (!url || !from || !apiKey) return skipped("BUYER_EMAIL_API_URL, _FROM or _API_KEY is not set");
  const to = (payload.data as { order?: { email: string | null } }).order?.email;
  const confirmation = buyerConfirmation(payload);
  if (!to || !confirmation) return skipped("the order has no buyer e-mail address");
  return timed(async () => {
    const email = composeEmail({ from, to }, confirmation.content);
    const config = { url: deliveryUrl(url, env, "BUYER_EMAIL_API_URL"), apiKey };
    await providerMailer(config, deps.fetch).send(email);
  });
}

/**
 * Attempts one delivery over its endpoint's channel.
 *
 * @example
 * const result = await attempt(row, eventPayload(sources, rules), env, { fetch });
 */
export function attempt(
  row: ClaimedRow,
  payload: EventPayload,
  env: Env,
  deps: ChannelDeps,
): Promise<AttemptResult> {
  switch (row.channel) {
    case "webhook":
      return postWebhook(row, payload, env, deps);
    case "merchant-email":
      return mailMerchant(payload, env, deps);
    case "buyer-email":
      return mailBuyer(payload, env, deps);
  }
}
