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
