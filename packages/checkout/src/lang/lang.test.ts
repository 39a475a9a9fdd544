import { expect } from "@open-wc/testing";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { format, KEYS, messagesOf, resolveLang } from "./index.js";
import { it as italian } from "./it.js";
import { nl } from "./nl.js";

describe("languages", () => {
  for (const [lang, file] of Object.entries({ fr, en, de, it: italian, es, nl })) {
    it(`${lang} has one non-empty text per key, with the same placeholders as French`, () => {
      const lines = file.split("\n");
      expect(lines).to.have.length(KEYS.length);
      const french = fr.split("\n");
      lines.forEach((line, i) => {
        expect(line.trim(), KEYS[i]).to.not.equal("");
        expect(line.match(/\{\w+\}/g), KEYS[i]).to.deep.equal(french[i].match(/\{\w+\}/g));
      });
    });
  }

  it("offers the bank's six languages", () => {
    for (const lang of ["fr", "en", "de", "it", "es", "nl"] as const)
      expect(messagesOf(lang).pay).to.be.a("string");
    expect(messagesOf("fr").pay).to.equal("Paiement par carte bancaire");
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
