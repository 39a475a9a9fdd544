import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { getCart } from "../../cart/cart-store.js";
import "../../define.js";
import {
  $,
  $$,
  axeViolations,
  deepActiveElement,
  has,
  press,
  resetCart,
  spyFetch,
} from "../../testing/helpers.js";
import type { SceauOrderStatus } from "./sceau-order-status.js";

const title = (el: SceauOrderStatus) => $(el, "[part=title]").textContent?.trim();
const message = (el: SceauOrderStatus) => $(el, "[part=message]").textContent?.trim();
const nbsp = (s: string | undefined) =>
  s
    ?.replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
let unique = 0;
const ref = (prefix: string) => `${prefix}${Date.now() % 100000}${unique++}`;

/** Waits for a state and its rendering. */
async function settle(el: SceauOrderStatus, status: string, timeout = 2000): Promise<void> {
  await waitUntil(() => el.status === status, `not ${status} but ${el.status}`, { timeout });
  await el.updateComplete;
}

/** Puts query parameters in the address bar, as the bank's return does. */
function arrive(query: string): void {
  history.replaceState(null, "", `${location.pathname}${location.search}&${query}`);
}

describe("<sceau-order-status>", () => {
  let spy: ReturnType<typeof spyFetch>;
  const pageTitle = document.title;

  beforeEach(() => {
    resetCart();
    spy = spyFetch();
  });

  afterEach(() => {
    spy.restore();
    document.title = pageTitle;
    history.replaceState(
      null,
      "",
      location.pathname + location.search.replace(/&?(reference|ref|token|return)=[^&]*/g, ""),
    );
  });

  describe("a paid order", () => {
    it("says so, what happens next, the receipt to print, the page's title; and empties the cart", async () => {
      getCart().add("MUG", 2);
      document.title = "Commande — Boutique";
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" reference="PAID1" token="tok" lang="fr"></sceau-order-status>`,
      );
      await settle(el, "paid");
      expect(el.getAttribute("status")).to.equal("paid");
      expect(title(el)).to.equal("Paiement accepté");
      expect(message(el)).to.equal(
        "Merci ! Votre commande est confirmée : la boutique la prépare et vous tiendra informé.",
      );
      expect(document.title).to.equal("Paiement accepté – Commande — Boutique");
      expect($(el, "[part=reference]").textContent).to.equal("Référence : PAID1");
      expect($(el, "[part=date]").textContent).to.match(
        /^Commande du 26 novembre 2026 .*Payée le 26 novembre 2026/,
      );
      expect($$(el, "[part=receipt-lines] li").map((l) => nbsp(l.textContent))).to.deep.equal([
        "2 × T-shirt « Sceau » 50,00 €",
      ]);
      expect($$(el, "[part=totals] p").map((p) => nbsp(p.textContent))).to.deep.equal([
        "Sous-total 50,00 €",
        "Livraison (Colissimo) 4,90 €",
        "Code BIENVENUE10 −5,00 €",
        "Total 49,90 €",
        "dont TVA 20 % 8,32 €",
      ]);
      expect($(el, "[part=print]").textContent).to.equal("Imprimer le reçu");
      expect(has(el, "[part=retry]")).to.equal(false);
      expect(getCart().count).to.equal(0);
      expect(spy.calls[0].url).to.equal("/mock/ok/api/orders/PAID1?token=tok");
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it("says it is checking until the worker answers, and tells the page each answer", async () => {
      const events: unknown[] = [];
      const record = (event: CustomEvent) => events.push(event.detail);
      const wrapper = await fixture(
        html`<div @sceau-order-status=${record}><sceau-order-status endpoint="/mock/slow" reference="PAID4" token="tok" lang="fr"></sceau-order-status></div>`,
      );
      const el = wrapper.firstElementChild as SceauOrderStatus;
      expect(el.status).to.equal("checking");
      expect(title(el)).to.equal("Vérification du paiement…");
      await settle(el, "paid");
      expect(events).to.deep.equal([{ reference: "PAID4", status: "paid" }]);
    });

    const titles = {
      fr: "Paiement accepté",
      en: "Payment accepted",
      de: "Zahlung akzeptiert",
      it: "Pagamento accettato",
      es: "Pago aceptado",
      nl: "Betaling geaccepteerd",
    };
    for (const [lang, paid] of Object.entries(titles)) {
      it(`speaks ${lang}`, async () => {
        const el = await fixture<SceauOrderStatus>(
          html`<sceau-order-status endpoint="/mock/ok" reference="CAPTURED1" token="tok" lang=${lang}></sceau-order-status>`,
        );
        await settle(el, "paid");
        expect(title(el)).to.equal(paid);
      });
    }
  });

  describe("the URL", () => {
    it("reads the reference and token from it, tolerating ref=", async () => {
      arrive("ref=CAPTURED1&token=tok");
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" lang="en"></sceau-order-status>`,
      );
      await settle(el, "paid");
      expect(message(el)).to.equal(
        "Thank you! Your order is confirmed: the shop is preparing it and will keep you informed.",
      );
    });

    it("moves the token from the address bar into sessionStorage, and finds it there after a reload", async () => {
      sessionStorage.clear();
      arrive("reference=CAPTURED2&token=tok");
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" lang="en"></sceau-order-status>`,
      );
      expect(location.search).not.to.contain("token");
      expect(location.search).to.contain("reference=CAPTURED2");
      expect(sessionStorage.getItem("sceau-token:CAPTURED2")).to.equal("tok");
      await settle(el, "paid");
      expect(spy.calls[0].url).to.equal("/mock/ok/api/orders/CAPTURED2?token=tok");
      // The same page loaded again (the URL has no token any more): the tab still knows it.
      el.remove();
      const again = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" lang="en"></sceau-order-status>`,
      );
      await settle(again, "paid");
      expect(spy.calls.at(-1)?.url).to.equal("/mock/ok/api/orders/CAPTURED2?token=tok");
      sessionStorage.clear();
    });
  });

  describe("a payment that did not go through", () => {
    it("refused: no money taken, try again with the cart kept", async () => {
      getCart().add("MUG", 1);
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" reference="REFUSED1" token="tok" retry-url="/panier/" lang="en"></sceau-order-status>`,
      );
      await settle(el, "refused");
      expect(title(el)).to.equal("Payment declined");
      expect(message(el)).to.equal(
        "Your bank declined the payment: no money was taken. Your cart is kept; you can try again, with another card if needed.",
      );
      const retry = $<HTMLAnchorElement>(el, "[part=retry]");
      expect(retry.getAttribute("href")).to.equal("/panier/");
      expect(retry.textContent).to.equal("Try the payment again");
      expect(has(el, "[part=print]")).to.equal(false);
      expect(getCart().count).to.equal(1);
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it("back through the error URL: says at once it did not complete, then shows a late acceptance", async () => {
      getCart().add("MUG", 1);
      const reference = ref("LATER3X");
      arrive(`reference=${reference}&token=tok&return=error`);
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" retry-url="/panier/" poll-interval="300" lang="fr"></sceau-order-status>`,
      );
      await settle(el, "incomplete");
      expect(spy.calls).to.have.length(1); // the first answer is enough
      expect(title(el)).to.equal("Paiement non abouti");
      expect(document.title.startsWith("Paiement non abouti – ")).to.equal(true);
      expect(message(el)).to.equal(
        "Le paiement n’a pas abouti : aucun montant n’a été débité. Votre panier est conservé, vous pouvez réessayer.",
      );
      expect($(el, "[part=listening]").textContent).to.equal(
        "Si votre banque confirme malgré tout un paiement, cette page l’affichera.",
      );
      expect($(el, "[part=retry]").getAttribute("href")).to.equal("/panier/");
      expect($(el, "[part=retry]").textContent).to.equal("Réessayer le paiement");
      expect(getCart().count).to.equal(1);
      expect(await axeViolations(el)).to.deep.equal([]);
      // Still listening: the bank's late acceptance arrives.
      await settle(el, "paid", 4000);
      expect(title(el)).to.equal("Paiement accepté");
      expect(getCart().count).to.equal(0);
    });

    it("abandoned: not finished in time, nothing taken, try again", async () => {
      arrive("return=cancel");
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" reference="ABANDONED1" token="tok" lang="de"></sceau-order-status>`,
      );
      await settle(el, "abandoned");
      expect(title(el)).to.equal("Zahlung nicht abgeschlossen");
      expect(message(el)).to.equal(
        "Die Zahlung wurde nicht rechtzeitig abgeschlossen: Es wurde nichts abgebucht. Ihr Warenkorb bleibt erhalten, Sie können es erneut versuchen.",
      );
      expect($(el, "[part=retry]").textContent).to.equal("Zahlung erneut versuchen");
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  });

  describe("waiting for the bank", () => {
    it("says what it waits for, and polls with back-off until paid", async () => {
      const reference = ref("LATER2X");
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" reference=${reference} token="tok" poll-interval="20" lang="de"></sceau-order-status>`,
      );
      await settle(el, "pending");
      expect(title(el)).to.equal("Zahlung ausstehend");
      expect(message(el)).to.equal(
        "Wir warten auf die Bestätigung Ihrer Bank; das dauert meist nur wenige Sekunden. Diese Seite aktualisiert sich selbst.",
      );
      expect(has(el, "[part=spinner]")).to.equal(true);
      expect($(el, "[part=reference]").textContent).to.equal(`Referenz: ${reference}`);
      expect(await axeViolations(el)).to.deep.equal([]);
      await settle(el, "paid", 3000);
      expect(spy.calls).to.have.length(3);
    });

    it("asks the buyer to come back later when the bank stays silent, and can check again", async () => {
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" reference="NEVER1" token="tok" poll-interval="10" poll-timeout="100" lang="it"></sceau-order-status>`,
      );
      await settle(el, "slow", 3000);
      expect(message(el)).to.equal(
        "La tua banca non ha ancora confermato il pagamento. Se va a buon fine, l’ordine sarà confermato: torna su questa pagina più tardi.",
      );
      // No more quick polls once it says so (the next one is a minute away).
      const calls = spy.calls.length;
      await new Promise((r) => setTimeout(r, 200));
      expect(spy.calls.length).to.equal(calls);
      const again = $(el, "[part=check-again]");
      expect(again.textContent).to.equal("Verifica di nuovo");
      again.focus();
      await press("Enter"); // keyboard only
      await waitUntil(() => spy.calls.length > calls, "did not check again");
      expect(deepActiveElement()).to.not.equal(null);
      el.remove(); // stops polling
    });
  });

  describe("other states", () => {
    for (const [reference, status, heading, text] of [
      [
        "ANOMALY1",
        "anomaly",
        "Pago en revisión",
        "La tienda debe revisar este pago: contacta con ella indicando la referencia del pedido.",
      ],
      [
        "CANCELLED1",
        "cancelled",
        "Pedido cancelado",
        "La tienda ha cancelado este pedido: no se ha cobrado nada.",
      ],
      [
        "REFUNDED1",
        "refunded",
        "Pedido reembolsado",
        "La tienda ha reembolsado este pedido en tu tarjeta.",
      ],
    ] as const) {
      it(`shows a ${status} order`, async () => {
        const el = await fixture<SceauOrderStatus>(
          html`<sceau-order-status endpoint="/mock/ok" reference=${reference} token="tok" lang="es"></sceau-order-status>`,
        );
        await settle(el, status);
        expect(title(el)).to.equal(heading);
        expect(message(el)).to.equal(text);
        expect(has(el, "[part=retry]")).to.equal(false);
      });
    }

    it("shows an expired order (its authorisation lapsed) as a cancelled one", async () => {
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" reference="EXPIRED1" token="tok" lang="en"></sceau-order-status>`,
      );
      await settle(el, "cancelled");
      expect(title(el)).to.equal("Order cancelled");
    });

    it("shows the schedule: each payment's date, amount and state", async () => {
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" reference="SPLIT1" token="tok" lang="fr"></sceau-order-status>`,
      );
      await settle(el, "paid");
      const rows = $$(el, "[part=schedule] li").map((li) =>
        [...li.children].map((c) => nbsp(c.textContent)?.trim()),
      );
      expect(rows).to.deep.equal([
        ["26 novembre 2026", "16,64 €", "Payé"],
        ["26 décembre 2026", "16,63 €", "À venir"],
        ["26 janvier 2026", "16,63 €", "Non prélevé"],
      ]);
      expect($(el, "[part=schedule]").getAttribute("aria-label")).to.equal("Échéancier");
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it("shows an unknown order or a wrong token as not found", async () => {
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" reference="PAID2" token="wrong" lang="nl"></sceau-order-status>`,
      );
      await settle(el, "not-found");
      expect(title(el)).to.equal("Bestelling niet gevonden");
      expect(message(el)).to.equal(
        "Deze bestelling is niet gevonden: controleer de link of neem contact op met de winkel.",
      );
      expect(await axeViolations(el)).to.deep.equal([]);
    });

    it("shows not found when the URL carries no reference, without asking", async () => {
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" lang="en"></sceau-order-status>`,
      );
      expect(el.status).to.equal("not-found");
      expect(title(el)).to.equal("Order not found");
      expect(spy.calls).to.have.length(0);
    });

    it("says it cannot check while the worker is unreachable, keeps trying, and offers to check again", async () => {
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="http://127.0.0.1:9" reference="PAID3" token="tok" poll-interval="10" lang="en"></sceau-order-status>`,
      );
      await settle(el, "error", 3000);
      expect(title(el)).to.equal("Cannot check the order");
      expect(message(el)).to.equal(
        "The order cannot be checked right now: check your connection, then try again.",
      );
      expect($(el, "[part=check-again]").textContent).to.equal("Check again");
      const calls = spy.calls.length;
      await waitUntil(() => spy.calls.length > calls, "stopped trying", { timeout: 3000 });
      expect(await axeViolations(el)).to.deep.equal([]);
      el.remove(); // stops polling
    });
  });
});
