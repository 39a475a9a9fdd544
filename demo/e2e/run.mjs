#!/usr/bin/env node
// End-to-end purchases through the real stack: storefront (Vite preview of the built site), worker under
// `wrangler dev` with a local D1, and the bank sandbox, driven in Debian's Chromium by playwright-core.
import { readFileSync } from "node:fs";
import PostalMime from "postal-mime";
import { Webhook } from "standardwebhooks";
import { referenceMac } from "../../packages/protocol/test/reference-seal.mjs";
import { ADMIN, runWorkerSchedule, terminalVars } from "../scripts/stack.mjs";
import {
  CONSOLE,
  cspViolations,
  downloadCsv,
  expectAccessible,
  expectNoSidewaysScroll,
  operate,
  parseCsv,
  signIn,
  watchCsp,
} from "./console.mjs";
import { admin, BANK, bank, eventually, expect, runAll, SHOP, test, WORKER } from "./harness.mjs";
import { startReceiver } from "./receiver.mjs";
import {
  addToCart,
  backToShop,
  checkout,
  fillBuyer,
  fillCart,
  orderStatus,
  payAndCaptureOrder,
  payWithCard,
  plain,
  quotedCart,
  storedCart,
} from "./shop.mjs";

const REFERENCE = /reference=([A-Za-z0-9]+)/;
/** The worker's development key (worker/.dev.vars), shared with the sandbox's terminals. */
const DEV_KEY = "0123456789ABCDEF0123456789ABCDEF01234567";

async function latestOrder() {
  const { orders } = await admin("/orders?limit=1");
  expect(orders.length === 1, "the worker has no order");
  return admin(`/orders/${orders[0].reference}`);
}

function acceptedNotifications(detail) {
  return detail.notifications.filter(
    (n) => n.sealValid && /^(paiement|payetest)$/.test(n.codeRetour ?? ""),
  );
}

test("two CDs paid with the accepted Visa card: ticket, merci page, paid, cart emptied", async ({
  page,
}) => {
  await addToCart(page, ["CD-KIND-OF-BLUE", "CD-BLUE-TRAIN"]);
  const element = await fillCart(page);
  // 27,98 € of CDs: Colissimo is free from 25 € in France; VAT 20 % included, rounded per line (250 + 217).
  const pay = plain(await element.locator('button[part="button"]').textContent());
  expect(pay === "Payer 27,98 €", `the pay button reads ${pay}`);
  const vat = plain(await element.locator('[part="vat"]').textContent());
  expect(vat === "dont TVA 20 % 4,67 €", `the VAT row reads ${vat}`);
  const shipping = plain(await element.locator('[part="shipping"]').textContent());
  expect(shipping === "Livraison (Colissimo) Offerte", `the shipping row reads ${shipping}`);
  await expectAccessible(page, "the quoted cart");
  const posted = page.waitForRequest(
    (r) => r.url().endsWith("/paiement.cgi") && r.method() === "POST",
  );
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(BANK)),
    element.locator('button[part="button"]').click(),
  ]);
  // The form the browser posted carries the seal an independent implementation computes (not the library
  // the worker sealed it with and the sandbox checked it with).
  const form = Object.fromEntries(new URLSearchParams((await posted).postData() ?? ""));
  expect(form.montant === "27.98EUR", `montant ${form.montant}`);
  expect(
    form.MAC === referenceMac(DEV_KEY, "payment", "v4", form),
    `the posted form's MAC ${form.MAC} is not the reference seal`,
  );
  await payWithCard(page, "visa");
  await page.locator("#ticket").waitFor();
  const amount = (await page.locator("#amount").textContent())?.replace(/\s/g, " ");
  expect(amount === "27,98 €", `the ticket shows ${amount}, not 27,98 €`);
  await backToShop(page);
  expect(
    REFERENCE.test(page.url()) && page.url().includes("merci"),
    `not back on merci: ${page.url()}`,
  );
  const status = await orderStatus(page, "paid");
  expect(status.title === "Paiement accepté", `title: ${status.title}`);
  expect(/commande est confirmée/.test(status.message), `message: ${status.message}`);
  const receipt = plain(await status.element.locator('[part="receipt"]').textContent());
  for (const text of [
    "1 × Miles Davis — Kind of Blue",
    "1 × John Coltrane — Blue Train",
    "27,98 €",
  ])
    expect(receipt.includes(text), `the receipt lacks ${text}: ${receipt}`);
  expect(/^Paiement accepté/.test(await page.title()), `page title ${await page.title()}`);
  await expectAccessible(page, "the paid order's page");
  // The buyer's token left the address bar (no Referer, history or shared link carries it).
  expect(!new URL(page.url()).searchParams.has("token"), `token still in ${page.url()}`);
  expect(
    (await page.locator('meta[name="referrer"]').getAttribute("content")) === "no-referrer",
    "the return page does not set Referrer-Policy: no-referrer",
  );
  await eventually(async () => (await storedCart(page)) === null, "the cart was not emptied");
  const detail = await latestOrder();
  expect(detail.order.status === "paid", `order status ${detail.order.status}`);
  expect(detail.order.total === 2798, `order total ${detail.order.total}`);
  expect(acceptedNotifications(detail).length === 1, "not exactly one accepted notification");
  // The sandbox's Retour, as sent, carries the reference seal too.
  const sent = (await bank("/notifications")).filter((n) => n.reference === form.reference);
  expect(sent.length === 1, `${sent.length} notifications sent for ${form.reference}`);
  const { MAC, ...retour } = sent[0].fields;
  expect(
    MAC === referenceMac(DEV_KEY, "notification", "v4", retour),
    `the Retour's MAC ${MAC} is not the reference seal`,
  );
});

