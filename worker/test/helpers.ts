/**
 * Test harness: the app with a stand-in bank, and notifications sealed exactly as the bank seals them.
 */

import { env } from "cloudflare:workers";
import {
  formatAmount,
  formatRetourDateTime,
  importKey,
  type MacFormat,
  notificationMacData,
  seal,
} from "@sceau/protocol";
import { createApp } from "../src/app.ts";
import type { BankFetch, Env } from "../src/env.ts";
import { observe } from "./secret-scan.ts";

export { env };

export const KEY = "0123456789ABCDEF0123456789ABCDEF01234567";
export const ADMIN = { Authorization: "Bearer dev-admin-token" };
/** A key that is not the documentation's, for configurations with a real bank. */
export const BANK_KEY = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";
/** An admin token strong enough for a real bank. */
export const STRONG_TOKEN = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c";
/** A real bank's test server, configured as a deployment must be. */
export const REAL_BANK_TEST = {
  BANK: "monetico",
  BANK_ENV: "test",
  MERCHANT_KEY: BANK_KEY,
  ADMIN_TOKEN: STRONG_TOKEN,
};
/** The variables of a split-payment terminal (the sandbox's 7654323). */
export const SPLIT = { PAYMENT_MODE: "split", TPE: "7654323" };
export const BILLING = {
  addressLine1: "1 rue de la Paix",
  city: "Paris",
  postalCode: "75002",
  country: "FR",
};

/** The requests the stand-in bank received, and the answer it gives (settable per test). */
export const bank = {
  requests: [] as { url: string; fields: Record<string, string> }[],
  answer: (_url: string, _fields: Record<string, string>): Response | Promise<Response> =>
    new Response("version=1.0\ncdr=1\nlib=paiement accepte\naut=123456\n"),
  reset() {
    this.requests.length = 0;
    this.answer = (url, fields) => {
      if (url.endsWith("recredit_paiement.cgi")) {
        return new Response(
          `version=1.0\nreference=${fields.reference}\ncdr=0\nlib=recredit effectue\n`,
        );
      }
      const lib =
        fields.stoprecurrence !== undefined
          ? "recurrence stoppee"
          : fields.montant_a_capturer?.startsWith("0") && fields.montant_restant?.startsWith("0")
            ? "commande annulee"
            : "paiement accepte";
      return new Response(
        `version=1.0\nreference=${fields.reference}\ncdr=1\nlib=${lib}\naut=123456\n`,
      );
    };
  },
};
bank.reset();

const fakeBank: BankFetch = async (request) => {
  const body = new TextDecoder().decode(await request.arrayBuffer());
  const fields = Object.fromEntries(new URLSearchParams(body));
  bank.requests.push({ url: request.url, fields });
  return bank.answer(request.url, fields);
};

export const app = createApp({ bankFetch: fakeBank });

/** Calls the app with the test environment, optionally overriding variables. */
export async function call(
  path: string,
  init: RequestInit = {},
  overrides: Partial<Env> = {},
): Promise<Response> {
  const response = await app.request(`http://127.0.0.1:8787${path}`, init, {
    ...env,
    ...overrides,
  });
  observe(response, overrides);
  return response;
}

export function postJson(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  overrides: Partial<Env> = {},
) {
  return call(
    path,
    {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    },
    overrides,
  );
}

export interface Checkout {
  order: { reference: string; token: string; status: string; total: number; currency: string };
  form: { action: string; method: string; fields: Record<string, string> };
}

