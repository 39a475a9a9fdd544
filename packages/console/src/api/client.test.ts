import { expect } from "@open-wc/testing";
import { fakeWorker } from "../testing/helpers.js";
import { AdminApi } from "./client.js";
import { ConsoleError } from "./errors.js";

async function failure(promise: Promise<unknown>): Promise<ConsoleError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConsoleError) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("AdminApi", () => {
  it("sends the token as a bearer, same origin, with the query and JSON body", async () => {
    const { fetch, calls } = fakeWorker({
      "GET /orders": { json: { orders: [], nextCursor: null } },
      "POST /orders/ABC/capture": { json: { operation: {}, order: {} } },
    });
    const api = new AdminApi({ token: "t0k3n", fetch });
    await api.orders({ status: "paid", email: undefined });
    await api.operate("ABC", "capture", 1250);
    expect(calls[0]?.headers.get("Authorization")).to.equal("Bearer t0k3n");
    expect(calls[0]?.query.toString()).to.equal("status=paid");
    expect(calls[1]?.body).to.deep.equal({ amount: 1250 });
    expect(calls[1]?.headers.get("Content-Type")).to.equal("application/json");
  });

  it("turns the worker's error answers into ConsoleError with its code, status and field", async () => {
    const unauthorized: string[] = [];
    const { fetch } = fakeWorker({
      "GET /settings": {
        status: 401,
        json: { error: { code: "ERR_UNAUTHORIZED", message: "no" } },
      },
      "GET /totals": {
        status: 400,
        json: { error: { code: "ERR_FILTER_INVALID", message: "bad", field: "status" } },
      },
      "GET /stats": { status: 502, text: "<html>Bad gateway</html>" },
    });
    const api = new AdminApi({ token: "x", fetch, onUnauthorized: () => unauthorized.push("401") });
    const denied = await failure(api.settings());
    expect([denied.code, denied.status]).to.deep.equal(["ERR_UNAUTHORIZED", 401]);
    expect(unauthorized).to.deep.equal(["401"]);
    const invalid = await failure(api.totals({}));
    expect([invalid.code, invalid.status, invalid.field]).to.deep.equal([
      "ERR_FILTER_INVALID",
      400,
      "status",
    ]);
    const garbage = await failure(api.stats("UTC"));
    expect([garbage.code, garbage.status]).to.deep.equal(["ERR_RESPONSE_INVALID", 502]);
  });

  it("reports a worker that does not answer as ERR_NETWORK", async () => {
    const api = new AdminApi({
      token: "x",
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
    });
    const error = await failure(api.settings());
    expect([error.code, error.status]).to.deep.equal(["ERR_NETWORK", 0]);
  });

  it("asks for the CSV flavour and returns the file as it came", async () => {
    const { fetch, calls } = fakeWorker({
      "GET /orders.csv": { text: "\uFEFFa;b\r\n", contentType: "text/csv" },
    });
    const blob = await new AdminApi({ token: "x", fetch }).exportCsv({ status: "paid" }, "excel");
    expect(calls[0]?.query.toString()).to.equal("status=paid&format=excel");
    expect(new Uint8Array(await blob.arrayBuffer()).slice(0, 3)).to.deep.equal(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
  });
});
