/**
 * Test harness: the app wired to the real bank sandbox (test/bank.ts), notifications sealed exactly as the
 * bank seals them, and the steps of a purchase.
 */

import { env } from "cloudflare:workers";
import { formatAmount, formatRetourDateTime, type MacFormat } from "@sceau/protocol";
import { expect } from "vitest";
import { referenceMac } from "../../packages/protocol/test/reference-seal.mjs";
import type { Env } from "../src/env.ts";
import { createWorld, KEY, TERMINALS, type TerminalName, varsOf, type World } from "./bank.ts";
import { observe } from "./secret-scan.ts";

export { env, KEY, TERMINALS };

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
export const BILLING = {
  addressLine1: "1 rue de la Paix",
  city: "Paris",
  postalCode: "75002",
  country: "FR",
};

/** The worker's vars for one of the test terminals (test/bank.ts). */
export function terminal(name: TerminalName): Partial<Env> {
  return varsOf(TERMINALS[name]);
}

/** The variables of a split-payment terminal (the sandbox's 7654323). */
export const SPLIT = terminal("split");

/**
 * The bank sandbox and the worker of this test file, on the real time — read at each call, so a test that
 * fakes `Date` (vi.setSystemTime) moves both.
 */
export const world: World = await createWorld({ now: () => Date.now() });
export const { app, sandbox } = world;

/** The requests the worker sent the bank's services, and the network faults to play on the next ones. */
export const bank = {
  requests: world.requests,
  faults: world.faults,
  reset() {
    world.requests.length = 0;
    world.faults.length = 0;
  },
};

/** Calls the app (of `w`, this file's world by default) with the test environment, optionally overriding variables. */
export async function call(
  path: string,
  init: RequestInit = {},
  overrides: Partial<Env> = {},
  w: World = world,
): Promise<Response> {
  const response = await w.app.request(`http://127.0.0.1:8787${path}`, init, {
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
  w: World = world,
) {
  return call(
    path,
    {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    },
    overrides,
    w,
  );
}

/** Calls the admin API with a JSON body (`PUT /api/admin/products/X`…). */
export function adminJson(
  method: "PUT" | "POST",
  path: string,
  body: unknown,
  overrides: Partial<Env> = {},
) {
  return call(
    `/api/admin${path}`,
    {
      method,
      headers: { ...ADMIN, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    },
    overrides,
  );
}

/** Expects an error answer with this status, code and (when given) field; resolves with its body. */
export async function expectError(
  response: Response,
  status: number,
  code: string,
  field?: string,
): Promise<{ error: { code: string; message: string; field?: string } } & Record<string, unknown>> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body = JSON.parse(text);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  if (field !== undefined) expect(body.error.field).toBe(field);
  return body;
}

export interface Checkout {
  order: { reference: string; token: string; status: string; total: number; currency: string };
  form: { action: string; method: string; fields: Record<string, string> };
}

/** Creates an order through the API. */
export async function checkout(
  body: Record<string, unknown> = {},
  overrides: Partial<Env> = {},
  w: World = world,
): Promise<Checkout> {
  const response = await postJson(
    "/api/checkout",
    { items: [{ sku: "CD-KIND-OF-BLUE", quantity: 2 }], billing: BILLING, ...body },
    {},
    overrides,
    w,
  );
  if (response.status !== 201)
    throw new Error(`checkout: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The sandbox's test cards used here (its README, "Test cards"). */
export const CARDS = {
  visa: "4000000000000002",
  refused: "4000000000000101",
  lost: "4000000000000408",
  laterRefused: "4000000000000705",
  laterRetry: "4000000000000804",
  laterFour: "4000000000001000",
  laterLost: "4000000000001109",
} as const;

function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

/**
 * The buyer's part on the bank's pages: posts the sealed form to the sandbox's `paiement.cgi`, then a test
 * card on its card page (the sandbox sends the Retour to the worker before it answers). Resolves with the
 * card page's answer.
 */
export async function pay(
  sealed: Checkout["form"],
  card: string = CARDS.visa,
  w: World = world,
): Promise<Response> {
  const opened = await w.sandbox.app.request(new URL(sealed.action).pathname, form(sealed.fields));
  if (opened.status !== 303) {
    throw new Error(`paiement.cgi: ${opened.status} ${opened.headers.get("x-sandbox-error")}`);
  }
  const cardPage = opened.headers.get("location") ?? "";
  const cvv = card.length === 15 ? "1234" : "123";
  return w.sandbox.app.request(cardPage, form({ numero: card, mois: "12", annee: "2030", cvv }));
}

/** An order created on a terminal and paid on the sandbox with a card. */
export async function paidOrder(
  overrides: Partial<Env> = {},
  options: { card?: string; body?: Record<string, unknown>; world?: World } = {},
): Promise<Checkout["order"]> {
  const { order, form: sealed } = await checkout(options.body, overrides, options.world);
  const answer = await pay(sealed, options.card, options.world);
  if (answer.status !== 200) throw new Error(`card page: ${answer.status}`);
  return order;
}

/**
 * A Retour body as the bank would post it, sealed with `key` (the dev key by default) by the tests' own
 * reference implementation, not by the library the worker verifies with.
 */
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
  const mac = referenceMac(options.key ?? KEY, "notification", format, all, {
    tpe: env.TPE ?? "7654321",
  });
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

/** The merchant's view of an order's ledger (ledger.ts, `ledgerJson`). */
export interface LedgerView {
  mode: string;
  totals: Record<"authorised" | "captured" | "refunded" | "released" | "capturable", number>;
  recurrence: {
    active: boolean;
    renewals: number;
    next: { day: string; dueAt: string } | null;
  } | null;
  payments: {
    kind: string;
    number: number;
    label: string;
    day: string;
    dueAt: string;
    amount: number;
    state: string;
    deadline: string | null;
    authorised: number;
    captured: number;
    refunded: number;
    released: number;
    capturable: number;
    authorisations: {
      number: string | null;
      authorised: number;
      captured: number;
      capturedDay: string | null;
      refunded: number;
      refundable: number;
    }[];
  }[];
  actions: (
    | { kind: "capture"; payment: string; max: number }
    | { kind: "cancel"; payments: string[]; releases: number }
    | { kind: "recredit"; authorisation: string; payment: string; max: number }
    | { kind: "stop-recurrence" }
  )[];
}

/** The order as the admin API shows it. */
export async function adminOrder(
  reference: string,
  overrides: Partial<Env> = {},
  w: World = world,
) {
  const response = await call(`/api/admin/orders/${reference}`, { headers: ADMIN }, overrides, w);
  return (await response.json()) as {
    order: {
      status: string;
      total: number;
      anomaly: string | null;
      authorisationNumber: string | null;
      ledger: LedgerView;
    };
    notifications: { classification: string; sealValid: boolean; codeRetour: string | null }[];
    events: { kind: string; detail: string | null }[];
    operations: { kind: string; ok: boolean; cdr: number | null; lib: string | null }[];
    schedule: { kind: string; number: number; status: string; amount: number; date: string }[];
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