/** Creates an order through the API. */
export async function checkout(
  body: Record<string, unknown> = {},
  overrides: Partial<Env> = {},
): Promise<Checkout> {
  const response = await postJson(
    "/api/checkout",
    { items: [{ sku: "CD-KIND-OF-BLUE", quantity: 2 }], billing: BILLING, ...body },
    {},
    overrides,
  );
  if (response.status !== 201)
    throw new Error(`checkout: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A Retour body as the bank would post it, sealed with `key` (the dev key by default). */
export async function notification(
  fields: Record<string, string>,
  options: { format?: MacFormat; key?: string; tpe?: string } = {},
): Promise<string> {
  const format = options.format ?? "v4";
  const all: Record<string, string> = {
    TPE: options.tpe ?? "7654321",
    date: formatRetourDateTime(new Date()),
    "texte-libre": "",
    cvx: "oui",
    vld: "1229",
    brand: "na",
    ...fields,
  };
  const key = await importKey(options.key ?? KEY);
  const mac = await seal(key, notificationMacData(all, format, { tpe: env.TPE ?? "7654321" }));
  return new URLSearchParams({ ...all, MAC: mac }).toString();
}

/** An acceptance (`payetest` by default) for an order. */
export function accepted(reference: string, amount: number, extra: Record<string, string> = {}) {
  return notification({
    reference,
    montant: formatAmount(amount, "EUR"),
    "code-retour": "payetest",
    numauto: "123456",
    ...extra,
  });
}

/** A refusal for an order. */
export function refused(reference: string, amount: number, extra: Record<string, string> = {}) {
  return notification({
    reference,
    montant: formatAmount(amount, "EUR"),
    "code-retour": "Annulation",
    motifrefus: "Refus",
    ...extra,
  });
}

/** The receipts the bank must get: valid seal, and invalid or missing seal. */
export const OK = "version=2\ncdr=0\n";
export const INVALID = "version=2\ncdr=1\n";

/** An order's status as stored (`"missing"` when there is no such order). */
export async function orderStatus(reference: string): Promise<string> {
  const row = await env.DB.prepare("SELECT status FROM orders WHERE reference = ?")
    .bind(reference)
    .first<{ status: string }>();
  return row?.status ?? "missing";
}

/** Posts a Retour body. */
export function postRetour(body: string, overrides: Partial<Env> = {}) {
  return call(
    "/api/retour",
    { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body },
    overrides,
  );
}

/** The order as the admin API shows it. */
export async function adminOrder(reference: string, overrides: Partial<Env> = {}) {
  const response = await call(`/api/admin/orders/${reference}`, { headers: ADMIN }, overrides);
  return (await response.json()) as {
    order: {
      status: string;
      anomaly: string | null;
      authorisationNumber: string | null;
      ledger: Record<string, number | string | boolean | null>;
    };
    notifications: { classification: string; sealValid: boolean }[];
    events: { kind: string }[];
    operations: { kind: string; ok: boolean; lib: string | null }[];
    schedule: { number: number; status: string; amount: number; date: string }[];
  };
}

/** What `POST /api/admin/orders` answers. */
export interface MerchantOrder {
  order: {
    reference: string;
    status: string;
    total: number;
    currency: string;
    channel: "phone" | "link";
    operator: string | null;
    description: string | null;
    lines: { sku: string; name: string; quantity: number; unitAmount: number; amount: number }[];
    link: { expiresAt: string; openedAt: string | null };
  };
  payUrl: string;
  form: { action: string; method: string; fields: Record<string, string> };
}

/** A payment link for a free amount (45.00 EUR by default), created through the admin API. */
export async function merchantOrder(
  body: Record<string, unknown> = {},
  overrides: Partial<Env> = {},
): Promise<MerchantOrder> {
  const response = await postJson(
    "/api/admin/orders",
    {
      channel: "link",
      amount: 4500,
      currency: "EUR",
      description: "Facture 2026-114",
      billing: BILLING,
      ...body,
    },
    ADMIN,
    overrides,
  );
  if (response.status !== 201) {
    throw new Error(`admin order: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

/** Opens a payment link (an absolute URL from the API) as a browser would. */
export function openLink(
  url: string,
  headers: Record<string, string> = {},
  overrides: Partial<Env> = {},
) {
  const { pathname, search } = new URL(url);
  return call(`${pathname}${search}`, { headers }, overrides);
}