test("refused card, then the accepted card on the same order: paid, refusal kept", async ({
  page,
}) => {
  await addToCart(page, ["CD-GOLDBERG"]);
  await checkout(page);
  await payWithCard(page, "refused");
  await page.locator("#refusal").waitFor();
  await page.locator("#retry").click();
  await payWithCard(page, "visa");
  await page.locator("#ticket").waitFor();
  await backToShop(page);
  await orderStatus(page, "paid");
  const detail = await latestOrder();
  expect(detail.order.status === "paid", `order status ${detail.order.status}`);
  const codes = detail.notifications.map((n) => n.codeRetour);
  expect(
    codes.includes("Annulation") && codes.includes("payetest"),
    `history: ${codes.join(", ")}`,
  );
});

test("3-D Secure challenge passed", async ({ page }) => {
  await addToCart(page, ["CD-BLUE-TRAIN"]);
  await checkout(page);
  await payWithCard(page, "3ds");
  await page.locator('button[name="decision"][value="pass"]').click();
  await page.locator("#ticket").waitFor();
  await backToShop(page);
  await orderStatus(page, "paid");
});

test("3-D Secure challenge failed: refused, not paid", async ({ page }) => {
  await addToCart(page, ["CD-BLUE-TRAIN"]);
  await checkout(page);
  await payWithCard(page, "3ds");
  await page.locator('button[name="decision"][value="fail"]').click();
  await page.locator("#refusal").waitFor();
  const detail = await eventually(async () => {
    const d = await latestOrder();
    return d.notifications.length > 0 && d;
  }, "no notification for the failed challenge");
  expect(detail.order.status === "refused", `order status ${detail.order.status}`);
  const refusals = detail.notifications.map((n) => [n.codeRetour, n.fields?.motifrefus]);
  expect(
    JSON.stringify(refusals) === JSON.stringify([["Annulation", "3DSecure"]]),
    `not one 3-D Secure refusal: ${JSON.stringify(refusals)}`,
  );
  // Back on the shop: the refusal says no money was taken, and "try again" leads to the cart, still there.
  await backToShop(page);
  const status = await orderStatus(page, "refused");
  expect(status.title === "Paiement refusé", `title: ${status.title}`);
  expect(/aucun montant n.a été débité/.test(status.message), `message: ${status.message}`);
  await expectAccessible(page, "the refused order's page");
  await Promise.all([
    page.waitForURL(/panier\.html/),
    status.element.locator('a[part="retry"]').click(),
  ]);
  await quotedCart(page);
  const cart = await storedCart(page);
  expect(
    cart?.items?.[0]?.sku === "CD-BLUE-TRAIN",
    `the cart was not kept: ${JSON.stringify(cart)}`,
  );
  const transactions = await bank("/transactions");
  expect(
    transactions.every((t) => t.status !== "accepted" && t.status !== "captured"),
    "the bank took money for a refused payment",
  );
});

