import { expect } from "@open-wc/testing";
import { CHECKOUT } from "../components/checkout/lang/index.js";
import { STATUS } from "../components/order-status/lang/index.js";
import { SUMMARY } from "../summary/lang/index.js";
import { COMMON } from "./common/index.js";
import { format, LANGS, loadTexts, resolveLang, type TextBook, textsOf } from "./index.js";

const BOOKS: Record<string, TextBook<string>> = { COMMON, SUMMARY, CHECKOUT, STATUS };

/** A book's file in one language, as written. */
async function file(book: TextBook<string>, lang: (typeof LANGS)[number]): Promise<string> {
  const source = book.files[lang];
  return typeof source === "string" ? source : source();
}

describe("languages", () => {
  for (const [name, book] of Object.entries(BOOKS)) {
    it(`${name}: one non-empty text per key in each of the six languages, with French's placeholders`, async () => {
      const french = (await file(book, "fr")).split("\n");
      expect(french).to.have.length(book.keys.length);
      expect(new Set(book.keys).size).to.equal(book.keys.length);
      for (const lang of LANGS) {
        const lines = (await file(book, lang)).split("\n");
        expect(lines, lang).to.have.length(book.keys.length);
        lines.forEach((line, i) => {
          const key = `${lang} ${book.keys[i]}`;
          expect(line.trim(), key).to.not.equal("");
          expect(line.match(/\{\w+\}/g)?.sort(), key).to.deep.equal(
            french[i]?.match(/\{\w+\}/g)?.sort(),
          );
        });
      }
    });
  }

  it("has the small books at hand, and loads a large one per language on demand", async () => {
    expect(textsOf(COMMON, "de").add).to.equal("In den Warenkorb");
    expect(textsOf(SUMMARY, "nl").total).to.equal("Totaal");
    expect(textsOf(CHECKOUT, "it")).to.equal(undefined);
    const italian = await loadTexts(CHECKOUT, "it");
    expect(italian.pay).to.equal("Paga con carta");
    expect(textsOf(CHECKOUT, "it")).to.equal(italian);
    expect((await loadTexts(STATUS, "es")).titlePaid).to.equal("Pago aceptado");
  });

  it("resolves a language from a tag, the page, or falls back", () => {
    expect(resolveLang("de-CH")).to.equal("de");
    expect(resolveLang("NL")).to.equal("nl");
    expect(resolveLang("pt")).to.equal("en");
    const page = document.documentElement.lang;
    document.documentElement.lang = "es";
    expect(resolveLang()).to.equal("es");
    document.documentElement.lang = "";
    expect(resolveLang()).to.equal("fr");
    document.documentElement.lang = page;
  });

  it("fills placeholders and leaves unknown ones", () => {
    expect(format("{n} × {name} {x}", { n: 2, name: "Mug" })).to.equal("2 × Mug {x}");
  });
});
