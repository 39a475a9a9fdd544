import { expect } from "@open-wc/testing";
import { CheckoutError } from "../errors.js";
import { apiUrl, createCheckout, fetchOrder, fetchQuote } from "./client.js";

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

  it("fetches a quote", async () => {
    const quote = await fetchQuote("/mock/ok", [{ sku: "MUG", quantity: 2 }], { instalments: 2 });
    expect(quote).to.deep.equal({
      currency: "EUR",
      total: 2400,
      lines: [{ sku: "MUG", name: "Mug", quantity: 2, unitAmount: 1200, amount: 2400 }],
      schedule: [
        { date: "2026-11-26", amount: 1200 },
        { date: "2026-12-26", amount: 1200 },
      ],
    });
  });

  it("creates a checkout", async () => {
    const { order, form } = await createCheckout("/mock/ok", {
      items: [{ sku: "MUG", quantity: 1 }],
      lang: "EN",
    });
    expect(order).to.deep.equal({
      reference: "REF000000001",
      token: "tok",
      status: "pending",
      total: 1200,
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
    const error = await rejection(fetchQuote("http://127.0.0.1:9", [{ sku: "MUG", quantity: 1 }]));
    expect(error.code).to.equal("ERR_NETWORK");
    expect(error.status).to.equal(undefined);
  });

  it("passes the worker's error code, field and status through", async () => {
    const error = await rejection(
      fetchQuote("/mock/ok", [
        { sku: "MUG", quantity: 1 },
        { sku: "NOPE", quantity: 1 },
      ]),
    );
    expect(error.code).to.equal("ERR_PRODUCT_UNKNOWN");
    expect(error.field).to.equal("items[1].sku");
    expect(error.status).to.equal(422);
    expect(error.name).to.equal("CheckoutError");
  });

  it("reports an error response without a JSON body as ERR_SERVER", async () => {
    const error = await rejection(fetchQuote("/mock/server-error", [{ sku: "MUG", quantity: 1 }]));
    expect(error.code).to.equal("ERR_SERVER");
    expect(error.status).to.equal(502);
  });

  it("rejects a 2xx answer that is not JSON, or JSON of the wrong shape, with ERR_RESPONSE_INVALID", async () => {
    const original = window.fetch;
    try {
      for (const body of [
        "<!doctype html><h1>Welcome to nginx</h1>",
        '{"currency":"EUR","total":"12.00","lines":[]}',
      ]) {
        window.fetch = async () => new Response(body, { status: 200 });
        const error = await rejection(fetchQuote("/mock/ok", [{ sku: "MUG", quantity: 1 }]));
        expect([error.code, error.status]).to.deep.equal(["ERR_RESPONSE_INVALID", 200]);
      }
    } finally {
      window.fetch = original;
    }
  });

  it("lets an abort through as an AbortError", async () => {
    const controller = new AbortController();
    const promise = fetchQuote("/mock/slow", [{ sku: "MUG", quantity: 1 }], {
      signal: controller.signal,
    });
    controller.abort();
    try {
      await promise;
      throw new Error("expected an abort");
    } catch (error) {
      expect((error as Error).name).to.equal("AbortError");
    }
  });
});