test("buyer cancels on the bank page: back on the shop, not paid, cart kept", async ({ page }) => {
  await addToCart(page, ["CD-KIND-OF-BLUE"]);
  await checkout(page);
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(SHOP)),
    page.locator("#cancel").click(),
  ]);
  // The bank sends no notification on a cancel: the return URL says so (return=error), at once.
  expect(new URL(page.url()).searchParams.get("return") === "error", `returned to ${page.url()}`);
  const status = await orderStatus(page, "incomplete");
  expect(status.title === "Paiement non abouti", `title: ${status.title}`);
  expect(/aucun montant n.a été débité/.test(status.message), `message: ${status.message}`);
  const listening = plain(await status.element.locator('[part="listening"]').textContent());
  expect(/confirme malgré tout/.test(listening), `no late-acceptance note: ${listening}`);
  await expectAccessible(page, "the cancelled payment's page");
  const cart = await storedCart(page);
  expect(cart?.items?.length === 1, `the cart was not kept: ${JSON.stringify(cart)}`);
  const detail = await latestOrder();
  expect(detail.order.status === "pending", `order status ${detail.order.status}`);
  expect(
    (await bank("/transactions")).every((t) => t.status !== "accepted"),
    "money was taken",
  );
  await Promise.all([
    page.waitForURL(/panier\.html/),
    status.element.locator('a[part="retry"]').click(),
  ]);
  const element = await quotedCart(page);
  // 14,99 € and the tracked letter (2,90 €), as before the bank's page.
  const pay = plain(await element.locator('button[part="button"]').textContent());
  expect(pay === "Payer 17,89 €", `the cart to try again reads ${pay}`);
});

test("buyer walks away from the bank page: abandoned after the session lifetime, no charge", async ({
  page,
}) => {
  await addToCart(page, ["CD-LOVE-SUPREME-LTD"]);
  const element = await fillCart(page);
  const order = await payAndCaptureOrder(page, element);
  // The limited edition is held for this order meanwhile.
  const held = await (await fetch(`${WORKER}/api/products`)).json();
  const product = held.products.find((p) => p.sku === "CD-LOVE-SUPREME-LTD");
  expect(product?.available === 2, `available while held: ${product?.available}`);
  // An hour and a minute later (the worker's scheduled job, run at that instant), the order is abandoned.
  const later = Date.now() + 61 * 60_000;
  const cron = await fetch(`${WORKER}/api/admin/scheduled?time=${later}`, {
    method: "POST",
    headers: { ...ADMIN, "content-type": "application/json" },
    body: "{}",
  });
  expect(cron.ok, `the scheduled run answered ${cron.status}`);
  const detail = await admin(`/orders/${order.reference}`);
  expect(detail.order.status === "abandoned", `order status ${detail.order.status}`);
  const released = await (await fetch(`${WORKER}/api/products`)).json();
  const again = released.products.find((p) => p.sku === "CD-LOVE-SUPREME-LTD");
  expect(again?.available === 3, `the hold was not released: ${again?.available}`);
  // The buyer comes back to the order's page (a bookmark, the history): not finished, nothing charged.
  await page.goto(`${SHOP}/merci.html?reference=${order.reference}&token=${order.token}`);
  const status = await orderStatus(page, "abandoned");
  expect(status.title === "Paiement non abouti", `title: ${status.title}`);
  expect(/pas été terminé à temps/.test(status.message), `message: ${status.message}`);
  expect(/aucun montant n.a été débité/.test(status.message), `message: ${status.message}`);
  await expectAccessible(page, "the abandoned order's page");
  expect(
    (await bank("/transactions")).every((t) => t.status !== "accepted"),
    "money was taken",
  );
});

test("quote failure: last good names and prices stay, pay is disabled, retry prices again", async ({
  page,
}) => {
  await addToCart(page, ["CD-GOLDBERG"]);
  const element = await fillCart(page);
  // The worker becomes unreachable for the next quote (the buyer adds one more CD).
  await page.route("**/api/quote", (route) => route.abort("connectionrefused"));
  await element.locator('button[part="quantity-button"]').last().click();
  const alert = element.locator('[part="error"]');
  await alert.filter({ hasText: "injoignable" }).waitFor();
  const message = plain(await alert.textContent());
  expect(/^Le total n.a pas pu être calculé\./.test(message), `the alert reads ${message}`);
  const name = plain(await element.locator('[part="line-name"]').textContent());
  expect(name === "Glenn Gould — Variations Goldberg (1981)", `the line shows ${name}`);
  const button = element.locator('button[part="button"]');
  expect((await button.getAttribute("aria-disabled")) === "true", "pay is enabled without a quote");
  await button.click({ force: true }); // Playwright itself will not click an aria-disabled button
  expect(page.url().startsWith(SHOP), "a click on the disabled pay button left the shop");
  await expectAccessible(page, "the cart whose quote failed");
  await page.unroute("**/api/quote");
  await element.locator('button[part="retry"]').click();
  await quotedCart(page);
  // Two CDs of 120 g: 23,00 € and the tracked letter (2,90 € up to 250 g), the cheapest method in France.
  const pay = plain(await button.textContent());
  expect(pay === "Payer 25,90 €", `after the retry the pay button reads ${pay}`);
});

