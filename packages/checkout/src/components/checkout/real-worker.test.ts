/**
 * The elements against the real worker: `wrangler dev` (workerd) with a fresh local D1 and the demo catalog
 * of migration 0002, called cross-origin from the test page as a shop page calls it (test/real-worker.mjs).
 * Whatever the worker really answers — its prices, its billing requirement, 403, 422, 429, a sealed form —
 * is checked here, not what test/fake-worker.mjs says it would answer. The fake stays for what the real
 * worker cannot be made to do on demand: a network failure, a 5xx, a slow answer, a price changing between
 * quote and checkout.
 */
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { getCart } from "../../cart/cart-store.js";
import "../../define.js";
import { format, type Lang, loadTexts } from "../../lang/index.js";
import {
  $,
  $$,
  BUYER,
  command,
  fillBuyer,
  has,
  interceptSubmit,
  realWorker,
  resetCart,
} from "../../testing/helpers.js";
import { STATUS } from "../order-status/lang/index.js";
import type { SceauOrderStatus } from "../order-status/sceau-order-status.js";
import { CHECKOUT } from "./lang/index.js";
import type { SceauCheckout } from "./sceau-checkout.js";

const BILLING = {
  firstName: BUYER.firstName,
  lastName: BUYER.lastName,
  addressLine1: BUYER.addressLine1,
  postalCode: BUYER.postalCode,
  city: BUYER.city,
  country: "FR",
};

const texts = (lang: Lang) => loadTexts(CHECKOUT, lang);

const text = (el: Element, selector: string) =>
  $(el, selector).textContent?.replace(/\s+/g, " ").trim();
const nbsp = (s: string | undefined) => s?.replace(/[\u00a0\u202f]/g, " ");

async function mount(template: ReturnType<typeof html>): Promise<SceauCheckout> {
  const el = await fixture<SceauCheckout>(template);
  await waitUntil(() => el.status !== "quoting", "still quoting", { timeout: 10_000 });
  await el.updateComplete;
  return el;
}

/** The fields of a posted form, in order. */
const fieldsOf = (form: HTMLFormElement) =>
  Object.fromEntries([...new FormData(form)].map(([n, v]) => [n, String(v)]));

