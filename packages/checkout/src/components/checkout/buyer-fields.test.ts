/**
 * The buyer's fields of <sceau-checkout>: exactly what the worker's requirements ask for, with autocomplete
 * tokens, required and optional marked, and every field error in the six languages next to its field.
 */
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { getCart } from "../../cart/cart-store.js";
import "../../define.js";
import { bodyOf, useMockedWorker } from "../../testing/checkout.js";
import {
  $,
  $$,
  axeViolations,
  deepActiveElement,
  fillBuyer,
  has,
  setField,
} from "../../testing/helpers.js";
import type { SceauCheckout } from "./sceau-checkout.js";

const names = (el: Element) =>
  $$<HTMLInputElement>(el, "form[part=form] [part=input]").map((i) => i.name);
const idle = (el: SceauCheckout) => waitUntil(() => el.status === "idle", `status ${el.status}`);

async function mount(template: ReturnType<typeof html>): Promise<SceauCheckout> {
  const el = await fixture<SceauCheckout>(template);
  await idle(el);
  await el.updateComplete;
  return el;
}

/** The message shown for a field: the element its `aria-describedby` names. */
function errorOf(el: Element, name: string): string | undefined {
  const control = $(el, `[name="${name}"]`);
  if (control.getAttribute("aria-invalid") !== "true") return undefined;
  const ids = control.getAttribute("aria-describedby")?.split(" ") ?? [];
  const id = ids.find((i) => i.startsWith("e-"));
  return id ? $(el, `#${id}`).textContent?.trim() : undefined;
}

const BILLING = [
  "firstName",
  "lastName",
  "addressLine1",
  "addressLine2",
  "postalCode",
  "city",
  "country",
];