test("checkout network failure, then a 500: each says nothing was charged; then it pays", async ({
  page,
}) => {
  await addToCart(page, ["CD-KIND-OF-BLUE"]);
  const element = await fillCart(page);
  const alert = element.locator('[part="error"]');
  const button = element.locator('button[part="button"]');
  await page.route("**/api/checkout", (route) => route.abort("connectionrefused"));
  await button.click();
  await alert.filter({ hasText: "injoignable" }).waitFor();
  let message = plain(await alert.textContent());
  expect(/Aucun paiement n.a été effectué\.$/.test(message), `after a network failure: ${message}`);
  await page.unroute("**/api/checkout");
  await page.route("**/api/checkout", (route) =>
    route.fulfill({ status: 500, contentType: "application/json", body: "{}" }),
  );
  await button.click();
  await alert.filter({ hasText: "rencontré un problème" }).waitFor();
  message = plain(await alert.textContent());
  expect(/Aucun paiement n.a été effectué\.$/.test(message), `after a 500: ${message}`);
  await expectAccessible(page, "the cart after a failed checkout");
  const { orders } = await admin("/orders?limit=5");
  expect(orders.length === 0, `orders were created: ${orders.length}`);
  await page.unroute("**/api/checkout");
  await Promise.all([page.waitForURL((url) => url.href.startsWith(BANK)), button.click()]);
  await payWithCard(page, "visa");
  await page.locator("#ticket").waitFor();
  await backToShop(page);
  await orderStatus(page, "paid");
});

test("a CD shipped to Belgium with BIENVENUE10: phone asked, shipping, discount, the right total", async ({
  page,
}) => {
  await addToCart(page, ["CD-KIND-OF-BLUE"]);
  await page.goto(`${SHOP}/panier.html`);
  let element = await quotedCart(page);
  await element.locator('select[name="country"]').selectOption("BE");
  // Belgium: Colissimo International (9,90 € up to 500 g), which needs a phone number for the carrier.
  await element.locator('input[name="phone"]').waitFor();
  await element.locator('input[name="promoCode"]').fill("bienvenue10");
  await element.locator('button[part="promo-button"]').click();
  await element.locator('[part="discount"]').waitFor();
  element = await quotedCart(page);
  const rows = {};
  for (const part of ["subtotal", "shipping", "discount", "total", "vat"])
    rows[part] = plain(await element.locator(`[part="${part}"]`).first().textContent());
  expect(rows.subtotal === "Sous-total 14,99 €", `subtotal row: ${rows.subtotal}`);
  expect(
    rows.shipping === "Livraison (Colissimo International) 9,90 €",
    `shipping: ${rows.shipping}`,
  );
  expect(rows.discount === "Code BIENVENUE10 −1,50 €", `discount row: ${rows.discount}`);
  expect(rows.total === "Total 23,39 €", `total row: ${rows.total}`);
  await fillBuyer(element, { postalCode: "1000", city: "Bruxelles", phone: "0470 12 34 56" });
  await expectAccessible(page, "the cart shipping to Belgium with a promo code");
  const order = await payAndCaptureOrder(page, element);
  expect(order.total === 2339, `order total ${order.total}`);
  await payWithCard(page, "visa");
  await page.locator("#ticket").waitFor();
  const detail = await eventually(async () => {
    const d = await admin(`/orders/${order.reference}`);
    return d.order.status === "paid" && d;
  }, "the Belgian order was not paid");
  expect(
    detail.order.discount?.code === "BIENVENUE10",
    `discount ${JSON.stringify(detail.order.discount)}`,
  );
  const sealed = (await bank("/transactions")).find((t) => t.reference === order.reference);
  expect(sealed?.montant === "23.39EUR", `the bank was asked ${sealed?.montant}`);
});

