/**
 * Test harness: a real local merchant (node:http on a random port) and helpers that build forms with
 * `@sceau/protocol`'s terminal, as the worker does, sealed by the tests' own reference implementation
 * (protocol/test/reference-seal.mjs), and drive the sandbox through `app.request`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type CalendarDay,
  createTerminal,
  decodeFormBody,
  type PaymentOrder,
  parseBankDay,
  parseResponseLines,
  type Terminal,
  type TerminalConfig,
} from "@sceau/protocol";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type ReferenceKind, referenceMac } from "../../protocol/test/reference-seal.mjs";
import { createSandbox, type Sandbox, type SandboxOptions } from "../src/app.ts";
import type { Book } from "../src/books.ts";
import type { TerminalSettings } from "../src/terminals.ts";
import type { TimelineEvent } from "../src/timeline.ts";

/** The documentation's example key (dev only). */
export const DOC_KEY = "0123456789ABCDEF0123456789ABCDEF01234567";
/** A fixed start: Saturday 31 January 2026, 10:00 in Paris. */
export const START = Date.parse("2026-01-31T09:00:00Z");

/** What the merchant answers to one call. */
export type MerchantReply = { status?: number; body: string; delayMs?: number } | "hang" | "reset";

/** A local merchant Retour endpoint. */
export interface Merchant {
  readonly url: string;
  /** Bodies received, decoded. */
  readonly received: Record<string, string>[];
  /** The raw bodies received. */
  readonly raw: string[];
  reply: (fields: Record<string, string>, n: number) => MerchantReply;
  close(): Promise<void>;
}

