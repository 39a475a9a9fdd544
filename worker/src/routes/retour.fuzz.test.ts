/**
 * `/api/retour` under random and adversarial bodies, in workerd against the real local D1 (property-based).
 *
 * Invariants, checked on every call: never a 5xx; a 200 answer is exactly `version=2\ncdr=0\n` when the seal
 * is valid over a readable notification and `version=2\ncdr=1\n` otherwise; every call adds one row to
 * `notifications`. Checked after
 * every run: no order is paid (or beyond) without a validly sealed, matching acceptance in the log, and
 * orders in a final state (paid, refunded) keep it.
 */
import {
  formatAmount,
  formatRetourDateTime,
  importKey,
  notificationMacData,
  seal,
} from "@sceau/protocol";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  accepted,
  BILLING,
  call,
  checkout,
  env,
  INVALID,
  KEY,
  OK,
  orderStatus,
  postRetour,
} from "../../test/helpers.ts";
import type { Env } from "../env.ts";

const OTHER_KEY = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";
const RUNS = 50;

type Entries = [string, string][];

/** How the body is put on the wire. */
type Wire = "urlencoded" | "latin1-percent" | "raw-utf8" | "raw-latin1";

const SPECIAL = new Set(["&", "=", "%", "+", "#"]);

function percent(bytes: Iterable<number>): string {
  return [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

function latin1Bytes(text: string): number[] {
  return [...text].map((ch) => ch.charCodeAt(0));
}

/** Encodes one name or value for the wire; `raw` keeps non-ASCII characters as bytes of the body. */
function encodePart(text: string, wire: Wire): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const ascii = code >= 0x20 && code < 0x7f;
    if (ascii && !SPECIAL.has(ch) && ch !== " ") out += ch;
    else if (wire === "urlencoded" || wire === "raw-utf8") {
      out +=
        wire === "raw-utf8" && !ascii && code >= 0x80 ? ch : percent(new TextEncoder().encode(ch));
    } else {
      out += !ascii && code >= 0xa0 && wire === "raw-latin1" ? ch : percent(latin1Bytes(ch));
    }
  }
  return out;
}

/** The body as posted: a string, or raw bytes for the raw encodings. */
function encodeBody(entries: Entries, wire: Wire): string | Uint8Array<ArrayBuffer> {
  const text = entries.map(([n, v]) => `${encodePart(n, wire)}=${encodePart(v, wire)}`).join("&");
  if (wire === "raw-utf8") return new TextEncoder().encode(text);
  if (wire === "raw-latin1") return Uint8Array.from(latin1Bytes(text));
  return text;
}

/** A notification's fields, sealed with `key` (MAC last), in the v4 format. */
async function sealed(fields: Record<string, string>, key = KEY): Promise<Entries> {
  const mac = await seal(
    await importKey(key),
    notificationMacData(fields, "v4", { tpe: "7654321" }),
  );
  return [...Object.entries(fields), ["MAC", mac]];
}

function baseFields(reference: string, amount: number, code: string, texte: string) {
  return {
    TPE: "7654321",
    date: formatRetourDateTime(new Date()),
    montant: formatAmount(amount, "EUR"),
    reference,
    "texte-libre": texte,
    "code-retour": code,
    cvx: "oui",
    vld: "1229",
    brand: "VI",
    numauto: "123456",
  };
}

async function countNotifications(): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM notifications").first<{
    n: number;
  }>();
  return row?.n ?? 0;
}

/** Every order paid or beyond was paid by a validly sealed, matching acceptance for it. */
async function assertNoUnbackedPayment() {
  const { results } = await env.DB.prepare(
    `SELECT o.reference, o.total, n.seal_valid, n.classification, n.reference AS n_reference, n.montant
       FROM orders o LEFT JOIN notifications n ON n.id = o.paid_notification_id
      WHERE o.status IN ('paid', 'captured', 'refunded', 'cancelled')`,
  ).all<{
    reference: string;
    total: number;
    seal_valid: number | null;
    classification: string | null;
    n_reference: string | null;
    montant: string | null;
  }>();
  for (const row of results) {
    expect(row.seal_valid, row.reference).toBe(1);
    expect(row.classification, row.reference).toBe("accepted");
    expect(row.n_reference).toBe(row.reference);
    expect(row.montant).toBe(formatAmount(row.total, "EUR"));
  }
}