test("limited edition: only 3 left, the cart says so, then sold out on the shop", async ({
  page,
}) => {
  await addToCart(page, ["CD-LOVE-SUPREME-LTD"]);
  // A fourth unit from another tab's cart: the worker answers 409 with what is left.
  await page.evaluate(() => {
    const cart = JSON.parse(localStorage.getItem("sceau-cart"));
    cart.items[0].quantity = 4;
    localStorage.setItem("sceau-cart", JSON.stringify(cart));
  });
  await page.goto(`${SHOP}/panier.html`);
  const element = page.locator("sceau-checkout");
  const note = element.locator('[part="unavailable"]');
  await note.waitFor();
  expect(/3/.test(await note.textContent()), `the line says ${await note.textContent()}`);
  const button = element.locator('button[part="button"]');
  expect((await button.getAttribute("aria-disabled")) === "true", "pay enabled over the stock");
  await expectAccessible(page, "the cart over the stock");
  await element.locator('button[part="quantity-button"]').first().click();
  await quotedCart(page);
  await fillBuyer(element);
  await payAndCaptureOrder(page, element);
  await payWithCard(page, "visa");
  await page.locator("#ticket").waitFor();
  await eventually(
    async () => (await latestOrder()).order.status === "paid",
    "the limited edition was not paid",
  );
  const { products } = await (await fetch(`${WORKER}/api/products`)).json();
  const sold = products.find((p) => p.sku === "CD-LOVE-SUPREME-LTD");
  expect(sold?.available === 0, `available after the sale: ${sold?.available}`);
  // The shop page asks the worker afresh: its answer is cached 15 s, and this test is quicker than that
  // (Playwright's routing bypasses the browser's HTTP cache; the request goes through unchanged).
  await page.route("**/api/products", (route) => route.continue());
  await page.goto(`${SHOP}/index.html`);
  const add = page.locator('sceau-add-to-cart[sku="CD-LOVE-SUPREME-LTD"] button[part="button"]');
  await add.filter({ hasText: /Épuisé/i }).waitFor();
  expect((await add.getAttribute("aria-disabled")) === "true", "a sold-out product can be added");
});

test(
  "worker down when the bank calls: the second attempt succeeds once it is back",
  async ({ page, stack }) => {
    await addToCart(page, ["CD-GOLDBERG"]);
    await checkout(page);
    await stack.worker.stop();
    await payWithCard(page, "visa");
    await page.locator("#ticket").waitFor();
    const { startWorker } = await import("../scripts/stack.mjs");
    stack.worker = startWorker({ persistTo: stack.state, log: stack.log });
    await stack.worker.ready();
    await eventually(
      async () => (await bank("/outbox")).length > 0,
      "no alert e-mail in the sandbox's outbox",
    );
    await eventually(
      async () => (await latestOrder()).order.status === "paid",
      "the second attempt did not mark the order paid",
      40_000,
    );
    await backToShop(page);
    await orderStatus(page, "paid");
  },
  { sandbox: { SANDBOX_RETRY_DELAY_MS: "12000" } },
);

test("a form tampered in the browser is refused by the bank and nothing is paid", async ({
  page,
}) => {
  await addToCart(page, ["CD-KIND-OF-BLUE"]);
  const element = await fillCart(page);
  // Edit the amount in the sealed form just before the browser posts it.
  await page.evaluate(() => {
    document.addEventListener(
      "submit",
      (event) => {
        const form = event.target;
        if (form?.elements?.montant) form.elements.montant.value = "0.01EUR";
      },
      true,
    );
    const original = HTMLFormElement.prototype.submit;
    HTMLFormElement.prototype.submit = function submit() {
      if (this.elements.montant) this.elements.montant.value = "0.01EUR";
      return original.call(this);
    };
  });
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(BANK)),
    element.locator('button[part="button"]').click(),
  ]);
  const text = await page.locator("body").textContent();
  expect(/signature/i.test(text), "the bank did not refuse the seal");
  const transactions = await bank("/transactions");
  expect(transactions.length === 0, `the bank opened ${transactions.length} transaction(s)`);
  const detail = await latestOrder();
  expect(detail.order.status === "pending", `order status ${detail.order.status}`);
});

test("on a single-payment terminal the cart offers no instalments, even for the box set", async ({
  page,
}) => {
  await addToCart(page, ["CD-BREL-INTEGRALE"]);
  await fillCart(page);
  const choices = page.locator('sceau-checkout fieldset[part="instalments"]');
  expect((await choices.count()) === 0, "instalments offered on an immediate-payment terminal");
  await page.goto(`${SHOP}/index.html`);
  await page.waitForLoadState("networkidle");
  const badge = page.locator('[data-instalments-sku="CD-BREL-INTEGRALE"]');
  expect(await badge.isHidden(), "the shop advertises instalments the terminal cannot honour");
});

/** Moves the sandbox's clock by days (the bank runs what falls due and notifies the worker). */
async function advanceDays(days) {
  await bank("/clock", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceDays: days }),
  });
}

