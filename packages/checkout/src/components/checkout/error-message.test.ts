import { expect } from "@open-wc/testing";
import { CheckoutError } from "../../errors.js";
import { messagesOf } from "../../lang/index.js";
import { blamedSku, errorMessage } from "./error-message.js";

const items = [
  { sku: "MUG", quantity: 1 },
  { sku: "TSHIRT", quantity: 2 },
];

describe("blamedSku", () => {
  it("finds the line from items[i].sku, items.i or the SKU itself", () => {
    expect(
      blamedSku(new CheckoutError("ERR_PRODUCT_UNKNOWN", "", { field: "items[1].sku" }), items),
    ).to.equal("TSHIRT");
    expect(
      blamedSku(new CheckoutError("ERR_PRODUCT_UNKNOWN", "", { field: "items.0" }), items),
    ).to.equal("MUG");
    expect(
      blamedSku(new CheckoutError("ERR_PRODUCT_UNKNOWN", "", { field: "TSHIRT" }), items),
    ).to.equal("TSHIRT");
    expect(
      blamedSku(new CheckoutError("ERR_PRODUCT_UNKNOWN", "", { field: "email" }), items),
    ).to.equal(undefined);
    expect(blamedSku(undefined, items)).to.equal(undefined);
  });
});

describe("errorMessage", () => {
  it("localises the known codes and falls back to a generic message", () => {
    const en = messagesOf("en");
    const message = (code: string) => errorMessage(new CheckoutError(code, "raw"), en, "Mug");
    expect(message("ERR_NETWORK")).to.equal(en.errNetwork);
    expect(message("ERR_PRODUCT_INACTIVE")).to.equal("“Mug” is no longer available.");
    expect(message("ERR_PRICE_CHANGED")).to.equal(en.errPrice);
    expect(message("ERR_QUANTITY_INVALID")).to.equal(en.errQuantity);
    expect(message("ERR_SOMETHING_NEW")).to.equal(en.errGeneric);
  });
});
