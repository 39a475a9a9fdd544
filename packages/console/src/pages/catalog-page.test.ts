import { expect, fixture, html } from "@open-wc/testing";
import type { Product } from "../api/types.js";
import { PRODUCTS } from "../testing/fixtures.js";
import { $, $$, axeViolations, fakeApi, textOf, until } from "../testing/helpers.js";
import "./catalog-page.js";
import type { SceauCatalogPage } from "./catalog-page.js";
import type { SceauProductPage } from "./product-page.js";

function worker() {
  return fakeApi({
    "GET /products": { json: { products: PRODUCTS } },
    ...Object.fromEntries(
      ["CD-KIND-OF-BLUE", "CD-EPUISE", "OBI-KYOTO", "NEW-SKU"].map((sku) => [
        `PUT /products/${sku}`,
        (call: { body: unknown }) => ({ json: { product: { sku, ...(call.body as object) } } }),
      ]),
    ),
    "PUT /products/BAD-PRICE": {
      status: 400,
      json: {
        error: {
          code: "ERR_PRODUCT_INVALID",
          message: "unitAmount must be a positive integer in minor units.",
          field: "unitAmount",
        },
      },
    },
  });
}

async function productPage(sku: string | null) {
  const { api, calls } = worker();
  const el = await fixture<SceauProductPage>(
    html`<sceau-product-page .api=${api} .sku=${sku}></sceau-product-page>`,
  );
  await until(() => el.shadowRoot?.querySelector("form"), "the form");
  return { el, calls };
}

function setField(el: SceauProductPage, name: string, value: string) {
  const field = $<HTMLInputElement>(el, `[name="${name}"]`);
  field.value = value;
  field.dispatchEvent(new InputEvent("input"));
}

async function save(el: SceauProductPage) {
  $<HTMLFormElement>(el, "form").requestSubmit();
  await el.updateComplete;
}

describe("sceau-catalog-page", () => {
  afterEach(() => history.replaceState(null, "", location.pathname + location.search));

  it("lists every product with its price in its own currency", async () => {
    const { api } = worker();
    const el = await fixture<SceauCatalogPage>(
      html`<sceau-catalog-page .api=${api}></sceau-catalog-page>`,
    );
    await until(() => el.shadowRoot?.querySelector("tbody tr"), "the products");
    expect(
      $$(el, "tbody tr").map((r) => r.textContent?.replace(/[ \n]+/g, " ").trim()),
    ).to.deep.equal([
      "Miles Davis — Kind of Blue CD-KIND-OF-BLUE 14,99\u00a0€ non En vente Modifier Désactiver",
      "Barbara — Live à Pantin CD-EPUISE 18,90\u00a0€ non Désactivé Modifier Réactiver",
      `Obi de Kyoto OBI-KYOTO ${new Intl.NumberFormat("fr-FR", { style: "currency", currency: "JPY" }).format(1500)} jusqu'à 4 fois En vente Modifier Désactiver`,
    ]);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it("deactivates a product keeping everything else", async () => {
    const { api, calls } = worker();
    const el = await fixture<SceauCatalogPage>(
      html`<sceau-catalog-page .api=${api}></sceau-catalog-page>`,
    );
    await until(() => el.shadowRoot?.querySelector("tbody tr"), "the products");
    $<HTMLButtonElement>(el, "tbody tr button").click();
    await until(() => textOf(el, "[role=status]"), "the confirmation");
    const { sku, ...fields } = PRODUCTS[0] as Product;
    expect(calls.at(-1)).to.deep.include({ method: "PUT", path: `/products/${sku}` });
    expect(calls.at(-1)?.body).to.deep.equal({ ...fields, active: false });
    expect(textOf(el, "[role=status]")).to.equal(
      "« Miles Davis — Kind of Blue » est désactivé : il n'est plus en vente.",
    );
    expect(textOf(el, "tbody tr")).to.include("Réactiver");
  });
});

describe("sceau-product-page", () => {
  afterEach(() => history.replaceState(null, "", location.pathname + location.search));

  it("creates a product with its price typed in its currency's decimals", async () => {
    const { el, calls } = await productPage(null);
    setField(el, "sku", "NEW-SKU");
    setField(el, "name", "  Nouveau coffret ");
    setField(el, "price", "12,50");
    await save(el);
    await until(() => calls.length === 1, "the save");
    expect(calls[0]?.body).to.deep.equal({
      name: "Nouveau coffret",
      description: "",
      unitAmount: 1250,
      currency: "EUR",
      maxInstalments: 1,
      active: true,
    });
    await until(() => location.hash === "#/catalog/NEW-SKU", "the product's address");
  });

  it("edits a JPY price in whole yen and refuses decimals there", async () => {
    const { el, calls } = await productPage("OBI-KYOTO");
    expect($<HTMLInputElement>(el, '[name="price"]').value).to.equal("1500");
    setField(el, "price", "15,5");
    await save(el);
    expect(textOf(el, "#price-error")).to.equal(
      "JPY n'a pas de décimales : écrivez un nombre entier.",
    );
    const puts = () => calls.filter((c) => c.method === "PUT");
    expect(puts()).to.have.length(0);
    setField(el, "price", "1 800");
    await save(el);
    await until(() => puts().length === 1, "the save");
    expect((puts()[0]?.body as Product | undefined)?.unitAmount).to.equal(1800);
    expect($$(el, '[name="sku"]')).to.have.length(0);
  });

  it("checks the sku and the currency before sending, and shows the worker's refusal at its field", async () => {
    const { el, calls } = await productPage(null);
    setField(el, "sku", "bad sku*");
    setField(el, "name", "X");
    setField(el, "price", "1");
    setField(el, "currency", "EURO");
    await save(el);
    expect($(el, '[name="sku"]').getAttribute("aria-invalid")).to.equal("true");
    expect($(el, '[name="currency"]').getAttribute("aria-invalid")).to.equal("true");
    expect(calls).to.have.length(0);
    setField(el, "sku", "BAD-PRICE");
    setField(el, "currency", "eur");
    await save(el);
    await until(() => el.shadowRoot?.querySelector("#price-error"), "the worker's refusal");
    expect(textOf(el, "#price-error")).to.equal(
      "Erreur ERR_PRODUCT_INVALID : unitAmount must be a positive integer in minor units.",
    );
    expect((calls[0]?.body as Product | undefined)?.currency).to.equal("EUR");
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
