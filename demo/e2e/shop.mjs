// What a buyer does in the storefront and on the bank's page, as Playwright steps.
import { BANK, bank, eventually, expect, SHOP } from "./harness.mjs";

/** Adds each sku to the cart from the catalogue page. */
export async function addToCart(page, skus, { lang } = {}) {
  await page.goto(`${SHOP}/index.html${lang ? `?lang=${lang}` : ""}`);
  for (const sku of skus) {
    await page.locator(`sceau-add-to-cart[sku="${sku}"] button[part="button"]`).click();
  }
  await eventually(
    async () =>
      (await page.evaluate(() => JSON.parse(localStorage.getItem("sceau-cart") ?? "null"))) !==
      null,
    "the cart was not stored",
  );
}

/** What a buyer types in each field `<sceau-checkout>` may show (shipping fields take the same). */
export const BUYER = {
  email: "marie.curie@example.fr",
  firstName: "Marie",
  lastName: "Curie",
  addressLine1: "18 rue de l'Adresse",
  postalCode: "75002",
  city: "Paris",
  phone: "06 12 34 56 78",
};

/** Fills every buyer field the checkout element shows (those the worker asked for), and ticks the terms. */
export async function fillBuyer(element, values = {}) {
  for (const input of await element.locator('form[part="form"] input[part="input"]').all()) {
    const name = await input.getAttribute("name");
    const value = values[name] ?? BUYER[name] ?? BUYER[name?.replace(/^shipping-/, "")];
    if (value !== undefined && (await input.inputValue()) === "") await input.fill(value);
  }
  const terms = element.locator('input[name="terms"]');
  if ((await terms.count()) > 0) await terms.check();
}

/** The cart element once quoted: the pay button shows the amount the worker priced. */
export async function quotedCart(page) {
  const element = page.locator("sceau-checkout");
  await element.locator('button[part="button"][aria-disabled="false"]').waitFor();
  return element;
}

/** Opens the cart page and fills the buyer's fields and the terms checkbox. */
export async function fillCart(page, { instalments } = {}) {
  await page.goto(`${SHOP}/panier.html`);
  const element = await quotedCart(page);
  if (instalments) {
    const choice = element
      .locator('fieldset[part="instalments"] label')
      .filter({ hasText: String(instalments) });
    await choice.locator('input[name="split"]').check();
    await quotedCart(page);
  }
  await fillBuyer(element);
  return element;
}

/** Fills the cart page and presses the pay button; resolves on the bank's page. */
export async function checkout(page, options = {}) {
  const element = await fillCart(page, options);
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(BANK), { timeout: 15_000 }),
    element.locator('button[part="button"]').click(),
  ]);
}

/** Fills the bank's card form with a test card (by the TEST panel's fill link) and submits it. */
export async function payWithCard(page, cardId) {
  const card = (await bank("/cards")).find((c) => c.id === cardId);
  await page.locator(`#test-cards a[href*="fill=${cardId}"]`).click();
  await page.locator("#numero").waitFor();
  const filled = (await page.locator("#numero").inputValue()).replace(/\s/g, "");
  expect(filled === card?.number, `the ${cardId} card filled ${filled}, not ${card?.number}`);
  await page
    .locator('form#card-form button[type="submit"], form button[type="submit"]')
    .first()
    .click();
}

/** Follows the ticket's link back to the shop. */
export async function backToShop(page) {
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(SHOP)),
    page.locator("#back").click(),
  ]);
}

/** The order status element's state once it settles on `wanted`: what the buyer reads. */
export async function orderStatus(page, wanted) {
  const element = page.locator(`sceau-order-status[status="${wanted}"]`);
  await element.waitFor({ timeout: 20_000 });
  const text = async (selector) =>
    (await element.locator(selector).first().textContent())?.replace(/\s+/g, " ").trim();
  return {
    title: await text('[part="title"]'),
    message: await text('[part="message"]'),
    element,
  };
}

/** Text as the buyer reads it: single spaces, no narrow or non-breaking ones. */
export function plain(text) {
  return String(text ?? "")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The cart as stored in the page's origin. */
export function storedCart(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem("sceau-cart") ?? "null"));
}

/** The order `<sceau-checkout>` creates when the pay button is pressed: `{ reference, token, total }`. */
export async function payAndCaptureOrder(page, element) {
  // The worker's answer passes through unchanged; its body is read here, before the page navigates away.
  let order;
  await page.route("**/api/checkout", async (route) => {
    const response = await route.fetch();
    if (response.status() === 201) order = (await response.json()).order;
    await route.fulfill({ response });
  });
  await Promise.all([
    page.waitForURL((url) => url.href.startsWith(BANK), { timeout: 15_000 }),
    element.locator('button[part="button"]').click(),
  ]);
  await page.unroute("**/api/checkout");
  expect(order?.reference, "no order was created");
  return order;
}