/** A merchant operation through the worker's admin API. */
function adminOperate(reference, kind, body = {}) {
  return admin(`/orders/${reference}/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

test(
  "split payment in 3: the merchant captures instalment 1, the bank collects 2 and 3 under its clock",
  async ({ page }) => {
    await addToCart(page, ["CD-BREL-INTEGRALE"]);
    const badge = page.locator('[data-instalments-sku="CD-BREL-INTEGRALE"]');
    await badge.waitFor();
    expect((await badge.textContent()) === "en 2 à 4 fois", `badge: ${await badge.textContent()}`);
    await checkout(page, { instalments: "3" });
    await payWithCard(page, "visa");
    await page.locator("#ticket").waitFor();
    await backToShop(page);
    await orderStatus(page, "paid");
    // The buyer's page shows the three dated instalments.
    await page.locator('sceau-order-status [part="schedule"] li').nth(2).waitFor();
    const { order } = await latestOrder();
    // The first instalment is authorised at order and captured by the merchant, like a deferred payment.
    await adminOperate(order.reference, "capture");
    for (const days of [31, 31]) await advanceDays(days);
    const detail = await eventually(async () => {
      const d = await admin(`/orders/${order.reference}`);
      const codes = d.notifications.map((n) => n.codeRetour);
      return codes.includes("paiement_pf2") && codes.includes("paiement_pf3") && d;
    }, "instalments 2 and 3 were not notified");
    const states = detail.schedule.map((i) => i.status).join(",");
    expect(states === "captured,captured,captured", `instalments ${states}`);
    const book = await bank(`/books/7654323/${order.reference}`);
    expect(
      book.totals.captured === order.total &&
        detail.order.ledger.totals.captured === book.totals.captured,
      "the worker and the bank disagree on what was captured",
    );
  },
  { worker: terminalVars("split") },
);

test(
  "deferred terminal, in the console: the merchant finds the fresh order, captures part, refunds part, downloads the CSV",
  async ({ page, consoleErrors }) => {
    await addToCart(page, ["CD-KIND-OF-BLUE", "CD-GOLDBERG"]);
    await checkout(page);
    await payWithCard(page, "visa");
    await page.locator("#ticket").waitFor();
    const { order } = await eventually(async () => {
      const d = await latestOrder();
      return d.order.status === "paid" && d;
    }, "the deferred payment was not authorised");
    const reference = order.reference;

    await watchCsp(page);
    await signIn(page);
    // Home: the authorisation waits for its capture.
    await page.locator(`sceau-home-page .attention a[href="#/orders/${reference}"]`).waitFor();
    await expectNoSidewaysScroll(page, "the home page");

    // Orders: found by the start of its reference, opened.
    await page.locator('sceau-console nav a[href="#/orders"]').click();
    await page.locator('sceau-orders-page input[name="reference"]').fill(reference.slice(0, 5));
    await page.locator('sceau-orders-page form button[type="submit"]').click();
    await page.locator(`sceau-orders-page tbody a[href="#/orders/${reference}"]`).click();
    await page.locator("sceau-order-page h1").filter({ hasText: reference }).waitFor();

    const capture = await operate(page, "capture", "10,00");
    expect(
      capture.confirmation === `Capturer 10,00\u00a0€ (EUR) sur la commande ${reference} ?`,
      `confirmation: ${capture.confirmation}`,
    );
    expect(/« paiement accepte »/.test(capture.result), `capture result: ${capture.result}`);
    const refund = await operate(page, "recredit", "5");
    expect(/« recredit effectue »/.test(refund.result), `refund result: ${refund.result}`);
    const { order: after } = await admin(`/orders/${reference}`);
    expect(
      after.ledger.totals.captured === 1000 && after.ledger.totals.refunded === 500,
      `ledger: ${JSON.stringify(after.ledger)}`,
    );
    await page.locator("sceau-order-page .heading").filter({ hasText: "Capturée" }).waitFor();
    const words = await page.locator("sceau-order-page td.mono").allTextContents();
    expect(
      words.some((w) => w.includes("cdr=1 paiement accepte")) &&
        words.some((w) => w.includes("cdr=0 recredit effectue")),
      `the bank's words: ${words.join(" | ")}`,
    );

    // The history as CSV for French Excel, read back.
    await page.locator('sceau-console nav a[href="#/orders"]').click();
    const excel = await downloadCsv(page, "CSV pour Excel");
    expect(excel.text.startsWith("\uFEFF"), "no byte order mark in the Excel CSV");
    expect(/^commandes_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/.test(excel.name), excel.name);
    const row = parseCsv(excel.text, ";").find((cells) => cells[0] === reference);
    expect(
      JSON.stringify(row?.slice(2, 7)) ===
        JSON.stringify(["captured", "26,49", "EUR", "10,00", "5,00"]),
      `CSV row: ${JSON.stringify(row)}`,
    );
    const plain = await downloadCsv(page, "CSV standard");
    const plainRow = parseCsv(plain.text, ",").find((cells) => cells[0] === reference);
    expect(plainRow?.[3] === "26.49", `RFC 4180 row: ${JSON.stringify(plainRow)}`);

    expect(
      (await cspViolations(page)).length === 0,
      `CSP: ${(await cspViolations(page)).join(", ")}`,
    );
    expect(consoleErrors.length === 0, `page errors: ${consoleErrors.join(" | ")}`);
    await expectAccessible(page, "the order list");
    await page.setViewportSize({ width: 360, height: 740 });
    await expectNoSidewaysScroll(page, "the order list on a phone");
    await page.goto(`${CONSOLE}#/orders/${reference}`);
    await page.locator("sceau-order-page h1").waitFor();
    await expectNoSidewaysScroll(page, "the order page on a phone");
    await expectAccessible(page, "the order page");
  },
  { worker: terminalVars("deferred") },
);

