// The few Workers platform types this worker uses. @cloudflare/workers-types is not loaded globally: its
// TextDecoder options type (fatal and ignoreBOM both required) rejects valid code in @sceau/protocol, which
// this worker compiles from source. The standard Web APIs come from TypeScript's WebWorker lib instead.

interface D1Meta {
  changes: number;
  last_row_id: number;
  duration: number;
}

interface D1Result<T = Record<string, unknown>> {
  results: T[];
  success: boolean;
  meta: D1Meta;
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
  exec(query: string): Promise<unknown>;
  /** D1 read replication (Sessions API). */
  withSession(constraintOrBookmark?: string): D1DatabaseSession;
}

interface D1DatabaseSession {
  prepare(query: string): D1PreparedStatement;
  batch<T = Record<string, unknown>>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
  getBookmark(): string | null;
}

interface SubtleCrypto {
  /** workerd's constant-time comparison of two equal-length buffers. */
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
}

declare namespace Cloudflare {
  // biome-ignore lint/suspicious/noEmptyInterface: augmented by test/env.d.ts
  interface Env {}
}

declare module "cloudflare:workers" {
  export const env: Cloudflare.Env;
  export const exports: {
    default: { fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> };
  };
}
