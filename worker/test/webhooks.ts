/**
 * Webhook test harness: a receiver that stands in for the merchant's server at the fetch level and checks
 * every delivery with the independent `standardwebhooks` package, a queue that records (or refuses) what the
 * worker sends, and helpers to create endpoints and run the consumer.
 */
import { Webhook } from "standardwebhooks";
import type { Env } from "../src/env.ts";
import {
  type DeliverOptions,
  type DeliveryReport,
  deliverMessages,
} from "../src/webhooks/deliver.ts";
import type { DeliveryMessage } from "../src/webhooks/dispatch.ts";
import { ADMIN, call, env, postJson } from "./helpers.ts";

/** One request the receiver got, with what the signature check said. */
export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
  event: { id: string; type: string; timestamp: string; data: Record<string, unknown> };
  verified: boolean;
}

/**
 * A receiver for endpoints whose secrets it knows: records each request, verifies it with `standardwebhooks`,
 * and answers `status()` (200 by default; set a function per test).
 */
export function receiver() {
  const secrets = new Map<string, string>();
  const received: Received[] = [];
  const state = {
    received,
    status: (_request: Received): number => 200,
    /** Remembers an endpoint's secret for its URL. */
    know(url: string, secret: string) {
      secrets.set(url, secret);
    },
    fetch: async (request: Request): Promise<Response> => {
      const body = await request.text();
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      let verified = false;
      let event = JSON.parse(body);
      try {
        event = new Webhook(secrets.get(request.url) ?? "whsec_").verify(body, headers);
        verified = true;
      } catch {
        // recorded as not verified
      }
      const entry = { url: request.url, headers, body, event, verified };
      received.push(entry);
      return new Response("ok", { status: state.status(entry) });
    },
  };
  return state;
}

/** A queue that records the messages the worker sends, or refuses them while `failing` is set. */
export function recordingQueue() {
  const messages: { body: DeliveryMessage; delaySeconds?: number }[] = [];
  const queue = {
    messages,
    failing: false,
    async send(body: DeliveryMessage, options?: { delaySeconds?: number }) {
      await queue.sendBatch([{ body, ...options }]);
    },
    async sendBatch(batch: Iterable<{ body: DeliveryMessage; delaySeconds?: number }>) {
      if (queue.failing) throw new Error("queue unavailable");
      messages.push(...batch);
    },
    /** Takes every recorded message (the queue hands them to the consumer). */
    take(): number[] {
      return messages.splice(0).map((m) => m.body.delivery);
    },
  };
  return queue;
}

export type RecordingQueue = ReturnType<typeof recordingQueue>;

/** The test environment with a recording queue in place of the real one. */
export function envWith(queue: RecordingQueue, overrides: Partial<Env> = {}): Env {
  return { ...env, WEBHOOK_QUEUE: queue as unknown as Queue, ...overrides };
}

/** Creates an endpoint through the admin API and teaches the receiver its secret. */
export async function createEndpoint(
  hooks: ReturnType<typeof receiver>,
  url: string,
  events?: string[],
  overrides: Partial<Env> = {},
): Promise<{ id: string; url: string; events: string[]; secret: string }> {
  const response = await postJson(
    "/api/admin/webhook-endpoints",
    { url, ...(events && { events }) },
    ADMIN,
    overrides,
  );
  if (response.status !== 201)
    throw new Error(`endpoint: ${response.status} ${await response.text()}`);
  const { endpoint } = (await response.json()) as {
    endpoint: { id: string; url: string; events: string[]; secret: string };
  };
  hooks.know(endpoint.url, endpoint.secret);
  return endpoint;
}

/** Deletes every webhook endpoint, so that tests do not receive each other's events. */
export async function deleteEndpoints(): Promise<void> {
  const response = await call("/api/admin/webhook-endpoints", { headers: ADMIN });
  const { endpoints } = (await response.json()) as { endpoints: { id: string }[] };
  for (const { id } of endpoints) {
    await call(`/api/admin/webhook-endpoints/${id}`, { method: "DELETE", headers: ADMIN });
  }
}

/**
 * Runs the consumer on what the queue holds, again and again, until nothing is left (the producer's runs
 * inside it may queue more); resolves with every report.
 */
export async function drain(
  e: Env,
  queue: RecordingQueue,
  options: DeliverOptions,
): Promise<DeliveryReport[]> {
  const reports: DeliveryReport[] = [];
  for (let round = 0; round < 20; round++) {
    const ids = queue.take();
    if (ids.length === 0) break;
    reports.push(...(await deliverMessages(e, ids, options)));
  }
  return reports;
}