test(
  "partial terminal: the card is checked, then the merchant captures twice; the bank's books agree",
  async ({ page }) => {
    await addToCart(page, ["CD-KIND-OF-BLUE", "CD-GOLDBERG"]);
    await checkout(page);
    await payWithCard(page, "visa");
    await page.locator("#ticket").waitFor();
    await backToShop(page);
    await orderStatus(page, "paid");
    const { order } = await latestOrder();
    expect(order.authorisationNumber === null, "a partial payment got an authorisation at order");
    await adminOperate(order.reference, "capture", { amount: 1000 });
    await adminOperate(order.reference, "capture");
    const detail = await admin(`/orders/${order.reference}`);
    const book = await bank(`/books/7654325/${order.reference}`);
    expect(book.payments[0].authorisations.length === 2, "not two authorisations at the bank");
    expect(
      book.totals.captured === order.total &&
        detail.order.ledger.totals.captured === book.totals.captured,
      "the worker and the bank disagree on what was captured",
    );
  },
  { worker: terminalVars("partial") },
);

test(
  "a subscription: 'then 12,80 € per month' (the CD and its delivery) in the cart, paid, renewed by the bank a month later",
  async ({ page }) => {
    await addToCart(page, ["CLUB-CD-DU-MOIS"]);
    await page.goto(`${SHOP}/panier.html`);
    const renewal = page.locator('sceau-checkout p[part="subscription"]');
    await renewal.waitFor();
    const text = (await renewal.textContent())?.replace(/\s/g, " ");
    // The club's CD ships every month: 9,90 € and the cheapest delivery (Lettre suivie, 2,90 €) renew together.
    expect(text === "Puis 12,80 € par mois", `the cart says ${text}`);
    await checkout(page);
    await payWithCard(page, "visa");
    await page.locator("#ticket").waitFor();
    await backToShop(page);
    await orderStatus(page, "paid");
    const { order } = await latestOrder();
    // The first payment is the merchant's to capture; the renewals, this terminal's bank captures.
    await adminOperate(order.reference, "capture");
    await advanceDays(31);
    await runWorkerSchedule();
    const detail = await eventually(async () => {
      const d = await admin(`/orders/${order.reference}`);
      const first = d.order.ledger.payments.find((p) => p.label === "renewal-1");
      return first?.state === "captured" && d;
    }, "renewal 1 was not captured");
    const book = await bank(`/books/7654326/${order.reference}`);
    expect(
      book.totals.captured === 2 * order.total &&
        detail.order.ledger.totals.captured === book.totals.captured,
      "the worker and the bank disagree on what was captured",
    );
  },
  { worker: terminalVars("recurring") },
);

/** Pays with empty fields and a four-digit French postal code: errors in German, by each field and in a summary. */
async function formErrorsInGerman(page) {
  const element = await quotedCart(page);
  await element.locator('input[name="postalCode"]').fill("7500");
  await element.locator('button[part="button"]').click();
  const summary = plain(await element.locator('[part="error"] p').textContent());
  expect(/^Korrigieren Sie \d+ Feld\(er\), um fortzufahren:$/.test(summary), `summary: ${summary}`);
  const postal = element.locator('input[name="postalCode"]');
  expect(
    (await postal.getAttribute("aria-invalid")) === "true",
    "the postal code is not marked invalid",
  );
  const describedBy = await postal.getAttribute("aria-describedby");
  const message = plain(await element.locator(`#${describedBy}`).textContent());
  expect(
    message === "Ungültige Postleitzahl (Frankreich: z. B. 75002).",
    `the postal code's message: ${message}`,
  );
  const city = plain(await element.locator("#e-city").textContent());
  expect(city === "Dieses Feld ist erforderlich.", `the city's message: ${city}`);
  expect(page.url().startsWith(SHOP), "the form went to the bank with errors");
  await expectAccessible(page, "the cart with field errors in German");
  await postal.fill("75002");
}