describe("<sceau-checkout> buyer fields", () => {
  const worker = useMockedWorker();

  describe("what the worker requires, and nothing else", () => {
    it("a parcel on a v4 terminal: billing address with names, delivered there by default", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      expect(names(el)).to.deep.equal(BILLING);
      expect($<HTMLInputElement>(el, "[name=sameAsBilling]").checked).to.equal(true);
      expect($(el, "[part=address] legend").textContent).to.equal("Adresse de facturation");
      fillBuyer(el);
      expect(await el.checkout()).to.have.property("redirect");
      const billing = {
        country: "FR",
        firstName: "Marie",
        lastName: "Curie",
        addressLine1: "1 rue de la Paix",
        postalCode: "75002",
        city: "Paris",
      };
      expect(bodyOf(worker.spy, "/api/checkout")).to.deep.include({ billing, shipping: billing });
    });

    it("a separate delivery address once the buyer unticks “same as billing”", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="en"></sceau-checkout>`);
      setField(el, "sameAsBilling", false);
      await el.updateComplete;
      expect(names(el)).to.deep.equal([...BILLING, ...BILLING.map((n) => `shipping-${n}`)]);
      expect($$(el, "[part=address] legend").map((l) => l.textContent)).to.deep.equal([
        "Billing address",
        "Delivery address",
      ]);
      fillBuyer(el, { "shipping-city": "Lyon", "shipping-postalCode": "69001" });
      await idle(el);
      expect(await el.checkout()).to.have.property("redirect");
      expect(bodyOf(worker.spy, "/api/checkout").shipping).to.deep.equal({
        country: "FR",
        firstName: "Marie",
        lastName: "Curie",
        addressLine1: "1 rue de la Paix",
        postalCode: "69001",
        city: "Lyon",
      });
    });

    it("no names and no delivery for goods that do not ship; nothing at all on a v3 terminal", async () => {
      getCart().add("EBOOK", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      expect(names(el)).to.deep.equal([
        "addressLine1",
        "addressLine2",
        "postalCode",
        "city",
        "country",
      ]);
      expect(has(el, "[name=sameAsBilling]")).to.equal(false);
      const v3 = await mount(html`<sceau-checkout endpoint="/mock/v3" lang="fr"></sceau-checkout>`);
      expect(names(v3)).to.deep.equal([]);
      expect(has(v3, "[part=required-note]")).to.equal(false);
      expect(await v3.checkout()).to.have.property("redirect");
      expect(bodyOf(worker.spy, "/api/checkout")).to.deep.equal({
        items: [{ sku: "EBOOK", quantity: 1 }],
        lang: "FR",
      });
    });

    it("a phone number when the shipping method needs one, sent in the bank's form", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      expect(names(el)).not.to.include("phone");
      $<HTMLInputElement>(el, "[part=shipping-methods] input[value=express]").click();
      await idle(el);
      await el.updateComplete;
      expect(names(el)).to.include("phone");
      expect($(el, "#h-phone").textContent).to.equal("Pour le transporteur, en cas de besoin.");
      fillBuyer(el);
      expect(await el.checkout()).to.have.property("redirect");
      const body = bodyOf(worker.spy, "/api/checkout");
      expect(body.shippingMethod).to.equal("express");
      expect(body.shipping.phone).to.equal("+33-612345678");
      expect(body.billing.phone).to.equal(undefined);
    });

    it("the e-mail as the worker says, made only stricter by the attribute", async () => {
      getCart().add("EBOOK", 1);
      const field = async (template: ReturnType<typeof html>) => {
        const el = await mount(template);
        const input = el.shadowRoot?.querySelector<HTMLInputElement>("[name=email]");
        return input ? (input.required ? "required" : "optional") : "none";
      };
      expect(await field(html`<sceau-checkout endpoint="/mock/v3"></sceau-checkout>`)).to.equal(
        "none",
      );
      expect(
        await field(html`<sceau-checkout endpoint="/mock/v3" email="optional"></sceau-checkout>`),
      ).to.equal("optional");
      expect(
        await field(html`<sceau-checkout endpoint="/mock/v3" email></sceau-checkout>`),
      ).to.equal("required");
      expect(
        await field(
          html`<sceau-checkout endpoint="/mock/email-required" email="optional"></sceau-checkout>`,
        ),
      ).to.equal("required");
    });
  });

  describe("marking and autocomplete", () => {
    it("marks optional fields, says the others are required, and gives each its autocomplete token", async () => {
      getCart().add("MUG", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/ok" email="optional" lang="fr"></sceau-checkout>`,
      );
      setField(el, "sameAsBilling", false);
      await el.updateComplete;
      expect($(el, "[part=required-note]").textContent).to.equal(
        "Tous les champs sont obligatoires, sauf mention « facultatif ».",
      );
      const optional = $$(el, "form[part=form] [part=optional]").map(
        (o) => o.closest("[part~=field]")?.querySelector("input")?.name,
      );
      expect(optional).to.deep.equal(["email", "addressLine2", "shipping-addressLine2"]);
      for (const input of $$<HTMLInputElement>(el, "form[part=form] [part=input]")) {
        expect(input.required, input.name).to.equal(!optional.includes(input.name));
        expect($(el, `label[for="${input.id}"]`).textContent?.length, input.name).to.be.greaterThan(
          0,
        );
      }
      const tokens = Object.fromEntries(
        $$<HTMLInputElement>(el, "form[part=form] [part=input]").map((i) => [
          i.name,
          i.autocomplete,
        ]),
      );
      expect(tokens).to.deep.equal({
        email: "email",
        firstName: "billing given-name",
        lastName: "billing family-name",
        addressLine1: "billing address-line1",
        addressLine2: "billing address-line2",
        postalCode: "billing postal-code",
        city: "billing address-level2",
        country: "billing country",
        "shipping-firstName": "shipping given-name",
        "shipping-lastName": "shipping family-name",
        "shipping-addressLine1": "shipping address-line1",
        "shipping-addressLine2": "shipping address-line2",
        "shipping-postalCode": "shipping postal-code",
        "shipping-city": "shipping address-level2",
        "shipping-country": "shipping country",
      });
    });

    it("makes the terms, choices and small buttons at least 44 px tall to tap", async () => {
      getCart().add("MUG", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/ok" terms-url="/cgv/"></sceau-checkout>`,
      );
      const targets = [
        "[part=terms]",
        "[part=same-as-billing]",
        "[part=shipping-methods] [part=choice]",
        "[part=quantity-button]",
        "[part=remove-button]",
        "[part=promo-button]",
        "[part=button]",
        "[name=postalCode]",
      ];
      for (const selector of targets) {
        expect($(el, selector).getBoundingClientRect().height, selector).to.be.at.least(44);
      }
    });
  });

  describe("errors next to each field, in the shop's language", () => {
    const expected = {
      fr: {
        required: "Ce champ est obligatoire.",
        email: "Saisissez une adresse e-mail valable, par exemple nom@exemple.fr.",
        postalCode: "Code postal non valable (France : par exemple 75002).",
        phone:
          "Numéro non valable : de 6 à 15 chiffres, avec l’indicatif (+32…) pour un autre pays.",
        terms: "Acceptez les conditions générales de vente pour continuer.",
        summary: "Corrigez 8 champ(s) pour continuer :",
      },
      en: {
        required: "This field is required.",
        email: "Enter a valid e-mail address, such as name@example.com.",
        postalCode: "Invalid postcode (France: for example 75002).",
        phone: "Invalid number: 6 to 15 digits, with the country code (+32…) for another country.",
        terms: "Accept the terms of sale to continue.",
        summary: "Correct 8 field(s) to continue:",
      },
      de: {
        required: "Dieses Feld ist erforderlich.",
        email: "Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.",
        postalCode: "Ungültige Postleitzahl (Frankreich: z. B. 75002).",
        phone: "Ungültige Nummer: 6 bis 15 Ziffern, mit Ländervorwahl (+32…) für ein anderes Land.",
        terms: "Akzeptieren Sie die AGB, um fortzufahren.",
        summary: "Korrigieren Sie 8 Feld(er), um fortzufahren:",
      },
      it: {
        required: "Questo campo è obbligatorio.",
        email: "Inserisci un indirizzo e-mail valido, ad esempio nome@esempio.it.",
        postalCode: "CAP non valido (Francia: ad esempio 75002).",
        phone: "Numero non valido: da 6 a 15 cifre, con il prefisso (+32…) per un altro paese.",
        terms: "Accetta le condizioni di vendita per continuare.",
        summary: "Correggi 8 campo/i per continuare:",
      },
      es: {
        required: "Este campo es obligatorio.",
        email: "Introduce un correo electrónico válido, por ejemplo nombre@ejemplo.es.",
        postalCode: "Código postal no válido (Francia: por ejemplo 75002).",
        phone: "Número no válido: de 6 a 15 cifras, con el prefijo (+32…) para otro país.",
        terms: "Acepta las condiciones de venta para continuar.",
        summary: "Corrige 8 campo(s) para continuar:",
      },
      nl: {
        required: "Dit veld is verplicht.",
        email: "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
        postalCode: "Ongeldige postcode (Frankrijk: bijvoorbeeld 75002).",
        phone: "Ongeldig nummer: 6 tot 15 cijfers, met landcode (+32…) voor een ander land.",
        terms: "Ga akkoord met de verkoopvoorwaarden om verder te gaan.",
        summary: "Verbeter 8 veld(en) om verder te gaan:",
      },
    };

    for (const [lang, t] of Object.entries(expected)) {
      it(`${lang}: every field's own message, aria-invalid, aria-describedby, a summary, focus on the first`, async () => {
        getCart().add("MUG", 1);
        const el = await mount(
          html`<sceau-checkout endpoint="/mock/email-required" terms-url="/cgv/" lang=${lang}></sceau-checkout>`,
        );
        $<HTMLInputElement>(el, "[part=shipping-methods] input[value=express]").click();
        await idle(el);
        await el.updateComplete;
        setField(el, "email", "marie@");
        setField(el, "postalCode", "7500");
        setField(el, "phone", "12");
        const result = await el.checkout();
        expect(result).to.have.nested.property("error.code", "ERR_FIELD_INVALID");
        expect(worker.spy.calls.filter((c) => c.url.endsWith("/api/checkout"))).to.have.length(0);
        expect({
          email: errorOf(el, "email"),
          firstName: errorOf(el, "firstName"),
          lastName: errorOf(el, "lastName"),
          addressLine1: errorOf(el, "addressLine1"),
          addressLine2: errorOf(el, "addressLine2"),
          postalCode: errorOf(el, "postalCode"),
          city: errorOf(el, "city"),
          phone: errorOf(el, "phone"),
          terms: errorOf(el, "terms"),
        }).to.deep.equal({
          email: t.email,
          firstName: t.required,
          lastName: t.required,
          addressLine1: t.required,
          addressLine2: undefined,
          postalCode: t.postalCode,
          city: t.required,
          phone: t.phone,
          terms: t.terms,
        });
        const alert = $(el, "[part=error]");
        expect(alert.getAttribute("role")).to.equal("alert");
        expect(alert.querySelector("p")?.textContent).to.equal(t.summary);
        expect(alert.querySelectorAll("li")).to.have.length(8);
        await waitUntil(() => deepActiveElement() === $(el, "[name=email]"), "focus elsewhere");
        expect(await axeViolations(el)).to.deep.equal([]);
      });
    }

    it("takes a postal code of the chosen country, and says which format it expects", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      fillBuyer(el, { postalCode: "75002" });
      setField(el, "country", "BE");
      await idle(el);
      expect(await el.checkout()).to.have.nested.property("error.code", "ERR_FIELD_INVALID");
      expect(errorOf(el, "postalCode")).to.equal(
        "Code postal non valable (Belgique : par exemple 1000).",
      );
      setField(el, "postalCode", "1000");
      await el.updateComplete;
      expect(errorOf(el, "postalCode")).to.equal(undefined);
      expect(await el.checkout()).to.have.property("redirect");
      expect(bodyOf(worker.spy, "/api/checkout").billing).to.include({
        country: "BE",
        postalCode: "1000",
      });
    });

    it("checks a field again as the buyer corrects it, and the summary follows", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="en"></sceau-checkout>`);
      await el.checkout();
      await el.updateComplete;
      expect($(el, "[part=error]").querySelectorAll("li")).to.have.length(5);
      setField(el, "city", "Paris");
      await el.updateComplete;
      expect(errorOf(el, "city")).to.equal(undefined);
      expect($(el, "[part=error]").querySelectorAll("li")).to.have.length(4);
      // A summary entry takes the buyer to its field.
      $(el, "[part=error] li button").click();
      await waitUntil(() => deepActiveElement() === $(el, "[name=firstName]"), "focus elsewhere");
      fillBuyer(el);
      await el.updateComplete;
      expect($(el, "[part=error]").textContent?.trim()).to.equal("");
    });

    it("refuses characters the bank does not take in an address", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="en"></sceau-checkout>`);
      fillBuyer(el, { addressLine1: "1 rue \u202ede la Paix" });
      expect(await el.checkout()).to.have.nested.property("error.code", "ERR_FIELD_INVALID");
      expect(errorOf(el, "addressLine1")).to.equal(
        "This text contains characters that are not accepted.",
      );
    });

    it("sends postal codes as the post writes them", async () => {
      getCart().add("MUG", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="nl"></sceau-checkout>`);
      setField(el, "country", "NL");
      await idle(el);
      fillBuyer(el, { postalCode: "1012ab" });
      expect(await el.checkout()).to.have.property("redirect");
      expect(bodyOf(worker.spy, "/api/checkout").billing.postalCode).to.equal("1012 AB");
      expect(bodyOf(worker.spy, "/api/quote").shipping).to.deep.equal({ country: "NL" });
    });
  });
});
