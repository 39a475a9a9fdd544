import { expect } from "@open-wc/testing";
import { localDay } from "../format/dates.js";
import { apiQuery, exportFileName, filterFromQuery, queryFromFilter } from "./order-filter.js";

describe("order filter", () => {
  const today = new Date(2026, 10, 30, 15, 0);

  it("covers six rolling months when the address names no start", () => {
    expect(filterFromQuery(new URLSearchParams(""), today)).to.deep.equal({
      status: "",
      channel: "",
      from: "2026-05-30",
      to: "",
      reference: "",
      email: "",
    });
  });

  it("covers everything when the address has an empty start, and keeps that in the address", () => {
    const filter = filterFromQuery(new URLSearchParams("from=&status=paid"), today);
    expect(filter.from).to.equal("");
    expect(queryFromFilter(filter).toString()).to.equal("status=paid&from=");
    expect(apiQuery(filter)).to.deep.equal({
      status: "paid",
      channel: undefined,
      from: undefined,
      to: undefined,
      reference: undefined,
      email: undefined,
    });
  });

  it("asks the worker for whole local days, upper-case references and trimmed e-mails", () => {
    const query = apiQuery({
      status: "",
      channel: "",
      from: "2026-11-01",
      to: "2026-11-30",
      reference: " ab12 ",
      email: " buyer@example.com ",
    });
    expect(localDay(new Date(query.from as string))).to.equal("2026-11-01");
    expect(new Date(query.from as string).getHours()).to.equal(0);
    expect(localDay(new Date(query.to as string))).to.equal("2026-12-01");
    expect(query.reference).to.equal("AB12");
    expect(query.email).to.equal("buyer@example.com");
  });

  it("names the export after its dates", () => {
    const filter = filterFromQuery(new URLSearchParams("from=2026-05-30&to=2026-11-30"), today);
    expect(exportFileName(filter, "commandes", "debut")).to.equal(
      "commandes_2026-05-30_2026-11-30.csv",
    );
    expect(exportFileName({ ...filter, from: "" }, "orders", "start", "_rfc4180")).to.equal(
      "orders_start_2026-11-30_rfc4180.csv",
    );
  });
});