describe("the elements against the real worker", () => {
  let submits: ReturnType<typeof interceptSubmit>;

  beforeEach(() => {
    resetCart();
    submits = interceptSubmit();
  });

  afterEach(() => submits.restore());

  describe("in its local configuration", () => {
    let local: string;

    before(async function () {
      this.timeout(180_000);
      local = await realWorker("local");
    });

    describe("<sceau-checkout>", () => {
      it("shows the lines and the total the worker prices from its catalog", async () => {
        getCart().add("CD-KIND-OF-BLUE", 2);
        getCart().add("CD-GOLDBERG", 1);
        const el = await mount(html`<sceau-checkout endpoint=${local} lang="fr"></sceau-checkout>`);
        const lines = $$(el, "[part=line]");
        expect(lines.map((l) => l.querySelector("[part=line-name]")?.textContent)).to.deep.equal([
          "Miles Davis — Kind of Blue",
          "Glenn Gould — Variations Goldberg (1981)",
        ]);
        expect(nbsp(lines[0].querySelector("[part=line-unit]")?.textContent)).to.equal("14,99 €");
        expect(nbsp(text(el, "[part=total] strong"))).to.equal("41,48 €");
      });

      it("pays: posts the worker's sealed form as it is, and its seal is the one the bank computes", async () => {
        getCart().add("CD-GOLDBERG", 1);
        const el = await mount(
          html`<sceau-checkout endpoint=${local} billing lang="en"></sceau-checkout>`,
        );
        fillBuyer(el);
        const result = await el.checkout();
        expect(result).to.have.property("redirect");
        expect(submits.forms).to.have.length(1);
        const posted = submits.forms[0];
        expect(posted.action).to.equal("http://127.0.0.1:8788/test/paiement.cgi");
        const fields = fieldsOf(posted);
        expect(fields).to.include({
          TPE: "7654321",
          montant: "14.40EUR", // 11,50 € and the tracked letter, 2,90 €
          lgue: "EN",
          societe: "boutiqueducd",
          reference: (result as { redirect: { reference: string } }).redirect.reference,
        });
        expect(JSON.parse(atob(fields.contexte_commande)).billing).to.deep.include(BILLING);
        const expected = await command<string>("reference-mac", { format: "v4", fields });
        expect(fields.MAC).to.equal(expected);
      });

      it("the bare tag (no billing attribute): the worker's v4 terminal requires the address, so the element asks for it", async () => {
        getCart().add("CD-GOLDBERG", 1);
        const el = await mount(html`<sceau-checkout endpoint=${local} lang="fr"></sceau-checkout>`);
        expect(has(el, "input[name=addressLine1]")).to.equal(true);
        const result = await el.checkout();
        expect(result).to.have.nested.property("error.code", "ERR_FIELD_INVALID");
        await el.updateComplete;
        expect(text(el, "[part=error]")).to.match(/^Corrigez \d+ champ\(s\) pour continuer/);
        expect(submits.forms).to.have.length(0);
        expect(getCart().items).to.deep.equal([{ sku: "CD-GOLDBERG", quantity: 1 }]);
      });

      it("names an article the catalog does not have (422) and recovers once it is removed", async () => {
        getCart().add("CD-GOLDBERG", 1);
        getCart().add("CD-GONE", 1);
        // Listened for before the element exists: a warm worker may answer before the fixture resolves.
        const failed = oneEvent(document, "sceau-checkout-error");
        const el = await fixture<SceauCheckout>(
          html`<sceau-checkout endpoint=${local} lang="fr"></sceau-checkout>`,
        );
        const error = await failed;
        expect(error.detail).to.deep.equal({
          code: "ERR_PRODUCT_UNKNOWN",
          message: format((await texts("fr")).errGone, { name: "CD-GONE" }),
        });
        await el.updateComplete;
        const gone = $$(el, "[part=line]")[1];
        expect(gone.dataset.sku).to.equal("CD-GONE");
        expect(gone.querySelector("[part=unavailable]")?.textContent).to.equal("Indisponible");
        gone.querySelector<HTMLButtonElement>("[part=remove-button]")?.click();
        await waitUntil(() => el.status === "idle", "not re-quoted", { timeout: 10_000 });
        await el.updateComplete;
        expect(text(el, "[part=error]")).to.equal("");
        // The Goldberg CD (11,50 €) and the tracked letter (2,90 €, the cheapest method for one CD in France).
        expect(nbsp(text(el, "[part=total] strong"))).to.equal("14,40 €");
      });

      it("reports an article the merchant withdrew (422)", async () => {
        getCart().add("CD-EPUISE", 1);
        // Listened for before the element exists: a warm worker may answer before the fixture resolves.
        const failed = oneEvent(document, "sceau-checkout-error");
        await fixture<SceauCheckout>(
          html`<sceau-checkout endpoint=${local} lang="de"></sceau-checkout>`,
        );
        const error = await failed;
        expect(error.detail).to.deep.equal({
          code: "ERR_PRODUCT_INACTIVE",
          message: format((await texts("de")).errGone, { name: "CD-EPUISE" }),
        });
      });

      it("offers no instalments on a single-payment terminal, even where the page asks for them", async () => {
        getCart().add("CD-BREL-INTEGRALE", 1);
        const el = await mount(
          html`<sceau-checkout endpoint=${local} instalments="2 3 4" lang="fr"></sceau-checkout>`,
        );
        expect(nbsp(text(el, "[part=total] strong"))).to.equal("179,90 €");
        expect(el.shadowRoot?.querySelector("[part=instalments]")).to.equal(null);
      });

      // The Goldberg CD (11,50 €) and the tracked letter (2,90 €).
      const languages = [
        ["fr", "14,40 €", "FR"],
        ["en", "€14.40", "EN"],
        ["de", "14,40 €", "DE"],
        ["it", "14,40 €", "IT"],
        ["es", "14,40 €", "ES"],
        ["nl", "€ 14,40", "NL"],
      ] as const;
      for (const [lang, total, bank] of languages) {
        it(`speaks ${lang}, and the worker's form asks the bank for ${bank}`, async () => {
          getCart().add("CD-GOLDBERG", 1);
          const el = await mount(
            html`<sceau-checkout endpoint=${local} billing lang=${lang}></sceau-checkout>`,
          );
          const pay = format((await texts(lang)).payAmount, { amount: total });
          expect(nbsp(text(el, "[part=button]"))).to.equal(pay);
          expect(nbsp(text(el, "[part=total] strong"))).to.equal(total);
          fillBuyer(el);
          await el.checkout();
          expect(fieldsOf(submits.forms[0]).lgue).to.equal(bank);
        });
      }
    });

    describe("<sceau-order-status>", () => {
      it("follows a real order from pending to paid when the bank's notification arrives", async () => {
        getCart().add("CD-GOLDBERG", 1);
        const checkout = await mount(
          html`<sceau-checkout endpoint=${local} billing lang="fr"></sceau-checkout>`,
        );
        fillBuyer(checkout);
        await checkout.checkout();
        const fields = fieldsOf(submits.forms[0]);
        const ok = new URL(fields.url_retour_ok);
        const reference = ok.searchParams.get("reference") ?? "";
        const token = ok.searchParams.get("token") ?? "";
        expect(reference).to.equal(fields.reference);
        const el = await fixture<SceauOrderStatus>(
          html`<sceau-order-status endpoint=${local} reference=${reference} token=${token} lang="fr" poll-interval="200"></sceau-order-status>`,
        );
        await waitUntil(() => el.status === "pending", "not pending", { timeout: 10_000 });
        const receipt = await command<string>("real-worker-retour", {
          name: "local",
          reference,
          montant: fields.montant,
        });
        expect(receipt).to.equal("version=2\ncdr=0\n");
        await waitUntil(() => el.status === "paid", "not paid", { timeout: 10_000 });
        await el.updateComplete;
        expect($(el, "[part=title]").textContent?.trim()).to.equal(
          (await loadTexts(STATUS, "fr")).titlePaid,
        );
        expect(getCart().count).to.equal(0);
      });

      it("shows not found for a wrong token", async () => {
        const el = await fixture<SceauOrderStatus>(
          html`<sceau-order-status endpoint=${local} reference="ABCDEF123456" token="not-the-token" lang="en"></sceau-order-status>`,
        );
        await waitUntil(() => el.status === "not-found", "still checking", { timeout: 10_000 });
        await el.updateComplete;
        expect($(el, "[part=title]").textContent?.trim()).to.equal("Order not found");
      });
    });
  });

  describe("deployed on the bank's test server, for one shop origin", () => {
    let deployed: string;

    before(async function () {
      this.timeout(180_000);
      deployed = await realWorker("deployed");
    });

    it("429: past its checkout rate limit the worker refuses the order; the cart is kept", async () => {
      getCart().add("CD-GOLDBERG", 1);
      const el = await mount(
        html`<sceau-checkout endpoint=${deployed} billing lang="en"></sceau-checkout>`,
      );
      fillBuyer(el);
      // The deployed configuration allows 2 orders an hour per client.
      for (let i = 0; i < 2; i++) {
        expect(await el.checkout()).to.have.property("redirect");
        window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
      }
      const result = await el.checkout();
      expect(result).to.have.nested.property("error.code", "ERR_RATE_LIMITED");
      expect(submits.forms).to.have.length(2);
      expect(submits.forms[0].action).to.equal("https://p.monetico-services.com/test/paiement.cgi");
      expect(getCart().count).to.equal(1);
    });

    it("403: a shop page on an origin outside SHOP_ORIGINS cannot order", async function () {
      this.timeout(20_000);
      const other = location.hostname === "localhost" ? "127.0.0.1" : "localhost";
      const origin = `${location.protocol}//${other}:${location.port}`;
      const answer = await command<{ status: number; allowOrigin: string | null; body: string }>(
        "real-worker-preflight",
        { name: "deployed", origin, path: "/api/quote" },
      );
      expect(answer.status).to.equal(403);
      expect(answer.allowOrigin).to.equal(null);
      expect(JSON.parse(answer.body).error.code).to.equal("ERR_ORIGIN_NOT_ALLOWED");
      // The page cannot read that refusal (it carries no CORS header): to the element it is a network failure.
      const message = new Promise<{ code: string }>((resolve) => {
        addEventListener("message", (event) => resolve(event.data), { once: true });
      });
      const frame = document.createElement("iframe");
      frame.src = `${origin}/real-worker/origin-probe.html?endpoint=${encodeURIComponent(deployed)}`;
      document.body.append(frame);
      try {
        expect(await message).to.deep.equal({ code: "ERR_NETWORK" });
      } finally {
        frame.remove();
      }
    });
  });
});
