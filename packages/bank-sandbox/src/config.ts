/**
 * Configuration from the environment, for `main.ts`: where the terminals come from and the Retour timings.
 * @module
 */
import { SandboxError } from "./errors.ts";

/** The environment variables the sandbox reads. */
export interface SandboxEnv {
  /** Path of a terminals JSON file (default: `terminals.json` beside the package). */
  readonly SANDBOX_TERMINALS?: string;
  /** The terminals document itself, as JSON text (wins over the file). */
  readonly SANDBOX_TERMINALS_JSON?: string;
  /** Overrides every terminal's Retour (CGI2) URL, e.g. when the worker runs on another port. */
  readonly SANDBOX_RETOUR_URL?: string;
  /** Retour timeout in ms (default 30 000). */
  readonly SANDBOX_RETOUR_TIMEOUT_MS?: string;
  /** Delay before the Retour's second attempt in ms (default 10 000). */
  readonly SANDBOX_RETRY_DELAY_MS?: string;
}

function parse(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SandboxError("ERR_CONFIG_INVALID", `${where} is not valid JSON.`, { cause: error });
  }
}

/**
 * The terminals document to load: `SANDBOX_TERMINALS_JSON`, else the file `SANDBOX_TERMINALS` or the default
 * path, with `SANDBOX_RETOUR_URL` applied to every terminal.
 *
 * @throws {SandboxError} `ERR_CONFIG_INVALID` for unreadable JSON.
 */
export function terminalsFromEnv(
  env: SandboxEnv,
  readText: (path: string) => string,
  defaultPath: string,
): { document: unknown; source: string } {
  const path = env.SANDBOX_TERMINALS || defaultPath;
  const source = env.SANDBOX_TERMINALS_JSON ? "SANDBOX_TERMINALS_JSON" : path;
  const document = env.SANDBOX_TERMINALS_JSON
    ? parse(env.SANDBOX_TERMINALS_JSON, "SANDBOX_TERMINALS_JSON")
    : parse(readText(path), path);
  const url = env.SANDBOX_RETOUR_URL;
  if (!url) return { document, source };
  const list = Array.isArray(document)
    ? document
    : ((document as { terminals?: unknown[] } | null)?.terminals ?? []);
  return {
    document: list.map((t) => ({ ...(t as object), retourUrl: url })),
    source: `${source} (Retour URL ${url})`,
  };
}

/** A non-negative integer from an environment variable, or undefined. */
export function msFromEnv(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new SandboxError("ERR_CONFIG_INVALID", `${name} must be a number of milliseconds.`);
  }
  return n;
}
