import { expect } from "@open-wc/testing";
import { href, parseRoute, sectionOf } from "./routes.js";

describe("routes", () => {
  it("reads every page from the address", () => {
    expect(parseRoute("")).to.deep.equal({ page: "home" });
    expect(parseRoute("#/")).to.deep.equal({ page: "home" });
    const orders = parseRoute("#/orders?status=paid&from=");
    expect(orders.page).to.equal("orders");
    expect(orders.page === "orders" && orders.query.toString()).to.equal("status=paid&from=");
    expect(parseRoute("#/orders/ABC123")).to.deep.equal({ page: "order", reference: "ABC123" });
    expect(parseRoute("#/orders/new?channel=link")).to.deep.equal({
      page: "new-order",
      channel: "link",
    });
    expect(parseRoute("#/orders/new")).to.deep.equal({ page: "new-order", channel: "phone" });
    expect(parseRoute("#/catalog/new")).to.deep.equal({ page: "product", sku: null });
    expect(parseRoute("#/catalog/CD%2FX")).to.deep.equal({ page: "product", sku: "CD/X" });
    expect(parseRoute("#/settings")).to.deep.equal({ page: "settings" });
    for (const unknown of ["#/nope", "#/settings/x", "#/orders/A/B", "#main"]) {
      expect(parseRoute(unknown), unknown).to.deep.equal({ page: "not-found" });
    }
  });

  it("writes addresses and knows each page's section", () => {
    expect(href("orders", { status: "paid" })).to.equal("#/orders?status=paid");
    expect(href("")).to.equal("#/");
    expect(sectionOf({ page: "order", reference: "X" })).to.equal("orders");
    expect(sectionOf({ page: "product", sku: null })).to.equal("catalog");
    expect(sectionOf({ page: "new-order", channel: "phone" })).to.equal("orders");
  });
});
