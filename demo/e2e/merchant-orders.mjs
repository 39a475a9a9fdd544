// Orders the merchant creates (issue 19): a phone order keyed on the bank's page from the console, and a
// payment link the buyer opens in a browser of their own. Registered by run.mjs.
import { wrangler } from "../scripts/stack.mjs";
import { cspViolations, expectAccessible, signIn, watchCsp } from "./console.mjs";
import { admin, BANK, eventually, expect, test, WORKER } from "./harness.mjs";
import { payWithCard } from "./shop.mjs";

const BILLING = { addressLine1: "18 rue de l'Adresse", city: "Paris", postalCode: "75002" };

/** Fills the console's new-order form for a free amount and creates the order. */
async function createInConsole(page, channel, { description, amount }) {
  await page.locator('sceau-console nav a[href="#/orders"]').click();
  const label =
    channel === "phone" ? "Nouvelle commande par téléphone" : "Nouveau lien de paiement";
  await page.locator("sceau-orders-page a.button").filter({ hasText: label }).click();
  const form = page.locator("sceau-new-order-page form.order");
  await form.locator('[name="description"]').fill(description);
  await form.locator('[name="amount"]').fill(amount);
  await form.locator('[name="operator"]').fill("Claire");
  for (const [name, value] of Object.entries(BILLING)) {
    await form.locator(`[name="${name}"]`).fill(value);
  }
  await form.locator('button[type="submit"]').click();
  const heading = await page.locator("sceau-new-order-page #created").textContent();
  const reference = /Commande ([A-Z0-9]+) créée/.exec(heading ?? "")?.[1];
  expect(reference, `no order created: ${heading}`);
  return reference;
}

test("merchant orders: a phone order keyed on the bank's page from the console ends paid, with no 3-D Secure challenge", async ({
  page,
  consoleErrors,
}) => {
  await watchCsp(page);
  await signIn(page);
  const reference = await createInConsole(page, "phone", {
    description: "Commande téléphone <Mme Durand> & fils",
    amount: "58,90",
  });
  await expectAccessible(page, "the new phone order");
  // The console posts the sealed form itself: its policy lets forms go to the bank only.
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(BANK)),
    page.locator("sceau-new-order-page #bank-form button").click(),
  ]);
  // The 3-D Secure test card meets the challenge in the shop; keyed by the merchant, it is paid at once.
  await payWithCard(page, "3ds");
  await page.locator("#ticket").waitFor();
  const { order, notifications } = await eventually(async () => {
    const detail = await admin(`/orders/${reference}`);
    return detail.order.status === "paid" && detail;
  }, "the phone order was not paid");
  expect(order.total === 5890 && order.channel === "phone", JSON.stringify(order));
  const retour = notifications.find((n) => /^(payetest|paiement)$/.test(n.codeRetour ?? ""));
  const auth = JSON.parse(atob(retour?.fields.authentification ?? "bnVsbAo="));
  expect(
    retour?.fields.statutdebrayageauthentification === "1" && auth?.status === "disabled",
    `3-D Secure: ${JSON.stringify(retour?.fields)}`,
  );
  // The ticket leads back to the order in the console, where the merchant is still signed in.
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(WORKER)),
    page.locator("#back").click(),
  ]);
  await page.locator("sceau-order-page .heading").filter({ hasText: "Payée" }).waitFor();
  const origin = await page.locator("sceau-order-origin #origin").textContent();
  expect(/Téléphone/.test(origin ?? "") && /Claire/.test(origin ?? ""), `origin: ${origin}`);
  expect(
    (await cspViolations(page)).length === 0,
    `CSP: ${(await cspViolations(page)).join(", ")}`,
  );
  expect(consoleErrors.length === 0, `page errors: ${consoleErrors.join(" | ")}`);
});

