/**
 * Every failure of <sceau-checkout> ends in a clear state: the last good names and prices stay while a quote
 * loads or fails, the pay button waits for a valid quote, a failed quote offers to try again, and each failure
 * after the buyer pressed pay says that nothing was charged and what to do.
 */
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import type { TemplateResult } from "lit";
import { getCart } from "../../cart/cart-store.js";
import "../../define.js";
import type { CheckoutErrorDetail, SceauCheckoutErrorEvent } from "../../events.js";
import {
  bodyOf,
  mount,
  nbsp,
  posts,
  settled,
  text,
  useMockedWorker,
} from "../../testing/checkout.js";
import { $, $$, axeViolations, fillBuyer, has, resetCart } from "../../testing/helpers.js";
import type { SceauCheckout } from "./sceau-checkout.js";

/**
 * Mounts an element whose first quote fails, listening before it starts (the failure may come before the
 * element has rendered); resolves with the element and the error event's detail.
 */
async function failing(
  template: TemplateResult,
): Promise<{ el: SceauCheckout; detail: CheckoutErrorDetail }> {
  const errors: CheckoutErrorDetail[] = [];
  const record = (event: SceauCheckoutErrorEvent) => errors.push(event.detail);
  const wrapper = await fixture(html`<div @sceau-checkout-error=${record}>${template}</div>`);
  const el = wrapper.querySelector("sceau-checkout") as SceauCheckout;
  await waitUntil(() => errors.length > 0, "no sceau-checkout-error");
  await el.updateComplete;
  return { el, detail: errors[0] as CheckoutErrorDetail };
}

/** Makes the next `times` calls to `path` fail as a network failure does; returns the function that stops. */
function failFetch(path: string, times = 1): () => void {
  const original = window.fetch;
  let left = times;
  window.fetch = (input, init) => {
    if (left > 0 && String(input).endsWith(path)) {
      left--;
      return Promise.reject(new TypeError("Failed to fetch"));
    }
    return original(input, init);
  };
  return () => {
    window.fetch = original;
  };
}

/** Records what the element tells the shop's developer in the console. */
function consoleWarnings(): { lines: string[]; restore(): void } {
  const original = console.warn;
  const lines: string[] = [];
  console.warn = (...args: unknown[]) => lines.push(args.join(" "));
  return { lines, restore: () => (console.warn = original) };
}

