import { expect } from "@open-wc/testing";
import { CheckoutError } from "../errors.js";
import { apiUrl, createCheckout, fetchOrder, fetchProducts, fetchQuote } from "./client.js";

const BILLING = { addressLine1: "1 rue X", postalCode: "75002", city: "Paris", country: "FR" };

async function rejection(promise: Promise<unknown>): Promise<CheckoutError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CheckoutError);
    return error as CheckoutError;
  }
  throw new Error("expected a rejection");
}

describe("api client", () => {
  it("joins the endpoint and path with or without a trailing slash", () => {
    expect(apiUrl("https://pay.example/", "/api/quote")).to.equal("https://pay.example/api/quote");
    expect(apiUrl("", "/api/quote")).to.equal("/api/quote");
  });

  it("fetches a quote with the contract's breakdown", async () => {
    const quote = await fetchQuote("/mock/split", {
      items: [{ sku: "MUG", quantity: 2 }],
      instalments: 2,
      shipping: { country: "BE" },
    });
    expect(quote).to.deep.equal({
      currency: "EUR",
      lines: [
        {
          sku: "MUG",
          name: "Mug",
          quantity: 2,
          unitAmount: 1200,
          amount: 2400,
          vatRate: 2000,
          ships: true,
        },
      ],
      subtotal: 2400,
      shipping: { method: "europe", name: "Colissimo Europe", amount: 1290 },
      shippingMethods: [{ method: "europe", name: "Colissimo Europe", amount: 1290 }],
      discount: null,
      vat: [{ rate: 2000, net: 3075, amount: 615 }],
      total: 3690,
      instalmentOptions: [2, 3, 4],
      schedule: [
        { date: "2026-11-26", amount: 1845 },
        { date: "2026-12-26", amount: 1845 },
      ],
      requirements: { email: "none", billing: true, shippingAddress: true, phone: false },
    });
  });

  it("reads the numbers a worker error carries, inside the error or next to it", async () => {
    const promo = await rejection(
      fetchQuote("/mock/ok", { items: [{ sku: "MUG", quantity: 1 }], promoCode: "MIN50" }),
    );
    expect(promo.code).to.equal("ERR_PROMO_MINIMUM");
    expect(promo.field).to.equal("promoCode");
    expect(promo.details).to.deep.equal({ minimum: 5000 });
    const stock = await rejection(
      fetchQuote("/mock/ok", { items: [{ sku: "LIMITED", quantity: 5 }] }),
    );
    expect(stock.details).to.deep.equal({ available: 2 });
    const limited = await rejection(
      createCheckout("/mock/rate-limited", {
        items: [{ sku: "EBOOK", quantity: 1 }],
        billing: BILLING,
      }),
    );
    expect(limited.code).to.equal("ERR_RATE_LIMITED");
    expect(limited.details).to.deep.equal({ retryAfter: 120 });
  });

  it("asks for the products once per endpoint however many elements ask", async () => {
    const spy: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      spy.push(String(input));
      return original(input, init);
    };
    try {
      const [a, b] = await Promise.all([fetchProducts("/mock/ok"), fetchProducts("/mock/ok")]);
      expect(a).to.equal(b);
      expect(a.find((p) => p.sku === "GONE")?.available).to.equal(0);
      expect(a.find((p) => p.sku === "MUG")?.available).to.equal(undefined);
      expect(spy.filter((u) => u.endsWith("/mock/ok/api/products"))).to.have.length(1);
    } finally {
      window.fetch = original;
    }
  });

  it("creates a checkout", async () => {
    const { order, form } = await createCheckout("/mock/ok", {
      items: [{ sku: "EBOOK", quantity: 1 }],
      lang: "EN",
      billing: BILLING,
    });
    expect(order).to.deep.equal({
      reference: "REF000000001",
      token: "tok",
      status: "pending",
      total: 800,
      currency: "EUR",
    });
    expect(form.method).to.equal("POST");
    expect(form.fields.lgue).to.equal("EN");
  });

  it("reads an order", async () => {
    expect(await fetchOrder("/mock/ok", "PAID9", "tok")).to.deep.include({
      reference: "PAID9",
      status: "paid",
    });
  });

  it("turns a network failure into ERR_NETWORK", async () => {
    const error = await rejection(
      fetchQuote("http://127.0.0.1:9", { items: [{ sku: "MUG", quantity: 1 }] }),
    );
    expect(error.code).to.equal("ERR_NETWORK");
    expect(error.status).to.equal(undefined);
  });

  it("passes the worker's error code, field and status through", async () => {
    const error = await rejection(
      fetchQuote("/mock/ok", {
        items: [
          { sku: "MUG", quantity: 1 },
          { sku: "NOPE", quantity: 1 },
        ],
      }),
    );
    expect(error.code).to.equal("ERR_PRODUCT_UNKNOWN");
    expect(error.field).to.equal("items[1].sku");
    expect(error.status).to.equal(422);
    expect(error.name).to.equal("CheckoutError");
  });

  it("reports an error response without a JSON body as ERR_SERVER", async () => {
    const error = await rejection(
      fetchQuote("/mock/server-error", { items: [{ sku: "MUG", quantity: 1 }] }),
    );
    expect(error.code).to.equal("ERR_SERVER");
    expect(error.status).to.equal(502);
  });

  it("rejects a 2xx answer that is not JSON, or JSON of the wrong shape, with ERR_RESPONSE_INVALID", async () => {
    const original = window.fetch;
    const bodies = [
      "<!doctype html><h1>Welcome to nginx</h1>",
      '{"currency":"EUR","total":"12.00","lines":[]}',
      '{"currency":"EUR","total":1200,"lines":[],"shipping":{"method":"x","amount":4.9}}',
      '{"currency":"EUR","total":1200,"lines":[],"vat":[{"rate":"20%","amount":200}]}',
      '{"currency":"EUR","total":1200,"lines":[],"shippingMethods":[{"amount":490}]}',
    ];
    try {
      for (const body of bodies) {
        window.fetch = async () => new Response(body, { status: 200 });
        const invalid = await rejection(
          fetchQuote("/mock/ok", { items: [{ sku: "MUG", quantity: 1 }] }),
        );
        expect([invalid.code, invalid.status], body).to.deep.equal(["ERR_RESPONSE_INVALID", 200]);
      }
    } finally {
      window.fetch = original;
    }
  });

  it("lets an abort through as an AbortError", async () => {
    const controller = new AbortController();
    const promise = fetchQuote(
      "/mock/slow",
      { items: [{ sku: "MUG", quantity: 1 }] },
      controller.signal,
    );
    controller.abort();
    try {
      await promise;
      throw new Error("expected an abort");
    } catch (error) {
      expect((error as Error).name).to.equal("AbortError");
    }
  });
});
