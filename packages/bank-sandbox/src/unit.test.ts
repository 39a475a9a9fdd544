import { readFile } from "node:fs/promises";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createClock } from "./clock.ts";
import { SandboxError } from "./errors.ts";
import { escapeHtml, html, raw } from "./html.ts";
import { messagesFor, TRANSLATED_LANGUAGES } from "./i18n.ts";
import { DEFAULT_TERMINALS, loadTerminals } from "./terminals.ts";
import { binOf, brandOf, luhnValid, maskV3, maskV4, TEST_CARDS } from "./test-cards.ts";

describe("html", () => {
  it("escapes interpolated text but not nested templates or raw markup", () => {
    const user = `"><script>alert('x')</script>&`;
    const out = html`<p title="${user}">${user}${html`<b>${user}</b>`}${raw("<i>ok</i>")}</p>`
      .value;
    expect(out).not.toContain("<script>");
    expect(out).toContain("&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;");
    expect(out).toContain("<b>&quot;");
    expect(out).toContain("<i>ok</i>");
  });

  it("never lets a < or quote through", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"'`]/);
      }),
    );
  });

  it("renders arrays, numbers and skips null, undefined and false", () => {
    expect(html`${[1, "a", null, undefined, false]}`.value).toBe("1a");
  });
});

describe("test cards", () => {
  it("every test card passes Luhn and has the CVV length of its brand", () => {
    for (const card of TEST_CARDS) {
      expect(luhnValid(card.number), card.id).toBe(true);
      expect(brandOf(card.number)).toBe(card.brand);
      expect(card.cvv).toHaveLength(card.brand === "AM" ? 4 : 3);
    }
    expect(new Set(TEST_CARDS.map((c) => c.number)).size).toBe(TEST_CARDS.length);
  });

  it("checks Luhn", () => {
    expect(luhnValid("4000000000000002")).toBe(true);
    expect(luhnValid("4000000000000003")).toBe(false);
    expect(luhnValid("12")).toBe(false);
  });

  it("masks and bins like the bank", () => {
    expect(maskV4("4000000000000002")).toBe("40000000******02");
    expect(maskV4("340000000000009")).toBe("340000******009");
    expect(maskV3("4000000000000002")).toBe("400000******0002");
    expect(binOf("340000000000009", "v4")).toBe("340000XX");
    expect(binOf("4000000000000002", "v3")).toBe("400000");
    expect(brandOf("2221000000000009")).toBe("MC");
  });
});

describe("terminals", () => {
  it("ships a terminals.json equal to the built-in defaults", async () => {
    const file = JSON.parse(
      await readFile(new URL("../terminals.json", import.meta.url), "utf8"),
    ) as {
      terminals: unknown;
    };
    expect(file.terminals).toEqual(DEFAULT_TERMINALS);
  });

  const [immediate, , split, deferred, partial, recurring] = DEFAULT_TERMINALS;
  const bad: [string, unknown, string][] = [
    ["an empty list", [], "non-empty"],
    ["a short TPE", [{ ...immediate, tpe: "123" }], "tpe"],
    ["a bad format", [{ ...immediate, format: "v5" }], "format"],
    ["a bad key", [{ ...immediate, key: "nope" }], "key"],
    ["a relative Retour URL", [{ ...immediate, retourUrl: "/api/retour" }], "retourUrl"],
    ["a deferred delay of 8 days", [{ ...deferred, deferredDays: 8 }], "deferredDays"],
    ["a partial window of 7 days", [{ ...partial, partialDays: 7 }], "partialDays"],
    ["an unknown mode", [{ ...immediate, mode: "weekly" }], "mode"],
    ["a repeated TPE", [immediate, immediate], "twice"],
    [
      "a setting of another mode",
      [{ ...deferred, partialDays: 30 }],
      "partialDays applies to partial",
    ],
    ["3-D Secure on a split terminal", [{ ...split, threeDSecure: true }], "3-D Secure"],
    [
      "percentages not adding up to 100",
      [{ ...split, splitPercentages: [30, 60] }],
      "splitPercentages",
    ],
    ["five instalments", [{ ...split, splitCount: 5 }], "splitCount"],
    ["a delay written as text", [{ ...deferred, deferredDays: "7" }], "deferredDays"],
    ["an unknown split day rule", [{ ...split, splitDayRule: "monday" }], "splitDayRule"],
    ["a period of 4 months", [{ ...recurring, recurringPeriodMonths: 4 }], "recurringPeriodMonths"],
    ["a renewal on the 32nd", [{ ...recurring, recurringDay: 32 }], "recurringDay"],
    ["an unknown capture type", [{ ...recurring, recurringCapture: "weekly" }], "recurringCapture"],
  ];
  for (const [name, document, setting] of bad) {
    it(`rejects ${name}`, async () => {
      const error = await loadTerminals(document).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SandboxError);
      expect((error as SandboxError).code).toBe("ERR_CONFIG_INVALID");
      expect((error as SandboxError).message).toContain(setting);
    });
  }

  it("turns 3-D Secure on for immediate and deferred terminals only", async () => {
    const map = await loadTerminals(DEFAULT_TERMINALS);
    expect([...map.values()].map((t) => [t.mode, t.threeDSecure])).toEqual([
      ["immediate", true],
      ["immediate", true],
      ["split", false],
      ["deferred", true],
      ["partial", false],
      ["recurring", false],
    ]);
  });

  it("accepts { terminals: [...] } and applies defaults", async () => {
    const map = await loadTerminals({ terminals: [DEFAULT_TERMINALS[0]] });
    expect(map.get("7654321")).toMatchObject({
      threeDSecure: true,
      deferredDays: 7,
      splitCount: 3,
    });
  });
});

describe("clock, dates, languages", () => {
  it("moves forward only", () => {
    const clock = createClock(() => 1000);
    clock.advance(500);
    clock.setTo(new Date(0));
    expect(clock.now().getTime()).toBe(1500);
    clock.reset();
    expect(clock.offsetMs).toBe(0);
  });

  it("has the six languages and falls back to English", () => {
    expect(TRANSLATED_LANGUAGES).toEqual(["FR", "EN", "DE", "IT", "ES", "NL"]);
    expect(messagesFor("SV").htmlLang).toBe("en");
    for (const lgue of TRANSLATED_LANGUAGES) {
      const { cardLabels, testCardsHint, amountWarning, answeredIn, ...texts } = messagesFor(lgue);
      expect(Object.values(texts).every((v) => typeof v === "string" && v.length > 0)).toBe(true);
      expect(Object.keys(cardLabels).sort()).toEqual(TEST_CARDS.map((c) => c.id).sort());
      expect(testCardsHint("12/2029")).toContain("12/2029");
      expect(amountWarning('"1,5EUR"', 150, "EUR")).toMatch(/"1,5EUR".*150.*EUR/);
      expect(answeredIn(12)).toMatch(/12\sms/);
    }
  });
});
