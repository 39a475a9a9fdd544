/**
 * Random strings (and random values where the signature takes `unknown`) against every parser and validator:
 * each returns a value or throws a `ProtocolError`, never anything else, and a returned value is sane.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CalendarDay,
  createTerminal,
  daysInMonth,
  decodeFormBody,
  decodeOrderContext,
  diagnoseOrderContext,
  diagnosePaymentFields,
  FieldError,
  importKey,
  ProtocolError,
  parseBankDateTime,
  parseBankDay,
  parseCaptureResponse,
  parseRecreditResponse,
  usableKeyHex,
} from "./index.ts";

const RUNS = { numRuns: 300 };

/** Runs `fn`; a throw must be a ProtocolError. Returns the value, or undefined after a ProtocolError. */
function valueOrProtocolError<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toMatch(/^ERR_[A-Z_]+$/);
    return undefined;
  }
}

/** Any string: full Unicode (lone surrogates included), or built from the parser's own alphabet. */
function strings(alphabet: string, maxLength = 40): fc.Arbitrary<string> {
  const near = fc
    .array(fc.constantFrom(...alphabet.split("")), { maxLength })
    .map((chars) => chars.join(""));
  return fc.oneof(
    fc.string({ maxLength, unit: "binary" }),
    fc.string({ maxLength, unit: "grapheme-ascii" }),
    near,
  );
}