describe("<sceau-checkout> failures", () => {
  const worker = useMockedWorker();

  describe("while quoting", () => {
    it("keeps the names and prices of the last quote while a new one loads, and waits to pay", async () => {
      getCart().add("TSHIRT", 1);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/slow" lang="fr"></sceau-checkout>`,
      );
      getCart().setQuantity("TSHIRT", 2);
      await el.updateComplete;
      expect(el.status).to.equal("quoting");
      const line = $(el, "[part=line]");
      expect(line.querySelector("[part=line-name]")?.textContent).to.equal("T-shirt « Sceau »");
      expect(nbsp(line.querySelector("[part=line-unit]")?.textContent)).to.equal("25,00 €");
      expect(line.querySelector("[part=line-amount]")?.textContent).to.equal(""); // not priced yet
      expect(nbsp(text(el, "[part=total] strong"))).to.equal("29,90 €");
      expect($(el, "[part=base]").getAttribute("aria-busy")).to.equal("true");
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("true");
      expect(await el.checkout()).to.have.nested.property("error.code", "ERR_NOT_QUOTED");
      await settled(el);
      await el.updateComplete;
      expect(nbsp(text(el, "[part=total] strong"))).to.equal("54,90 €");
      expect(nbsp(text(el, "[part=button]"))).to.equal("Payer 54,90 €");
    });

    it("says the total could not be calculated and offers to try again, keeping names and prices", async () => {
      getCart().add("TSHIRT", 1);
      const el = await mount(html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`);
      const restore = failFetch("/api/quote");
      try {
        const error = oneEvent(el, "sceau-checkout-error");
        getCart().setQuantity("TSHIRT", 2);
        expect((await error).detail.code).to.equal("ERR_NETWORK");
      } finally {
        restore();
      }
      await el.updateComplete;
      expect(el.status).to.equal("error");
      expect(text(el, "[part=error]")).to.equal(
        "Le total n’a pas pu être calculé. Le service de paiement est injoignable : vérifiez votre connexion, puis réessayez.",
      );
      expect($(el, "[part=line-name]").textContent).to.equal("T-shirt « Sceau »");
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("true");
      expect(await axeViolations(el)).to.deep.equal([]);
      $(el, "[part=retry]").click();
      await settled(el);
      await el.updateComplete;
      expect(el.status).to.equal("idle");
      expect(text(el, "[part=error]")).to.equal("");
      expect(has(el, "[part=retry]")).to.equal(false);
      expect(nbsp(text(el, "[part=total] strong"))).to.equal("54,90 €");
      expect($(el, "[part=button]").getAttribute("aria-disabled")).to.equal("false");
    });

    it("shows no total at all rather than a placeholder when the first quote fails, and tells the developer", async () => {
      getCart().add("MUG", 2);
      const warnings = consoleWarnings();
      try {
        const { el, detail } = await failing(
          html`<sceau-checkout endpoint="http://127.0.0.1:9" lang="en"></sceau-checkout>`,
        );
        expect(detail).to.deep.equal({
          code: "ERR_NETWORK",
          message:
            "The total could not be calculated. The payment service cannot be reached: check your connection, then try again.",
        });
        expect(has(el, "[part=totals]")).to.equal(false);
        expect($(el, "[part=line-name]").textContent).to.equal("MUG"); // nothing better is known yet
        expect(getCart().items).to.deep.equal([{ sku: "MUG", quantity: 2 }]);
        expect(warnings.lines.join("\n")).to.contain(
          'cannot reach the worker at http://127.0.0.1:9: check <sceau-checkout endpoint="…">',
        );
        expect(await el.checkout()).to.have.nested.property("error.code", "ERR_NOT_QUOTED");
        expect(posts(worker.spy, "/api/checkout")).to.equal(0);
      } finally {
        warnings.restore();
      }
    });

    it("reports a server failure without a JSON body", async () => {
      getCart().add("MUG", 1);
      const { detail } = await failing(
        html`<sceau-checkout endpoint="/mock/server-error" lang="nl"></sceau-checkout>`,
      );
      expect(detail).to.deep.equal({
        code: "ERR_SERVER",
        message:
          "Het totaal kon niet worden berekend. De betaaldienst had een probleem: probeer het zo opnieuw.",
      });
    });

    it("names an article that left the catalog and recovers once it is removed", async () => {
      getCart().add("MUG", 1);
      getCart().add("NOPE", 1);
      const { el, detail } = await failing(
        html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`,
      );
      expect(detail.code).to.equal("ERR_PRODUCT_UNKNOWN");
      expect(text(el, "[part=error]")).to.equal(
        "« NOPE » n’est plus disponible : retirez-le du panier pour continuer.",
      );
      const gone = $$(el, "[part=line]")[1];
      expect(gone.querySelector("[part=unavailable]")?.textContent).to.equal("Indisponible");
      expect(has(el, "[part=retry]")).to.equal(false);
      gone.querySelector<HTMLButtonElement>("[part=remove-button]")?.click();
      await settled(el);
      await el.updateComplete;
      expect(el.status).to.equal("idle");
      expect(text(el, "[part=error]")).to.equal("");
      expect(nbsp(text(el, "[part=total] strong"))).to.equal("16,90 €");
    });

    it("reports an inactive article and an invalid quantity in the buyer's language", async () => {
      getCart().add("OLD", 1);
      expect(
        (await failing(html`<sceau-checkout endpoint="/mock/ok" lang="de"></sceau-checkout>`))
          .detail,
      ).to.deep.equal({
        code: "ERR_PRODUCT_INACTIVE",
        message:
          "„OLD“ ist nicht mehr verfügbar: Entfernen Sie den Artikel aus dem Warenkorb, um fortzufahren.",
      });
      resetCart();
      getCart().add("MUG", 1);
      const es = await failing(
        html`<sceau-checkout endpoint="/mock/bad-quantity" lang="es"></sceau-checkout>`,
      );
      expect(es.detail).to.deep.equal({
        code: "ERR_QUANTITY_INVALID",
        message: "Cantidad no válida: cámbiala para continuar.",
      });
    });

    it("says how many are left when the stock is short", async () => {
      getCart().add("LIMITED", 3);
      const { el, detail } = await failing(
        html`<sceau-checkout endpoint="/mock/ok" lang="fr"></sceau-checkout>`,
      );
      expect(detail).to.deep.equal({
        code: "ERR_OUT_OF_STOCK",
        message: "Stock insuffisant pour « LIMITED » : réduisez la quantité pour continuer.",
      });
      expect(text(el, "[part=unavailable]")).to.equal("Plus que 2 en stock.");
      $$(el, "[part=quantity-button]")[0].click();
      await settled(el);
      await el.updateComplete;
      expect(el.status).to.equal("idle");
      expect(has(el, "[part=unavailable]")).to.equal(false);
    });

    it("notices a price that changed since the page was built", async () => {
      getCart().add("EBOOK", 1, 800);
      const el = await mount(
        html`<sceau-checkout endpoint="/mock/repriced" lang="en"></sceau-checkout>`,
      );
      expect(text(el, "[part=status]")).to.equal(
        "The price has changed: check the new total before paying.",
      );
      expect(text(el, "[part=total] strong")).to.equal("€9.00");
    });
  });

  describe("after the buyer pressed pay: nothing was charged, and what to do", () => {
    const cases = [
      [
        "ok",
        "ERR_NETWORK",
        "Le service de paiement est injoignable : vérifiez votre connexion, puis réessayez. Aucun paiement n’a été effectué.",
      ],
      [
        "checkout-500",
        "ERR_INTERNAL",
        "Le service de paiement a rencontré un problème : réessayez dans un instant. Aucun paiement n’a été effectué.",
      ],
      [
        "rate-limited",
        "ERR_RATE_LIMITED",
        "Trop de tentatives : réessayez dans quelques minutes. Aucun paiement n’a été effectué.",
      ],
      [
        "price-changed",
        "ERR_PRICE_CHANGED",
        "Le prix a changé : vérifiez le nouveau total avant de payer. Aucun paiement n’a été effectué.",
      ],
      [
        "total-differs",
        "ERR_PRICE_CHANGED",
        "Le prix a changé : vérifiez le nouveau total avant de payer. Aucun paiement n’a été effectué.",
      ],
    ] as const;
    for (const [scenario, code, message] of cases) {
      it(`${scenario}: ${code}, the cart kept, nothing posted, pay again`, async () => {
        getCart().add("EBOOK", 2);
        const el = await mount(
          html`<sceau-checkout endpoint=${`/mock/${scenario}`} lang="fr"></sceau-checkout>`,
        );
        fillBuyer(el);
        // "ok" with the network down: the checkout never reaches the worker.
        const restore = failFetch(scenario === "ok" ? "/api/checkout" : "/nothing");
        const result = await el.checkout().finally(restore);
        expect(result).to.deep.equal({ error: { code, message } });
        await el.updateComplete;
        expect(text(el, "[part=error]")).to.equal(message);
        expect(worker.submits.forms).to.have.length(0);
        expect(getCart().items).to.deep.equal([{ sku: "EBOOK", quantity: 2 }]);
        // Quoted again where prices may have changed: the buyer can pay again.
        await waitUntil(
          () => $(el, "[part=button]").getAttribute("aria-disabled") === "false",
          "not payable",
        );
        expect(await axeViolations(el)).to.deep.equal([]);
      });
    }

    it("an origin the worker refuses: the buyer reads that payment is unavailable, the developer reads the fix", async () => {
      getCart().add("EBOOK", 1);
      const warnings = consoleWarnings();
      try {
        const { detail } = await failing(
          html`<sceau-checkout endpoint="/mock/origin" lang="en"></sceau-checkout>`,
        );
        expect(detail).to.deep.equal({
          code: "ERR_ORIGIN_NOT_ALLOWED",
          message: "Online payment is not available at the moment: contact the shop.",
        });
        expect(warnings.lines.join("\n")).to.contain(
          `refuses this page's origin ${location.origin} (ERR_ORIGIN_NOT_ALLOWED): add it to SHOP_ORIGINS`,
        );
      } finally {
        warnings.restore();
      }
    });
  });

  describe("an older worker whose quote says nothing of its requirements", () => {
    it("asks for the billing address the checkout turns out to need, then pays", async () => {
      getCart().add("MUG", 1);
      const warnings = consoleWarnings();
      try {
        const el = await mount(
          html`<sceau-checkout endpoint="/mock/legacy" lang="fr"></sceau-checkout>`,
        );
        expect(has(el, "form[part=form] [part=input]")).to.equal(false);
        const first = await el.checkout();
        expect(first).to.have.nested.property("error.code", "ERR_BILLING_REQUIRED");
        await el.updateComplete;
        expect(text(el, "[part=error]")).to.equal(
          "Complétez les champs signalés, puis payez à nouveau. Aucun paiement n’a été effectué.",
        );
        expect($(el, "[name=addressLine1]").getAttribute("aria-invalid")).to.equal("true");
        expect(warnings.lines.join("\n")).to.contain(
          "ERR_BILLING_REQUIRED although its quote did not ask for it",
        );
        fillBuyer(el);
        expect(await el.checkout()).to.have.property("redirect");
        expect(bodyOf(worker.spy, "/api/checkout").billing).to.deep.equal({
          country: "FR",
          addressLine1: "1 rue de la Paix",
          postalCode: "75002",
          city: "Paris",
        });
      } finally {
        warnings.restore();
      }
    });
  });
});
