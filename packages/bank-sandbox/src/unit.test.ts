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

  const bad: [string, unknown][] = [
    ["an empty list", []],
    ["a short TPE", [{ ...DEFAULT_TERMINALS[0], tpe: "123" }]],
    ["a bad format", [{ ...DEFAULT_TERMINALS[0], format: "v5" }]],
    ["a bad key", [{ ...DEFAULT_TERMINALS[0], key: "nope" }]],
    ["a relative Retour URL", [{ ...DEFAULT_TERMINALS[0], retourUrl: "/api/retour" }]],
    ["a deferred delay of 8 days", [{ ...DEFAULT_TERMINALS[0], deferredDays: 8 }]],
    ["a partial window of 7 days", [{ ...DEFAULT_TERMINALS[0], partialDays: 7 }]],
    ["an unknown mode", [{ ...DEFAULT_TERMINALS[0], mode: "weekly" }]],
    ["a repeated TPE", [DEFAULT_TERMINALS[0], DEFAULT_TERMINALS[0]]],
  ];
  for (const [name, document] of bad) {
    it(`rejects ${name}`, async () => {
      const error = await loadTerminals(document).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SandboxError);
      expect((error as SandboxError).code).toBe("ERR_CONFIG_INVALID");
    });
  }

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
      expect(
        Object.values(messagesFor(lgue)).every((v) => typeof v === "string" && v.length > 0),
      ).toBe(true);
    }
  });
});
