/**
 * Capture, cancel, stop-recurrence and recredit answers (PROTOCOL.md §5, §6).
 * @module
 */
import { ResponseError } from "./errors.ts";

/** A capture-service answer (`capture_paiement.cgi`). */
export interface CaptureResponse {
  /** `cdr`: 1 accepted, 0 refused, -1 error. */
  readonly cdr: number;
  /** `lib`: the bank's words, kept verbatim for the merchant's records. */
  readonly lib: string;
  /** What happened, read from `cdr` and `lib`. */
  readonly kind: "captured" | "cancelled" | "recurrence-stopped" | "refused" | "error";
  /** True when the operation was done (`cdr=1`). */
  readonly ok: boolean;
  /** True when the same request may succeed later (`traitement en cours`, `probleme technique`…). */
  readonly retryable: boolean;
  readonly reference?: string;
  /** `aut`: authorisation number of a capture. */
  readonly authorisationNumber?: string;
  readonly phonie?: string;
  /** Every line of the answer. */
  readonly fields: Readonly<Record<string, string>>;
}

/** A recredit-service answer (`recredit_paiement.cgi`). */
export interface RecreditResponse {
  /** `cdr`: 0 refund done, negative an error (-30 … -44). */
  readonly cdr: number;
  readonly lib: string;
  readonly ok: boolean;
  readonly retryable: boolean;
  readonly reference?: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Reads a `name=value` per line answer (LF; CRLF tolerated); unknown names are kept.
 *
 * @throws {ResponseError} `ERR_RESPONSE_MALFORMED` when there is no integer `cdr`.
 */
export function parseResponseLines(text: string): { cdr: number; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const line of String(text).split(/\r?\n/)) {
    const eq = line.indexOf("=");
    if (eq > 0) fields[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  const cdr = fields.cdr;
  if (cdr === undefined || !/^-?\d{1,3}$/.test(cdr)) {
    throw new ResponseError(
      `The bank's answer has no cdr line; it began ${JSON.stringify(String(text).slice(0, 60))}.`,
    );
  }
  return { cdr: Number(cdr), fields };
}

const RETRY_LIBS = ["traitement en cours", "autre traitement en cours", "probleme technique"];

/**
 * Parses the capture service's answer.
 *
 * @throws {ResponseError} `ERR_RESPONSE_MALFORMED` when the answer has no `cdr`.
 * @example
 * parseCaptureResponse("version=1.0\nreference=A1\ncdr=1\nlib=paiement accepte\naut=123456").kind; // "captured"
 */
export function parseCaptureResponse(text: string): CaptureResponse {
  const { cdr, fields } = parseResponseLines(text);
  const lib = fields.lib ?? "";
  const normalised = lib.toLowerCase();
  let kind: CaptureResponse["kind"] = cdr === 1 ? "captured" : cdr === 0 ? "refused" : "error";
  if (cdr === 1 && normalised.includes("annul")) kind = "cancelled";
  if (cdr === 1 && normalised.includes("recurrence")) kind = "recurrence-stopped";
  return {
    cdr,
    lib,
    kind,
    ok: cdr === 1,
    retryable: cdr === -1 && RETRY_LIBS.includes(normalised),
    ...(fields.reference !== undefined && { reference: fields.reference }),
    ...(fields.aut && { authorisationNumber: fields.aut }),
    ...(fields.phonie && { phonie: fields.phonie }),
    fields,
  };
}

/**
 * Parses the recredit service's answer; match on `cdr`, never on `lib` (the documentation itself pairs
 * them inconsistently).
 *
 * @throws {ResponseError} `ERR_RESPONSE_MALFORMED` when the answer has no `cdr`.
 */
export function parseRecreditResponse(text: string): RecreditResponse {
  const { cdr, fields } = parseResponseLines(text);
  return {
    cdr,
    lib: fields.lib ?? "",
    ok: cdr === 0,
    retryable: cdr === -41 || cdr === -44,
    ...(fields.reference !== undefined && { reference: fields.reference }),
    fields,
  };
}
