/**
 * The bank's servers (PROTOCOL.md §1).
 * @module
 */
import { ConfigError } from "./errors.ts";

/** The banks that run the gateway. */
export type Bank = "cm" | "cic" | "obc" | "monetico";
/** Test server or production server. */
export type BankEnvironment = "test" | "production";

/** The three services a terminal calls. */
export interface BankUrls {
  /** `paiement.cgi`: where the buyer's browser posts the payment form. */
  readonly payment: string;
  /** `capture_paiement.cgi`: capture, cancel, stop recurrence. */
  readonly capture: string;
  /** `recredit_paiement.cgi`: refunds. */
  readonly recredit: string;
}

const HOSTS: Record<Bank, string> = {
  cm: "https://paiement.creditmutuel.fr/",
  cic: "https://ssl.paiement.cic-banques.fr/",
  obc: "https://ssl.paiement.banque-obc.fr/",
  monetico: "https://p.monetico-services.com/",
};

/**
 * The service URLs under a base URL that ends with `/` (e.g. `https://p.monetico-services.com/test/` or the
 * sandbox's `http://127.0.0.1:8788/test/`).
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` when the base is not an http(s) URL.
 */
export function urlsFromBase(base: string): BankUrls {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new ConfigError("baseUrl", `${JSON.stringify(base)} is not a URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError("baseUrl", `The bank URL must be http(s); got ${url.protocol}`);
  }
  const root = url.href.endsWith("/") ? url.href : `${url.href}/`;
  return {
    payment: `${root}paiement.cgi`,
    capture: `${root}capture_paiement.cgi`,
    recredit: `${root}recredit_paiement.cgi`,
  };
}

/**
 * The service URLs of a bank in an environment.
 *
 * @throws {ConfigError} `ERR_CONFIG_INVALID` for an unknown bank or environment.
 * @example
 * bankUrls("monetico", "test").payment; // "https://p.monetico-services.com/test/paiement.cgi"
 */
export function bankUrls(bank: Bank, environment: BankEnvironment): BankUrls {
  const host = Object.hasOwn(HOSTS, bank) ? HOSTS[bank] : undefined;
  if (!host) {
    throw new ConfigError(
      "bank",
      `Unknown bank ${JSON.stringify(bank)}: use cm, cic, obc or monetico.`,
    );
  }
  if (environment !== "test" && environment !== "production") {
    throw new ConfigError(
      "environment",
      `Unknown environment ${JSON.stringify(environment)}: use test or production.`,
    );
  }
  return urlsFromBase(environment === "test" ? `${host}test/` : host);
}
