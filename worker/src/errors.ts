/**
 * The one error type handlers throw; the single `onError` in app.ts turns it into
 * `{ "error": { "code", "message", "field"? } }`.
 * @module
 */
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error with a stable code, safe to show to the caller (never key material, never a stack). */
export class ApiError extends HTTPException {
  readonly code: string;
  readonly field: string | undefined;
  /** Extra top-level members of the error body (e.g. the recorded bank operation). */
  readonly extra: Record<string, unknown> | undefined;
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    field?: string,
    extra?: Record<string, unknown>,
  ) {
    super(status, { message });
    this.code = code;
    this.field = field;
    this.extra = extra;
    this.name = "ApiError";
  }
}

/** The JSON body of an error answer. */
export function errorBody(code: string, message: string, field?: string) {
  return { error: { code, message, ...(field !== undefined && { field }) } };
}

export const badRequest = (code: string, message: string, field?: string) =>
  new ApiError(400, code, message, field);
