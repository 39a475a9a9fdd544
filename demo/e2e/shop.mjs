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

/** Opens the cart page and fills the buyer's address and the terms checkbox. */
export async function fillCart(page, { instalments } = {}) {
  await page.goto(`${SHOP}/panier.html`);
  const element = page.locator("sceau-checkout");
  // The element pays only a total the buyer has seen: wait for the quote ("…" until it arrives).
  await element.locator('p[part="total"] strong').filter({ hasNotText: "…" }).waitFor();
  if (instalments) {
    const choice = element
      .locator('fieldset[part="instalments"] label')
      .filter({ hasText: String(instalments) });
    await choice.locator('input[name="split"]').check();
  }
  await element.locator('input[name="addressLine1"]').fill("18 rue de l'Adresse");
  await element.locator('input[name="postalCode"]').fill("75002");
  await element.locator('input[name="city"]').fill("Paris");
  await element.locator('input[name="terms"]').check();
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

/** The order status element's state once it settles on `wanted`. */
export async function orderStatus(page, wanted) {
  await page.locator(`sceau-order-status[status="${wanted}"]`).waitFor({ timeout: 20_000 });
  return page.locator('sceau-order-status p[part="message"]').textContent();
}

/** The cart as stored in the page's origin. */
export function storedCart(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem("sceau-cart") ?? "null"));
}
