import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { getCart } from "../../cart/cart-store.js";
import "../../define.js";
import { messagesOf } from "../../lang/index.js";
import {
  $,
  axeViolations,
  deepActiveElement,
  press,
  resetCart,
  spyFetch,
} from "../../testing/helpers.js";
import type { SceauOrderStatus } from "./sceau-order-status.js";

const message = (el: SceauOrderStatus) => $(el, "[part=message]").textContent?.trim();
let unique = 0;
const ref = (prefix: string) => `${prefix}${Date.now() % 100000}${unique++}`;

describe("<sceau-order-status>", () => {
  let spy: ReturnType<typeof spyFetch>;
  beforeEach(() => {
    resetCart();
    spy = spyFetch();
  });
  afterEach(() => {
    spy.restore();
    history.replaceState(
      null,
      "",
      location.pathname + location.search.replace(/&?(reference|ref|token)=[^&]*/g, ""),
    );
  });

  it("shows a paid order and empties the cart", async () => {
    getCart().add("MUG", 2);
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" reference="PAID1" token="tok" lang="fr"></sceau-order-status>`,
    );
    expect(el.status).to.equal("checking");
    expect(message(el)).to.equal(messagesOf("fr").pending);
    const event = await oneEvent(el, "sceau-order-status");
    expect(event.detail).to.deep.equal({ reference: "PAID1", status: "paid" });
    await el.updateComplete;
    expect(el.getAttribute("status")).to.equal("paid");
    expect(message(el)).to.equal("Paiement accepté. Merci !");
    expect($(el, "[part=reference]").textContent).to.equal("Référence : PAID1");
    expect(getCart().count).to.equal(0);
    expect(spy.calls[0].url).to.equal("/mock/ok/api/orders/PAID1?token=tok");
  });

  it("shows the schedule: each payment's date, amount and state", async () => {
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" reference="SPLIT1" token="tok" lang="fr"></sceau-order-status>`,
    );
    await waitUntil(() => el.status === "paid", "not paid");
    await el.updateComplete;
    const rows = [...(el.shadowRoot?.querySelectorAll("[part=schedule] li") ?? [])].map((li) =>
      [...li.children].map((c) => c.textContent?.replace(/[\u00a0\u202f]/g, " ").trim()),
    );
    expect(rows).to.deep.equal([
      ["26 novembre 2026", "8,34 €", "Payé"],
      ["26 décembre 2026", "8,33 €", "À venir"],
      ["26 janvier 2026", "8,33 €", "Non prélevé"],
    ]);
    expect($(el, "[part=schedule]").getAttribute("aria-label")).to.equal("Paiement");
  });

  it("shows an expired order as not confirmed", async () => {
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" reference="EXPIRED1" token="tok" lang="en"></sceau-order-status>`,
    );
    await waitUntil(() => el.status === "cancelled", "not shown as cancelled");
    expect(message(el)).to.equal(messagesOf("en").anomaly);
  });

  it("reads the reference and token from the URL, tolerating ref=", async () => {
    history.replaceState(
      null,
      "",
      `${location.pathname}${location.search}&ref=CAPTURED1&token=tok`,
    );
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" lang="en"></sceau-order-status>`,
    );
    await waitUntil(() => el.status === "paid", "not paid");
    expect(message(el)).to.equal("Payment accepted. Thank you!");
  });

  it("moves the token from the address bar into sessionStorage, and finds it there after a reload", async () => {
    sessionStorage.clear();
    history.replaceState(
      null,
      "",
      `${location.pathname}${location.search}&reference=CAPTURED2&token=tok`,
    );
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" lang="en"></sceau-order-status>`,
    );
    expect(location.search).not.to.contain("token");
    expect(location.search).to.contain("reference=CAPTURED2");
    expect(sessionStorage.getItem("sceau-token:CAPTURED2")).to.equal("tok");
    await waitUntil(() => el.status === "paid", "not paid");
    expect(spy.calls[0].url).to.equal("/mock/ok/api/orders/CAPTURED2?token=tok");
    // The same page loaded again (the URL has no token any more): the tab still knows it.
    el.remove();
    const again = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" lang="en"></sceau-order-status>`,
    );
    await waitUntil(() => again.status === "paid", "not paid after reload");
    expect(spy.calls.at(-1)?.url).to.equal("/mock/ok/api/orders/CAPTURED2?token=tok");
    sessionStorage.clear();
  });

  it("shows a refusal with a try-again link and keeps the cart", async () => {
    getCart().add("MUG", 1);
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" reference="REFUSED1" token="tok" retry-url="/panier/" lang="en"></sceau-order-status>`,
    );
    await waitUntil(() => el.status === "refused", "not refused");
    expect(message(el)).to.equal(messagesOf("en").refused);
    const retry = $<HTMLAnchorElement>(el, "[part=retry]");
    expect(retry.getAttribute("href")).to.equal("/panier/");
    expect(retry.textContent).to.equal("Try again");
    expect(getCart().count).to.equal(1);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it("polls a pending order with back-off until it is paid", async () => {
    const reference = ref("LATER2X");
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" reference=${reference} token="tok" poll-interval="20" lang="de"></sceau-order-status>`,
    );
    await waitUntil(() => el.status === "pending", "not pending");
    expect(message(el)).to.equal("Warten auf die Bank…");
    await waitUntil(() => el.status === "paid", "not paid", { timeout: 3000 });
    expect(spy.calls).to.have.length(3);
  });

  it("asks the buyer to come back later when the bank stays silent", async () => {
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" reference="NEVER1" token="tok" poll-interval="10" poll-timeout="100" lang="it"></sceau-order-status>`,
    );
    await waitUntil(() => el.status === "slow", "not slow", { timeout: 3000 });
    expect(message(el)).to.equal(messagesOf("it").slow);
    const calls = spy.calls.length;
    expect(calls).to.be.within(2, 6);
    const again = $(el, "[part=check-again]");
    again.focus();
    await press("Enter"); // keyboard only
    await waitUntil(() => spy.calls.length > calls, "did not check again");
    expect(deepActiveElement()).to.not.equal(null);
  });

  for (const [reference, status, text] of [
    ["ANOMALY1", "anomaly", messagesOf("es").anomaly],
    ["CANCELLED1", "cancelled", messagesOf("es").anomaly],
    ["REFUNDED1", "refunded", messagesOf("es").anomaly],
  ] as const) {
    it(`shows a ${status} order`, async () => {
      const el = await fixture<SceauOrderStatus>(
        html`<sceau-order-status endpoint="/mock/ok" reference=${reference} token="tok" lang="es"></sceau-order-status>`,
      );
      await waitUntil(() => el.status === status, `not ${status}`);
      expect(message(el)).to.equal(text);
    });
  }

  it("shows an unknown order or a wrong token as not found", async () => {
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" reference="PAID2" token="wrong" lang="nl"></sceau-order-status>`,
    );
    await waitUntil(() => el.status === "error", "no error");
    expect(message(el)).to.equal("Bestelling niet gevonden.");
  });

  it("shows not found when the URL carries no reference", async () => {
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" lang="en"></sceau-order-status>`,
    );
    expect(el.status).to.equal("error");
    await el.updateComplete;
    expect(message(el)).to.equal("Order not found.");
    expect(spy.calls).to.have.length(0);
  });

  it("keeps trying while the worker is unreachable, then offers to check again", async () => {
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="http://127.0.0.1:9" reference="PAID3" token="tok" poll-interval="10" poll-timeout="60" lang="en"></sceau-order-status>`,
    );
    await waitUntil(() => el.status === "slow", "not slow", { timeout: 3000 });
    expect($(el, "[part=check-again]").textContent).to.equal("Try again");
  });

  it("has no axe violations while waiting", async () => {
    const el = await fixture<SceauOrderStatus>(
      html`<sceau-order-status endpoint="/mock/ok" reference="NEVER2" token="tok" poll-interval="50" poll-timeout="2000"></sceau-order-status>`,
    );
    await waitUntil(() => el.status === "pending", "not pending");
    expect(await axeViolations(el)).to.deep.equal([]);
    el.remove(); // stops polling
  });
});
