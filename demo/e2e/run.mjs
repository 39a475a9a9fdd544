#!/usr/bin/env node
// End-to-end purchases through the real stack: storefront (Vite preview of the built site), worker under
// `wrangler dev` with a local D1, and the bank sandbox, driven in Debian's Chromium by playwright-core.
import { readFileSync } from "node:fs";
import PostalMime from "postal-mime";
import { Webhook } from "standardwebhooks";
import { referenceMac } from "../../packages/protocol/test/reference-seal.mjs";
import { runWorkerSchedule, terminalVars } from "../scripts/stack.mjs";
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
import { admin, BANK, bank, eventually, expect, runAll, SHOP, test } from "./harness.mjs";
import { startReceiver } from "./receiver.mjs";
import {
  addToCart,
  backToShop,
  checkout,
  fillCart,
  orderStatus,
  payWithCard,
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
  const posted = page.waitForRequest(
    (r) => r.url().endsWith("/paiement.cgi") && r.method() === "POST",
  );
  await checkout(page);
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
  await orderStatus(page, "paid");
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
});

test("buyer cancels on the bank page: back on the shop, not paid, cart kept", async ({ page }) => {
  await addToCart(page, ["CD-KIND-OF-BLUE"]);
  await checkout(page);
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(SHOP)),
    page.locator("#cancel").click(),
  ]);
  const cart = await storedCart(page);
  expect(cart?.items?.length === 1, `the cart was not kept: ${JSON.stringify(cart)}`);
  const detail = await latestOrder();
  expect(detail.order.status === "pending", `order status ${detail.order.status}`);
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

for (const [lang, pay] of [
  ["en", "Pay by card"],
  ["de", "Mit Karte bezahlen"],
]) {
  test(`the same purchase in ${lang.toUpperCase()}: elements and bank page in that language`, async ({
    page,
  }) => {
    await addToCart(page, ["CD-KIND-OF-BLUE"], { lang });
    await page.goto(`${SHOP}/panier.html`);
    const button = page.locator('sceau-checkout button[part="button"]');
    const label = (await button.textContent())?.trim();
    expect(label === pay, `pay button reads ${label}`);
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
    expect(mail.html?.includes(detail.order.reference) && mail.text?.includes("Client"), "body");
  } finally {
    await receiver.close();
  }
});

await import("./merchant-orders.mjs");
process.exit((await runAll()) === 0 ? 0 : 1);