test("merchant orders: a payment link opened in a fresh browser, with no shop page, pays; the console sees it opened", async ({
  page,
  context,
}) => {
  await signIn(page);
  const reference = await createInConsole(page, "link", {
    description: "Facture 2026-114",
    amount: "45",
  });
  const payUrl = await page.locator("sceau-new-order-page #pay-url").inputValue();
  expect(payUrl.startsWith(`${WORKER}/pay/${reference}?token=`), payUrl);

  const buyer = await context.browser().newContext({ locale: "de-DE" });
  try {
    const tab = await buyer.newPage();
    await watchCsp(tab);
    const response = await tab.goto(payUrl);
    expect(response?.status() === 200, `link: HTTP ${response?.status()}`);
    expect((await tab.locator("html").getAttribute("lang")) === "de", "the page is not in German");
    await tab.locator('a[hreflang="fr"]').click();
    await tab.locator("text=La boutique du CD").first().waitFor();
    await tab.locator("text=Facture 2026-114").waitFor();
    expect((await tab.locator("tfoot").textContent())?.includes("45,00"), "the amount");
    await expectAccessible(tab, "the payment link's page");
    await Promise.all([
      tab.waitForURL((url) => url.href.startsWith(BANK)),
      tab.getByRole("button", { name: "Payer par carte bancaire" }).click(),
    ]);
    await payWithCard(tab, "refused");
    await tab.locator("#retry").waitFor();
    // Refused: back on the link, the buyer tries again on the same order.
    await Promise.all([
      tab.waitForURL((url) => url.href.startsWith(WORKER)),
      tab.locator("#back").click(),
    ]);
    await Promise.all([
      tab.waitForURL((url) => url.href.startsWith(BANK)),
      tab.getByRole("button", { name: "Payer par carte bancaire" }).click(),
    ]);
    await payWithCard(tab, "visa");
    await tab.locator("#ticket").waitFor();
    await Promise.all([
      tab.waitForURL((url) => url.href.startsWith(WORKER)),
      tab.locator("#back").click(),
    ]);
    await tab.locator("text=Cette commande est payée").waitFor({ timeout: 20_000 });
    expect((await tab.locator("form").count()) === 0, "a paid link still offers to pay");
    expect(
      (await cspViolations(tab)).length === 0,
      `CSP: ${(await cspViolations(tab)).join(", ")}`,
    );
  } finally {
    await buyer.close();
  }
  const { order, events } = await admin(`/orders/${reference}`);
  expect(order.status === "paid" && order.link.openedAt, JSON.stringify(order));
  expect(
    JSON.stringify(events.map((e) => e.kind)) ===
      JSON.stringify(["created", "link-opened", "refused", "paid"]),
    `events: ${JSON.stringify(events.map((e) => e.kind))}`,
  );
  await page.goto(`${WORKER}/admin/#/orders/${reference}`);
  await page.locator("sceau-order-page .heading").filter({ hasText: "Payée" }).waitFor();
  const origin = await page.locator("sceau-order-origin #origin").textContent();
  expect(/Lien ouvert par l'acheteur le\s*\d/.test(origin ?? ""), `origin: ${origin}`);
});

test("merchant orders: an expired payment link shows a clear page and nothing to pay", async ({
  page,
  stack,
}) => {
  const { order, payUrl } = await admin("/orders", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      channel: "link",
      amount: 1200,
      currency: "EUR",
      description: "Acompte",
      billing: { ...BILLING, country: "FR" },
    }),
  });
  // A week later, as far as the order is concerned.
  wrangler([
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    stack.state,
    "--command",
    `UPDATE orders SET link_expires_at = '2020-01-01T00:00:00.000Z' WHERE reference = '${order.reference}'`,
  ]);
  const response = await page.goto(payUrl);
  expect(response?.status() === 410, `expired link: HTTP ${response?.status()}`);
  await page
    .locator("text=Ce lien de paiement a expiré. Demandez-en un nouveau à La boutique du CD.")
    .waitFor();
  expect((await page.locator("form").count()) === 0, "an expired link offers to pay");
  await expectAccessible(page, "the expired link's page");
});
