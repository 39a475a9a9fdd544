import { expect } from "@open-wc/testing";
import { CheckoutError } from "../../errors.js";
import { blamedSku, errorKey, promoKey } from "./error-message.js";

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

describe("errorKey", () => {
  it("picks the text of each known failure, a server error for any other 5xx, else the generic one", () => {
    const key = (code: string, status?: number, name = "Mug") =>
      errorKey(new CheckoutError(code, "raw", { status }), name);
    expect(key("ERR_NETWORK")).to.equal("errNetwork");
    expect(key("ERR_PRODUCT_INACTIVE")).to.equal("errGone");
    expect(key("ERR_PRODUCT_INACTIVE", 422, "")).to.equal("errGeneric");
    expect(key("ERR_OUT_OF_STOCK", 409)).to.equal("errStock");
    expect(key("ERR_PRICE_CHANGED")).to.equal("errPrice");
    expect(key("ERR_RATE_LIMITED", 429)).to.equal("errRateLimited");
    expect(key("ERR_ORIGIN_NOT_ALLOWED", 403)).to.equal("errUnavailable");
    expect(key("ERR_BILLING_REQUIRED", 400)).to.equal("errFields");
    expect(key("ERR_INTERNAL", 500)).to.equal("errServer");
    expect(key("ERR_SOMETHING_NEW", 400)).to.equal("errGeneric");
  });
});

describe("promoKey", () => {
  it("gives each refused code its reason, and the minimum only when the worker says it", () => {
    const key = (code: string, minimum?: number) =>
      promoKey(
        new CheckoutError(code, "raw", { details: minimum === undefined ? {} : { minimum } }),
      );
    expect(key("ERR_PROMO_UNKNOWN")).to.equal("errPromoUnknown");
    expect(key("ERR_PROMO_EXPIRED")).to.equal("errPromoExpired");
    expect(key("ERR_PROMO_NOT_STARTED")).to.equal("errPromoNotStarted");
    expect(key("ERR_PROMO_EXHAUSTED")).to.equal("errPromoExhausted");
    expect(key("ERR_PROMO_MINIMUM", 5000)).to.equal("errPromoMinimum");
    expect(key("ERR_PROMO_MINIMUM")).to.equal("errPromo");
    expect(key("ERR_PROMO_SOMETHING_NEW")).to.equal("errPromo");
    expect(key("ERR_NETWORK")).to.equal(undefined);
  });
});
