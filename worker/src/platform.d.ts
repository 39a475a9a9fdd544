// The few Workers platform types this worker uses. @cloudflare/workers-types is not loaded globally: its
// TextDecoder options type (fatal and ignoreBOM both required) rejects valid code in @sceau/protocol, which
// this worker compiles from source. The standard Web APIs come from TypeScript's WebWorker lib instead.

interface D1Result<T = Record<string, unknown>> {
  results: T[];
  meta: { changes: number };
}

interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  all<T = Record<string, unknown>>(): Promise<D1Result<T>>;
  run<T = Record<string, unknown>>(): Promise<D1Result<T>>;
}

interface D1Database {
  prepare(query: string): D1PreparedStatement;
  batch<T = Record<string, unknown>>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
  /** D1 read replication (Sessions API); only its reads are used here. */
  withSession(constraintOrBookmark?: string): Pick<D1Database, "prepare" | "batch">;
}

/** What a Cron Trigger's `scheduled` handler receives. */
interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
  noRetry(): void;
}

interface SubtleCrypto {
  /** workerd's constant-time comparison of two equal-length buffers. */
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
}

declare module "cloudflare:workers" {
  export const env: Cloudflare.Env;
}

/** A Cloudflare Queues producer binding. */
interface Queue<Body = unknown> {
  send(body: Body, options?: { delaySeconds?: number }): Promise<void>;
  sendBatch(messages: Iterable<{ body: Body; delaySeconds?: number }>): Promise<void>;
}

/** One message of a batch handed to the `queue` handler. */
interface Message<Body = unknown> {
  readonly id: string;
  readonly timestamp: Date;
  readonly body: Body;
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

/** What the `queue` handler receives. */
interface MessageBatch<Body = unknown> {
  readonly queue: string;
  readonly messages: readonly Message<Body>[];
  ackAll(): void;
  retryAll(options?: { delaySeconds?: number }): void;
}

/** The `waitUntil` of a handler's execution context. */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  readonly props: unknown;
}

/** The `send_email` binding (Email Routing): sends a raw MIME message. */
interface SendEmail {
  send(message: import("cloudflare:email").EmailMessage): Promise<unknown>;
}

declare module "cloudflare:email" {
  /** A raw RFC 5322 message with its envelope sender and recipient. */
  export class EmailMessage {
    constructor(from: string, to: string, raw: ReadableStream | string);
    readonly from: string;
    readonly to: string;
  }
}
