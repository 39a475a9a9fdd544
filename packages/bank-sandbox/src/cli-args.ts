/**
 * The command line of `sceau-bank-sandbox`, turned into the environment variables `main.ts` reads, so that
 * the flags and the variables can never disagree.
 * @module
 */
import { parseArgs } from "node:util";
import type { SandboxEnv } from "./config.ts";
import { SandboxError } from "./errors.ts";

/** What `sceau-bank-sandbox --help` prints. */
export const HELP = `sceau-bank-sandbox — a local stand-in for the CM-CIC p@iement / Monetico payment server

Usage: sceau-bank-sandbox [options]

  --port <n>          port to listen on (default 8788; 0 picks a free one)
  --host <address>    address to listen on (default 127.0.0.1)
  --terminal <spec>   one of your terminals, repeatable; replaces the built-in ones:
                        tpe=1234567,key=<40 characters>,societe=<site code>[,format=v4][,mode=immediate]
                      any member of a terminals file may be given (name=, splitCount=3, recredit=false…)
  --terminals <file>  a terminals JSON file ({ "terminals": [...] }) instead
  --retour-url <url>  your Retour (CGI2) URL, for every terminal
  --state <file>      keep the sandbox's state in this file across restarts
  -h, --help          this text

Post your payment form to http://127.0.0.1:<port>/test/paiement.cgi (the bank's test paths) and answer
the notifications the sandbox posts to your Retour URL with "version=2\\ncdr=0\\n".
Test cards: GET /_sandbox/cards. Every route: the package's README.`;

/** The result of reading the command line: the help text was asked for, or the variables to set. */
export type CliRequest = { readonly help: true } | { readonly help: false; readonly env: CliEnv };

/** The variables `main.ts` reads that the command line sets. */
export type CliEnv = SandboxEnv & {
  readonly PORT?: string;
  readonly HOST?: string;
  readonly SANDBOX_STATE_FILE?: string;
};

/** The flags (`node:util` `parseArgs` options). */
const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  terminal: { type: "string", multiple: true },
  terminals: { type: "string" },
  "retour-url": { type: "string" },
  state: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** Terminal members that stay text even when they look like numbers. */
const TEXT_MEMBERS = new Set(["tpe", "key", "societe"]);

function fail(message: string): never {
  throw new SandboxError("ERR_CONFIG_INVALID", message);
}

/** Reads one `--terminal` value: comma-separated `member=value` pairs; `format` defaults to `v4`. */
function terminalFromSpec(spec: string): Record<string, unknown> {
  const terminal: Record<string, unknown> = { format: "v4" };
  for (const pair of spec.split(",")) {
    const at = pair.indexOf("=");
    const name = pair.slice(0, at).trim();
    if (at < 1 || name === "") fail(`--terminal: "${pair}" is not member=value.`);
    const text = pair.slice(at + 1).trim();
    terminal[name] =
      !TEXT_MEMBERS.has(name) && /^(true|false|-?\d+)$/.test(text) ? JSON.parse(text) : text;
  }
  for (const name of ["tpe", "key", "societe"]) {
    if (!(name in terminal)) fail(`--terminal: ${name}= is missing.`);
  }
  return terminal;
}

/**
 * Reads the sandbox's command line (without `node` and the script).
 *
 * @throws {SandboxError} `ERR_CONFIG_INVALID` for an unknown flag, a bad port or a malformed `--terminal`.
 * @example
 * ```ts
 * cliRequest(["--port", "9000", "--retour-url", "https://shop.test/retour.php"]);
 * // → { help: false, env: { PORT: "9000", SANDBOX_RETOUR_URL: "https://shop.test/retour.php" } }
 * ```
 */
export function cliRequest(argv: readonly string[]): CliRequest {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true }));
  } catch (error) {
    throw new SandboxError("ERR_CONFIG_INVALID", (error as Error).message, { cause: error });
  }
  if (values.help) return { help: true };
  const port = values.port;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65_535)) {
    fail("--port must be a port number (0 to 65535).");
  }
  if (values.terminal && values.terminals) fail("Give --terminal or --terminals, not both.");
  const terminals = values.terminal?.map(terminalFromSpec);
  if (terminals && !values["retour-url"] && terminals.some((t) => !("retourUrl" in t))) {
    fail("--terminal needs retourUrl=… or --retour-url <your Retour URL>.");
  }
  const env: Record<string, string> = {};
  if (port !== undefined) env.PORT = port;
  if (values.host) env.HOST = values.host;
  if (terminals) env.SANDBOX_TERMINALS_JSON = JSON.stringify({ terminals });
  if (values.terminals) env.SANDBOX_TERMINALS = values.terminals;
  if (values["retour-url"]) env.SANDBOX_RETOUR_URL = values["retour-url"];
  if (values.state) env.SANDBOX_STATE_FILE = values.state;
  return { help: false, env };
}