test("the minimal snippet on a page outside the demo pays on the v4 terminal", async ({ page }) => {
  // public/minimal.html: the script tag and two elements, no attribute but the endpoint, nothing of the demo.
  await page.goto(`${SHOP}/minimal.html`);
  await page.locator('sceau-add-to-cart button[part="button"]').click();
  const element = await quotedCart(page);
  // The v4 terminal needs a billing address (3-D Secure v2): the element asks for it by itself.
  await element.locator('input[name="addressLine1"]').waitFor();
  await fillBuyer(element);
  await expectAccessible(page, "the minimal snippet's cart");
  const order = await payAndCaptureOrder(page, element);
  await payWithCard(page, "visa");
  await page.locator("#ticket").waitFor();
  await eventually(
    async () => (await admin(`/orders/${order.reference}`)).order.status === "paid",
    "the snippet's order was not paid",
  );
});

for (const [lang, pay] of [
  ["en", /^Pay €\d/],
  ["de", /^\d+,\d\d € bezahlen$/],
]) {
  test(`the same purchase in ${lang.toUpperCase()}: elements and bank page in that language`, async ({
    page,
  }) => {
    await addToCart(page, ["CD-KIND-OF-BLUE"], { lang });
    await page.goto(`${SHOP}/panier.html`);
    const button = page.locator('sceau-checkout button[part="button"]');
    // The amount shows once the worker has priced the cart (the button reads "Pay by card" until then).
    await eventually(
      async () => pay.test(plain(await button.textContent())),
      `the pay button never showed a ${lang} label with the amount`,
    );
    if (lang === "de") await formErrorsInGerman(page);
    await checkout(page);
    expect(
      (await page.locator("html").getAttribute("lang"))?.toLowerCase().startsWith(lang),
      "bank page language",
    );
    await payWithCard(page, "visa");
    await page.locator("#ticket").waitFor();
    await backToShop(page);
    await orderStatus(page, "paid");
    const detail = await latestOrder();
    expect(detail.order.lang?.toLowerCase() === lang, `order language ${detail.order.lang}`);
  });
}

test(
  "on a phone-sized screen the purchase works and nothing overflows",
  async ({ page }) => {
    await addToCart(page, ["CD-GOLDBERG"]);
    await page.goto(`${SHOP}/panier.html`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth,
    );
    expect(!overflow, "the cart page scrolls sideways at 360 px");
    await checkout(page);
    await payWithCard(page, "mastercard");
    await page.locator("#ticket").waitFor();
    await backToShop(page);
    await orderStatus(page, "paid");
  },
  { viewport: { width: 360, height: 740 }, isMobile: true },
);

test("a webhook endpoint on a local server gets a signed order.paid within seconds, and the merchant an e-mail", async ({
  page,
  stack,
}) => {
  const receiver = await startReceiver();
  try {
    const { endpoint } = await admin("/webhook-endpoints", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: receiver.url, events: ["order.paid"] }),
    });
    expect(/^whsec_/.test(endpoint.secret), `secret ${endpoint.secret}`);
    await addToCart(page, ["CD-KIND-OF-BLUE"]);
    await checkout(page);
    await payWithCard(page, "visa");
    await page.locator("#ticket").waitFor();
    const shown = Date.now();
    const delivery = await eventually(
      () => receiver.received.find((r) => JSON.parse(r.body).type === "order.paid"),
      "no order.paid reached the receiver",
      10_000,
    );
    // Checked by the independent Standard Webhooks implementation, with the secret shown at creation.
    const event = new Webhook(endpoint.secret).verify(delivery.body, delivery.headers);
    const detail = await latestOrder();
    expect(event.data.order.reference === detail.order.reference, "not the paid order");
    expect(
      event.data.order.total === detail.order.total && event.data.order.status === "paid",
      "data",
    );
    expect(delivery.headers["webhook-id"] === event.id, "webhook-id is not the event's id");
    console.log(`    order.paid received ${delivery.at - shown} ms after the bank's ticket showed`);
    // wrangler dev writes what the send_email binding sends to a .eml file and logs its path.
    // Its headers and body are MIME-encoded: each file is read back before it is searched.
    const mail = await eventually(async () => {
      const paths = stack.lines.map((line) => /(\/\S+\.eml)\b/.exec(line)?.[1]).filter(Boolean);
      for (const path of paths) {
        const parsed = await PostalMime.parse(readFileSync(path));
        if (parsed.subject?.includes(detail.order.reference)) return parsed;
      }
      return undefined;
    }, "no e-mail for the paid order in the worker's log");
    expect(
      mail.subject?.startsWith(`Commande ${detail.order.reference} payée`),
      `subject ${mail.subject}`,
    );
    expect(mail.html?.includes(detail.order.reference) && mail.text?.includes("Montant"), "body");
  } finally {
    await receiver.close();
  }
});

await import("./merchant-orders.mjs");
process.exit((await runAll()) === 0 ? 0 : 1);