/**
 * One call, with the invariants that hold for every call. `sealValid`: the body is sealed with the terminal's
 * key; `readable`: it is also a notification (a documented code-retour, readable fields), the only case that
 * earns `cdr=0`.
 */
async function send(
  body: string | Uint8Array<ArrayBuffer>,
  method: "POST" | "GET",
  { sealValid, readable = sealValid }: { sealValid: boolean; readable?: boolean },
  overrides: Partial<Env> = {},
): Promise<number> {
  const before = await countNotifications();
  let response: Response;
  if (method === "GET") {
    const query = typeof body === "string" ? body : new TextDecoder("latin1").decode(body);
    response = await call(`/api/retour?${query}`, {}, overrides);
  } else {
    response = await call(
      "/api/retour",
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
      },
      overrides,
    );
  }
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  if (sealValid) expect(response.status).toBe(200);
  if (response.status === 200) expect(text).toBe(sealValid && readable ? OK : INVALID);
  else expect(response.status === 413 || response.status === 415).toBe(true);
  expect(await countNotifications()).toBe(before + 1);
  return response.status;
}

/** Fixed orders in each final state, created once; their states must never change. */
const fixed = { paid: "", refunded: "", refundedTotal: 0, paidTotal: 0 };

beforeAll(async () => {
  const paid = await checkout();
  await postRetour(await accepted(paid.order.reference, paid.order.total));
  const refunded = await checkout();
  await postRetour(await accepted(refunded.order.reference, refunded.order.total));
  const r = await call(`/api/admin/orders/${refunded.order.reference}/recredit`, {
    method: "POST",
    headers: ADMIN,
  });
  expect(r.status).toBe(200);
  Object.assign(fixed, {
    paid: paid.order.reference,
    paidTotal: paid.order.total,
    refunded: refunded.order.reference,
    refundedTotal: refunded.order.total,
  });
  expect(await orderStatus(fixed.refunded)).toBe("refunded");
});

async function assertFinalStatesKept() {
  expect(await orderStatus(fixed.paid)).toBe("paid");
  expect(await orderStatus(fixed.refunded)).toBe("refunded");
  expect(await orderStatus(merchantStates.captured)).toBe("captured");
  expect(await orderStatus(merchantStates.cancelled)).toBe("cancelled");
}

/** Orders in the merchant's states (deferred capture: one partially captured, one cancelled). */
const merchantStates = { captured: "", cancelled: "" };

beforeAll(async () => {
  const deferred = { PAYMENT_MODE: "deferred" };
  for (const [state, operation, body] of [
    ["captured", "capture", JSON.stringify({ amount: 100 })],
    ["cancelled", "cancel", "{}"],
  ] as const) {
    const { order } = await checkout({}, deferred);
    await postRetour(await accepted(order.reference, order.total), deferred);
    const response = await call(
      `/api/admin/orders/${order.reference}/${operation}`,
      { method: "POST", headers: { ...ADMIN, "Content-Type": "application/json" }, body },
      deferred,
    );
    expect(response.status).toBe(200);
    merchantStates[state] = order.reference;
    expect(await orderStatus(order.reference)).toBe(state);
  }
});

const texte = fc.oneof(
  fc.constant(""),
  fc.constant("Noël à Paris ~ 100% + café"),
  fc.string({ maxLength: 40 }),
  fc.string({ maxLength: 20, unit: "grapheme" }),
);
const method = fc.constantFrom<"POST" | "GET">("POST", "GET");
const code = fc.constantFrom("payetest", "paiement", "Annulation", "paiement_pf2", "nonsense");
const target = fc.constantFrom("new", "paid", "refunded", "captured", "cancelled", "orphan");