function realDay(d: CalendarDay): boolean {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

describe("parsers with random strings: a value or a ProtocolError", () => {
  it("parseBankDay", () => {
    const dates = fc.oneof(
      strings("0123456789/", 12),
      fc
        .tuple(
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 9999 }),
        )
        .map(
          ([d, m, y]) =>
            `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${String(y).padStart(4, "0")}`,
        ),
    );
    fc.assert(
      fc.property(dates, (text) => {
        const day = valueOrProtocolError(() => parseBankDay(text));
        if (day) expect(realDay(day)).toBe(true);
      }),
      RUNS,
    );
  });

  it("parseBankDateTime", () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, "0"));
    const dates = fc.oneof(
      strings("0123456789/:_a", 24),
      fc
        .tuple(
          two,
          two,
          fc.integer({ min: 0, max: 9999 }),
          fc.constantFrom(":", "_a_"),
          two,
          two,
          two,
        )
        .map(
          ([d, m, y, sep, hh, mm, ss]) =>
            `${d}/${m}/${String(y).padStart(4, "0")}${sep}${hh}:${mm}:${ss}`,
        ),
    );
    fc.assert(
      fc.property(dates, (text) => {
        const instant = valueOrProtocolError(() => parseBankDateTime(text));
        if (instant) expect(Number.isNaN(instant.getTime())).toBe(false);
      }),
      RUNS,
    );
  });

  const answers = fc.oneof(
    fc.string({ maxLength: 200, unit: "binary" }),
    fc
      .array(
        fc.tuple(
          fc.constantFrom(
            "version",
            "cdr",
            "lib",
            "aut",
            "reference",
            "phonie",
            "__proto__",
            "constructor",
            "",
          ),
          fc.oneof(fc.string({ maxLength: 12 }), fc.integer({ min: -2000, max: 2000 }).map(String)),
          fc.constantFrom("\n", "\r\n", "\r", ""),
        ),
        { maxLength: 8 },
      )
      .map((lines) => lines.map(([n, v, eol]) => `${n}=${v}${eol}`).join("")),
  );

  it("parseCaptureResponse", () => {
    fc.assert(
      fc.property(answers, (text) => {
        const answer = valueOrProtocolError(() => parseCaptureResponse(text));
        if (!answer) return;
        expect(Number.isInteger(answer.cdr)).toBe(true);
        expect(typeof answer.lib).toBe("string");
        expect(answer.ok).toBe(answer.cdr === 1);
        expect(answer.ok && answer.retryable).toBe(false);
      }),
      RUNS,
    );
  });

  it("parseRecreditResponse", () => {
    fc.assert(
      fc.property(answers, (text) => {
        const answer = valueOrProtocolError(() => parseRecreditResponse(text));
        if (!answer) return;
        expect(Number.isInteger(answer.cdr)).toBe(true);
        expect(answer.ok).toBe(answer.cdr === 0);
        expect(answer.ok && answer.retryable).toBe(false);
      }),
      RUNS,
    );
  });

  it("decodeOrderContext", () => {
    const base64 = fc.oneof(
      strings("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", 60),
      fc.jsonValue().map((v) => {
        const json = JSON.stringify(v) ?? "null";
        return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
      }),
      fc.uint8Array({ maxLength: 40 }).map((bytes) => btoa(String.fromCharCode(...bytes))),
    );
    fc.assert(
      fc.property(base64, (text) => {
        const value = valueOrProtocolError(() => decodeOrderContext(text));
        if (value === undefined) return;
        expect(value !== null && typeof value === "object" && !Array.isArray(value)).toBe(true);
      }),
      RUNS,
    );
  });

  it("usableKeyHex", () => {
    const keys = fc.oneof(
      fc.string({ minLength: 38, maxLength: 42, unit: "binary" }),
      strings("0123456789ABCDEFabcdefGHIJKLMNOPQRSTUVWXYZ", 42),
      fc.string({ minLength: 40, maxLength: 40, unit: fc.constantFrom(..."0123456789ABCDEFMPQZ") }),
    );
    fc.assert(
      fc.property(keys, (key) => {
        const hex = valueOrProtocolError(() => usableKeyHex(key));
        if (hex !== undefined) expect(hex).toMatch(/^[0-9a-f]{40}$/);
      }),
      RUNS,
    );
  });

  it("never puts the key in an error message (importKey, createTerminal)", async () => {
    const keys = fc.oneof(
      fc.string({ minLength: 20, maxLength: 42 }),
      fc.string({ minLength: 40, maxLength: 40, unit: fc.constantFrom(..."0123456789ABCDEFGXYZ") }),
    );
    await fc.assert(
      fc.asyncProperty(keys, async (key) => {
        for (const attempt of [
          () => importKey(key),
          () =>
            createTerminal({
              tpe: "7654321",
              key,
              societe: "shop",
              format: "v4",
              bank: "cic",
              environment: "test",
            }),
        ]) {
          try {
            await attempt();
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
            const text = `${(error as Error).message} ${String(error)}`;
            expect(text).not.toContain(key);
            expect(text.toLowerCase()).not.toContain(key.toLowerCase());
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("validators with random input: a list of FieldErrors, never a throw", () => {
  const FIELD_NAMES = [
    "version",
    "TPE",
    "societe",
    "reference",
    "lgue",
    "date",
    "montant",
    "texte-libre",
    "mail",
    "url_retour",
    "url_retour_ok",
    "url_retour_err",
    "nbrech",
    "dateech1",
    "montantech1",
    "dateech2",
    "montantech2",
    "dateech5",
    "options",
    "contexte_commande",
    "ThreeDSecureChallenge",
    "3dsdebrayable",
    "aliascb",
    "desactivemoyenpaiement",
    "protocole",
    "__proto__",
  ];
  const value = fc.oneof(
    fc.string({ maxLength: 30, unit: "binary" }),
    fc.constantFrom(
      "",
      "3.0",
      "7654321",
      "12.00EUR",
      "1,5EUR",
      "FR",
      "05/12/2026:11:55:23",
      "2",
      "3xcb,x",
    ),
    fc.jsonValue().map((v) => btoa(encodeURIComponent(JSON.stringify(v) ?? ""))),
  );

  it("diagnosePaymentFields", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 })),
          value,
          {
            maxKeys: 20,
          },
        ),
        fc.constantFrom("v3" as const, "v4" as const),
        (fields, format) => {
          const problems = diagnosePaymentFields(fields, format);
          expect(Array.isArray(problems)).toBe(true);
          for (const p of problems) expect(p).toBeInstanceOf(FieldError);
        },
      ),
      RUNS,
    );
  });

  it("diagnoseOrderContext", () => {
    const address = fc.dictionary(
      fc.constantFrom(
        "addressLine1",
        "city",
        "postalCode",
        "country",
        "email",
        "phone",
        "civility",
        "x",
      ),
      fc.oneof(fc.string({ maxLength: 60, unit: "binary" }), fc.anything()),
    );
    const context = fc.oneof(
      fc.anything(),
      fc.record(
        { billing: fc.oneof(address, fc.anything()), shipping: fc.oneof(address, fc.anything()) },
        {
          requiredKeys: [],
        },
      ),
    );
    fc.assert(
      fc.property(context, (value) => {
        const problems = diagnoseOrderContext(value);
        for (const p of problems) expect(p).toBeInstanceOf(FieldError);
      }),
      RUNS,
    );
  });
});

describe("decodeFormBody round trip", () => {
  /** Percent-encodes some characters and leaves others raw, as a sloppy sender might. */
  function mixed(text: string, raw: boolean[]): string {
    return [...text]
      .map((ch, i) =>
        raw[i % raw.length] && !/[&=%+]/.test(ch)
          ? ch
          : [...new TextEncoder().encode(ch)]
              .map((b) => `%${b.toString(16).padStart(2, "0")}`)
              .join(""),
      )
      .join("");
  }

  it("gives back every value, astral characters next to % sequences included (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20, unit: "grapheme" }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        (value, raw) => {
          expect(decodeFormBody(`a=${mixed(value, raw)}&b=1`).a).toBe(value);
        },
      ),
      RUNS,
    );
    expect(decodeFormBody("t=%20\u{10000}").t).toBe(" \u{10000}");
  });

  it("reads a long ISO-8859-1 value without exceeding the engine's argument limit", () => {
    const value = decodeFormBody(`t=${"%E9".repeat(200_000)}`).t;
    expect(value).toHaveLength(200_000);
    expect(value?.[0]).toBe("é");
  });
});