/** Starts a merchant that answers the good receipt unless told otherwise. */
export async function startMerchant(
  reply: Merchant["reply"] = () => ({ body: "version=2\ncdr=0\n" }),
): Promise<Merchant> {
  const sockets = new Set<import("node:net").Socket>();
  const merchant = {
    url: "",
    received: [] as Record<string, string>[],
    raw: [] as string[],
    reply,
    close: async () => {},
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = "";
    req.on("data", (chunk: Buffer) => {
      data += chunk.toString("latin1");
    });
    req.on("end", () => {
      const fields = decodeFormBody(data);
      merchant.received.push(fields);
      merchant.raw.push(data);
      const answer = merchant.reply(fields, merchant.received.length);
      if (answer === "hang") return;
      if (answer === "reset") {
        req.socket.destroy();
        return;
      }
      setTimeout(() => {
        res.writeHead(answer.status ?? 200, { "content-type": "text/plain" });
        res.end(answer.body);
      }, answer.delayMs ?? 0);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  merchant.url = `http://127.0.0.1:${port}/api/retour`;
  merchant.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return merchant;
}

/** A URL nobody listens on (the merchant is down). */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/api/retour`;
}

/** The shipped terminals, pointed at a merchant URL, plus test terminals of every mode and setting. */
export function terminalsFor(url: string): TerminalSettings[] {
  const base = { key: DOC_KEY, societe: "boutiqueducd", retourUrl: url };
  return [
    { ...base, tpe: "7654321", format: "v4", mode: "immediate", threeDSecureBypass: true },
    { ...base, tpe: "7654322", format: "v3", mode: "immediate" },
    { ...base, tpe: "7654323", format: "v4", mode: "split", splitCount: 3 },
    { ...base, tpe: "7654324", format: "v4", mode: "deferred", deferredDays: 7 },
    { ...base, tpe: "7654325", format: "v4", mode: "partial", partialDays: 30 },
    { ...base, tpe: "7654326", format: "v4", mode: "recurring", recurringMaxRenewals: 3 },
    {
      ...base,
      tpe: "7654327",
      format: "v3",
      mode: "deferred",
      deferredDays: 2,
      deferredExpiry: "capture",
    },
    { ...base, tpe: "7654328", format: "v3", mode: "split", splitCount: 4, recredit: false },
    {
      ...base,
      tpe: "7654329",
      format: "v4",
      mode: "immediate",
      express: true,
      threeDSecure: false,
    },
    { ...base, tpe: "1234567", societe: "monSite1", format: "v3", mode: "immediate" },
    {
      ...base,
      tpe: "7654330",
      format: "v4",
      mode: "split",
      splitDayRule: "fixed",
      splitPercentages: [20, 30, 50],
      splitOnRefusal: "carry-over",
    },
    {
      ...base,
      tpe: "7654331",
      format: "v4",
      mode: "recurring",
      recurringDay: 5,
      recurringPeriodMonths: 3,
      recurringCapture: "period-end",
    },
    { ...base, tpe: "7654332", format: "v3", mode: "recurring", recurringCapture: "manual" },
    {
      ...base,
      tpe: "7654333",
      format: "v4",
      mode: "split",
      splitCount: 2,
      deferredDays: 1,
      deferredExpiry: "capture",
    },
  ];
}

/** A sandbox on a fixed clock with fast Retour timings. */
export async function sandboxFor(
  merchantUrl: string,
  options: SandboxOptions = {},
): Promise<Sandbox> {
  return createSandbox({
    terminals: terminalsFor(merchantUrl),
    now: () => START,
    retourTimeoutMs: 400,
    retryDelayMs: 0,
    ...options,
  });
}

/**
 * Registers the usual hooks of a test file: one merchant for the file, and for each test a fresh sandbox
 * (and the merchant's received calls forgotten). Read `merchant` and `sandbox` inside tests.
 */
export function sandboxPerTest(): { readonly merchant: Merchant; readonly sandbox: Sandbox } {
  const env = {} as { merchant: Merchant; sandbox: Sandbox };
  beforeAll(async () => {
    env.merchant = await startMerchant();
  });
  afterAll(() => env.merchant.close());
  beforeEach(async () => {
    env.merchant.received.length = 0;
    env.sandbox = await sandboxFor(env.merchant.url);
  });
  return env;
}

/** A merchant-side terminal (as the worker configures it). */
export function merchantTerminal(
  tpe: string,
  format: "v3" | "v4",
  societe = "boutiqueducd",
): Promise<Terminal> {
  const config: TerminalConfig = {
    tpe,
    key: DOC_KEY,
    societe,
    format,
    baseUrl: "http://127.0.0.1:8788/test/",
  };
  return createTerminal(config);
}

/** The v4 order context the worker sends. */
export const CONTEXT = {
  billing: { addressLine1: "1 rue de la Paix", city: "Paris", postalCode: "75002", country: "FR" },
} as const;

let counter = 0;
/** A fresh reference. */
export function reference(): string {
  counter += 1;
  return `REF${Date.now().toString(36).toUpperCase().slice(-5)}${counter}`;
}

/** A sealed form for an order (date = the sandbox's start unless given). */
export async function sealedForm(
  tpe: string,
  format: "v3" | "v4",
  order: Partial<PaymentOrder> = {},
): Promise<Record<string, string>> {
  const terminal = await merchantTerminal(tpe, format);
  const form = await terminal.paymentForm({
    reference: reference(),
    amount: 6273,
    currency: "EUR",
    date: new Date(START),
    returnUrls: { ok: "http://shop.test/merci", error: "http://shop.test/erreur" },
    ...(format === "v4" && { context: CONTEXT }),
    ...order,
  });
  // The sandbox checks a seal made by the tests' reference, not by the library it verifies with.
  return sealWith(form.fields, "payment", format);
}

/** Posts url-encoded fields. */
export function post(
  sandbox: Sandbox,
  path: string,
  fields: Record<string, string>,
): Promise<Response> {
  return Promise.resolve(
    sandbox.app.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

/** Posts a form to paiement.cgi and returns the card page path. */
export async function open(
  sandbox: Sandbox,
  fields: Record<string, string>,
  path = "/test/paiement.cgi",
): Promise<string> {
  const res = await post(sandbox, path, fields);
  if (res.status !== 303)
    throw new Error(`paiement.cgi answered ${res.status}: ${res.headers.get("x-sandbox-error")}`);
  return res.headers.get("location") ?? "";
}

/** Card values for a test card number. */
export function card(number: string, cvv = number.length === 15 ? "1234" : "123") {
  return { numero: number, mois: "12", annee: "2029", cvv };
}

/** Pays with a card on a card page; returns the result page. */
export function pay(
  sandbox: Sandbox,
  cardPath: string,
  number: string,
  cvv?: string,
): Promise<Response> {
  return post(sandbox, cardPath, card(number, cvv));
}

/** Opens a form and pays it with a card. */
export async function payForm(
  sandbox: Sandbox,
  fields: Record<string, string>,
  number = "4000000000000002",
): Promise<{ path: string; res: Response; html: string }> {
  const path = await open(sandbox, fields);
  const res = await pay(sandbox, path, number);
  return { path, res, html: await res.text() };
}

/** GETs JSON from the sandbox. */
export async function json<T = unknown>(
  sandbox: Sandbox,
  path: string,
  init?: RequestInit,
): Promise<T> {
  const res = await sandbox.app.request(path, init);
  return (await res.json()) as T;
}

/** Fields with `MAC` replaced by the seal of the tests' own reference (never the library's). */
function sealWith(
  fields: Record<string, string>,
  kind: ReferenceKind,
  format: "v3" | "v4",
): Record<string, string> {
  const rest = { ...fields };
  delete rest.MAC;
  return { ...rest, MAC: referenceMac(DOC_KEY, kind, format, rest) };
}

/** Re-seals fields as they are (to post forms the library would refuse to build). */
export async function reseal(
  fields: Record<string, string>,
  format: "v3" | "v4",
): Promise<Record<string, string>> {
  return sealWith(fields, "payment", format);
}

/** Reads a protocol vector file. */
export async function vectors(
  name: string,
): Promise<{ id: string; fields: Record<string, string>; mac: string }[]> {
  const { readFile } = await import("node:fs/promises");
  const url = new URL(`../../protocol/test/vectors/${name}`, import.meta.url);
  return (
    JSON.parse(await readFile(url, "utf8")) as {
      vectors: { id: string; fields: Record<string, string>; mac: string }[];
    }
  ).vectors;
}

/** Seals capture or recredit fields as posted and returns the body. */
export async function sealOperation(
  fields: Record<string, string>,
  format: "v3" | "v4",
  service: "capture" | "recredit",
): Promise<Record<string, string>> {
  return sealWith(fields, service, format);
}

/** Posts to a bank service and reads `name=value` lines. */
export async function service(
  sandbox: Sandbox,
  name: "capture" | "recredit",
  fields: Record<string, string>,
): Promise<Record<string, string>> {
  const path = name === "capture" ? "/test/capture_paiement.cgi" : "/test/recredit_paiement.cgi";
  const res = await post(sandbox, path, fields);
  return parseResponseLines(await res.text()).fields;
}

/** The books of an order (`/_sandbox/books/:tpe/:reference`). */
export function book(sandbox: Sandbox, tpe: string, reference: string): Promise<Book> {
  return json<Book>(sandbox, `/_sandbox/books/${tpe}/${reference}`);
}

/** Moves the sandbox clock through its control endpoint; answers the events that ran. */
export async function advanceDays(sandbox: Sandbox, days: number): Promise<TimelineEvent[]> {
  const res = await sandbox.app.request("/_sandbox/clock", {
    method: "POST",
    body: JSON.stringify({ advanceDays: days }),
  });
  return ((await res.json()) as { events: TimelineEvent[] }).events;
}

/** An order paid on a terminal: its reference and its form. */
export interface PaidOrder {
  readonly tpe: string;
  readonly format: "v3" | "v4";
  readonly reference: string;
  readonly amount: number;
}

/** Opens a form for `amount` (default 100.00 EUR) on a terminal and pays it with a card. */
export async function payOrder(
  sandbox: Sandbox,
  tpe: string,
  format: "v3" | "v4",
  options: { card?: string; amount?: number; order?: Partial<PaymentOrder> } = {},
): Promise<PaidOrder> {
  const amount = options.amount ?? 10000;
  const fields = await sealedForm(tpe, format, { amount, ...options.order });
  await pay(sandbox, await open(sandbox, fields), options.card ?? "4000000000000002");
  return { tpe, format, reference: fields.reference ?? "", amount };
}

/**
 * What the merchant sends the capture and recredit services for an order, built with the protocol
 * library as the worker builds it, dated by the sandbox clock; each answers the service's lines.
 */
export function merchantOperations(sandbox: Sandbox, order: PaidOrder) {
  const common = async () => ({
    terminal: await merchantTerminal(order.tpe, order.format),
    base: {
      reference: order.reference,
      amount: { minor: order.amount, currency: "EUR" },
      date: sandbox.clock.now(),
    },
  });
  const send = (
    request: { fields: Readonly<Record<string, string>> },
    name: "capture" | "recredit",
  ) => service(sandbox, name, { ...request.fields });
  return {
    /** Captures `amount`, `already` being captured before, on the order's day or a renewal's day. */
    async capture(amount: number, already = 0, orderDay: Date | CalendarDay = new Date(START)) {
      const { terminal, base } = await common();
      const request = await terminal.captureRequest({
        ...base,
        orderDate: orderDay,
        capture: amount,
        alreadyCaptured: already,
      });
      return send(request, "capture");
    },
    async cancel(already = 0, orderDay: Date | CalendarDay = new Date(START)) {
      const { terminal, base } = await common();
      return send(
        await terminal.cancelRequest({ ...base, orderDate: orderDay, alreadyCaptured: already }),
        "capture",
      );
    },
    async stop() {
      const { terminal, base } = await common();
      return send(
        await terminal.stopRecurrenceRequest({ ...base, orderDate: new Date(START) }),
        "capture",
      );
    },
    /** Refunds under an authorisation of the books. */
    async refund(
      authorisation: { number: string; capturedDay: string | null; refundable: number },
      amount: number,
      orderDay: Date | CalendarDay = new Date(START),
    ) {
      const { terminal, base } = await common();
      const request = await terminal.recreditRequest({
        ...base,
        orderDate: orderDay,
        captureDate: parseBankDay(authorisation.capturedDay ?? ""),
        authorisationNumber: authorisation.number,
        refund: amount,
        refundable: authorisation.refundable,
      });
      return send(request, "recredit");
    },
  };
}