describe("/api/retour fuzzing (property-based)", () => {
  it("validly sealed notifications, on any wire encoding, get cdr=0 (cdr=1 when they are no notification)", async () => {
    await fc.assert(
      fc.asyncProperty(
        target,
        code,
        texte,
        fc.constantFrom("match", "match", "plus-one", "zero", "usd", "huge", "garbage"),
        fc.constantFrom<Wire>("urlencoded", "latin1-percent", "raw-utf8", "raw-latin1"),
        method,
        async (which, codeRetour, text, amountKind, wire, verb) => {
          const fresh = which === "new" ? (await checkout()).order : undefined;
          const reference =
            which === "new"
              ? (fresh?.reference ?? "")
              : which === "orphan"
                ? "ZZORPHAN0001"
                : which === "captured" || which === "cancelled"
                  ? merchantStates[which]
                  : fixed[which];
          // Every order of the harness has the default cart (2 × 14.99).
          const total = which === "new" ? (fresh?.total ?? 0) : fixed.paidTotal;
          // Latin-1 wires can only carry Latin-1 text, and only as the sender means it when the bytes are
          // not also valid UTF-8: use the fixed accented text there.
          const t = wire.includes("latin1") ? "Noël à Paris ~ 100% + café" : text;
          const fields = baseFields(reference, total, codeRetour, t);
          const montant: Record<string, string> = {
            match: fields.montant,
            "plus-one": formatAmount(total + 1, "EUR"),
            zero: "0EUR",
            usd: formatAmount(total, "USD"),
            huge: "99999999999999999999999.99EUR",
            garbage: "29.98 EUR",
          };
          fields.montant = montant[amountKind] ?? fields.montant;
          const matchAmount = amountKind === "match";
          const body = encodeBody(await sealed(fields), wire);
          const verbUsed = typeof body === "string" ? verb : "POST";
          // A documented code and a readable amount make a notification; "nonsense" or an unreadable
          // amount (a space, more digits than a safe integer) make a sealed body that is none.
          const readable =
            codeRetour !== "nonsense" && amountKind !== "garbage" && amountKind !== "huge";
          await send(body, verbUsed, { sealValid: true, readable });
          if (fresh) {
            const expected =
              codeRetour === "nonsense"
                ? ["pending"] // unreadable: recorded as malformed
                : !matchAmount
                  ? ["anomaly", "pending"] // a mismatch, or an amount that cannot be read
                  : codeRetour === "payetest" || codeRetour === "paiement"
                    ? ["paid"]
                    : codeRetour === "Annulation"
                      ? ["refused"]
                      : ["pending"];
            expect(expected, `${codeRetour} ${amountKind}`).toContain(
              await orderStatus(fresh.reference),
            );
          }
          await assertFinalStatesKept();
        },
      ),
      { numRuns: RUNS },
    );
    await assertNoUnbackedPayment();
  }, 60_000);

  it("altered, missing, extra or repeated fields and foreign keys get cdr=1 and change nothing", async () => {
    const alteration = fc.oneof(
      fc.record({
        kind: fc.constant("alter" as const),
        field: fc.constantFrom(
          "reference",
          "montant",
          "code-retour",
          "date",
          "TPE",
          "texte-libre",
          "MAC",
          "numauto",
        ),
        value: fc.string({ maxLength: 20 }),
      }),
      fc.record({
        kind: fc.constant("missing" as const),
        field: fc.constantFrom(
          "reference",
          "montant",
          "code-retour",
          "date",
          "TPE",
          "texte-libre",
          "MAC",
          "cvx",
        ),
      }),
      fc.record({
        kind: fc.constant("extra" as const),
        field: fc.string({ minLength: 1, maxLength: 10 }),
        value: fc.string({ maxLength: 20 }),
      }),
      fc.record({
        kind: fc.constant("repeat" as const),
        field: fc.constantFrom("reference", "montant", "code-retour", "MAC", "texte-libre"),
        same: fc.boolean(),
      }),
      fc.record({ kind: fc.constant("foreign-key" as const) }),
      fc.record({ kind: fc.constant("other-tpe" as const) }),
      fc.record({
        kind: fc.constant("swap-reference" as const),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        alteration,
        fc.constantFrom("payetest", "paiement"),
        texte,
        method,
        async (change, codeRetour, text, verb) => {
          // A pending order, and an old acceptance for the paid order (the one replayed or altered).
          const { order } = await checkout();
          const reference = change.kind === "swap-reference" ? fixed.paid : order.reference;
          const total = change.kind === "swap-reference" ? fixed.paidTotal : order.total;
          const fields: Record<string, string> = baseFields(reference, total, codeRetour, text);
          let entries: Entries;
          if (change.kind === "foreign-key") entries = await sealed(fields, OTHER_KEY);
          else if (change.kind === "other-tpe")
            entries = await sealed({ ...fields, TPE: "7654322" }, OTHER_KEY);
          else entries = await sealed(fields);
          switch (change.kind) {
            case "alter": {
              const i = entries.findIndex(([n]) => n === change.field);
              const old = entries[i]?.[1] ?? "";
              let value = change.value;
              if (change.field === "MAC") value = old.replace(/^./, (c) => (c === "0" ? "1" : "0"));
              else if (value === old) value = `${old}x`;
              entries[i] = [change.field, value];
              break;
            }
            case "missing":
              entries = entries.filter(([n]) => n !== change.field);
              break;
            case "extra":
              if (entries.some(([n]) => n === change.field)) entries.push([change.field, "dup"]);
              else entries.splice(2, 0, [change.field, change.value]);
              break;
            case "repeat": {
              const value = entries.find(([n]) => n === change.field)?.[1] ?? "";
              entries.push([change.field, change.same ? value : `${value}0`]);
              break;
            }
            case "swap-reference": {
              // A replayed old acceptance (for the paid order) pointed at the new order.
              const i = entries.findIndex(([n]) => n === "reference");
              entries[i] = ["reference", order.reference];
              break;
            }
          }
          const status = await send(encodeBody(entries, "urlencoded"), verb, { sealValid: false });
          expect(status).toBe(200);
          expect(await orderStatus(order.reference)).toBe("pending");
          await assertFinalStatesKept();
        },
      ),
      { numRuns: RUNS },
    );
    await assertNoUnbackedPayment();
  }, 60_000);

  it("junk bodies: random text, bytes, broken % sequences, huge values", async () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 200, unit: "binary" }),
      fc.uint8Array({ maxLength: 300 }),
      fc
        .array(
          fc.oneof(
            fc.constantFrom(
              "%",
              "%G",
              "%zz",
              "%C3",
              "%C3%28",
              "%FF%FE",
              "%E9",
              "%00",
              "+",
              "&",
              "=",
              "MAC=",
              "reference=",
            ),
            fc.string({ maxLength: 6 }),
          ),
          { maxLength: 30 },
        )
        .map((parts) => parts.join("")),
      fc
        .tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom("a", "%41", "é"))
        .map(([n, unit]) => `texte-libre=${unit.repeat(Math.ceil(n / unit.length))}&MAC=00`),
      fc
        .array(
          fc.tuple(
            fc.constantFrom("TPE", "reference", "MAC", "montant", "code-retour", "date"),
            fc.string({ maxLength: 12 }),
          ),
          {
            maxLength: 12,
          },
        )
        .map((pairs) => new URLSearchParams(pairs).toString()),
    );
    await fc.assert(
      fc.asyncProperty(junk, method, async (body, verb) => {
        await send(body, typeof body === "string" ? verb : "POST", { sealValid: false });
        await assertFinalStatesKept();
      }),
      { numRuns: RUNS },
    );
    await assertNoUnbackedPayment();
  }, 60_000);

  it("v3: only the documented fields are sealed; extra fields do not break a valid seal", async () => {
    const v3 = { MAC_FORMAT: "v3" };
    const key = await importKey(KEY);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 10 }),
        fc.string({ maxLength: 20 }),
        fc.constantFrom("none", "reference", "montant", "code-retour", "texte-libre", "MAC"),
        method,
        async (extraName, extraValue, altered, verb) => {
          const { order } = await checkout({ billing: undefined, shipping: BILLING }, v3);
          const fields = baseFields(order.reference, order.total, "payetest", "");
          const mac = await seal(key, notificationMacData(fields, "v3", { tpe: "7654321" }));
          const entries: Entries = [...Object.entries(fields), ["MAC", mac]];
          if (!entries.some(([n]) => n === extraName)) entries.push([extraName, extraValue]);
          const i = entries.findIndex(([n]) => n === altered);
          if (i >= 0) {
            const old = entries[i]?.[1] ?? "";
            entries[i] = [
              altered,
              altered === "MAC" ? old.replace(/^./, (c) => (c === "0" ? "1" : "0")) : `${old}1`,
            ];
          }
          await send(encodeBody(entries, "urlencoded"), verb, { sealValid: i < 0 }, v3);
          expect(await orderStatus(order.reference)).toBe(i < 0 ? "paid" : "pending");
        },
      ),
      { numRuns: 30 },
    );
    await assertNoUnbackedPayment();
  }, 60_000);

  it("refuses a non-form media type with 415, and still logs the call", async () => {
    const before = await countNotifications();
    const response = await call("/api/retour", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(415);
    expect(await countNotifications()).toBe(before + 1);
  });
});
