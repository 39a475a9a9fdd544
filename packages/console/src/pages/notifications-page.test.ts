import { expect, fixture, html } from "@open-wc/testing";
import type { Notification } from "../api/types.js";
import { $, $$, axeViolations, fakeApi, textOf, until } from "../testing/helpers.js";
import "./notifications-page.js";
import type { SceauNotificationsPage } from "./notifications-page.js";

const note = (
  i: number,
  classification: string,
  extra: Partial<Notification> = {},
): Notification => ({
  id: `n${i}`,
  receivedAt: new Date(Date.UTC(2026, 10, 30, 10) - i * 60_000).toISOString(),
  method: "POST",
  sealValid: classification !== "invalid-seal" && classification !== "malformed",
  classification,
  reference: `REF${String(i).padStart(9, "0")}`,
  codeRetour: "paiement",
  montant: "29.98EUR",
  detail: null,
  fields: {},
  ...extra,
});

async function mount(query: string) {
  const { api, calls } = fakeApi({
    "GET /notifications": (call) =>
      call.query.get("before")
        ? { json: { notifications: [note(9, "orphan")], nextBefore: null } }
        : {
            json: {
              notifications: [
                note(1, "orphan"),
                note(2, "orphan", { detail: "no order with this reference" }),
              ],
              nextBefore: "42",
            },
          },
  });
  const el = await fixture<SceauNotificationsPage>(
    html`<sceau-notifications-page .api=${api} .query=${new URLSearchParams(query)}></sceau-notifications-page>`,
  );
  await until(() => el.shadowRoot?.querySelector("tbody tr"), "the log");
  return { el, calls };
}

describe("sceau-notifications-page", () => {
  afterEach(() => history.replaceState(null, "", location.pathname + location.search));

  it("filters by class and says what an orphan is and what to do", async () => {
    const { el, calls } = await mount("classification=orphan");
    expect(calls[0]?.query.get("classification")).to.equal("orphan");
    expect(textOf(el, "dl.help")).to.match(
      /^Ce que c'est Un appel au sceau valide pour une référence que le worker ne connaît pas.* Que faire Cherchez la référence/,
    );
    expect($$(el, "tbody a")).to.have.length(0);
    expect(textOf(el, "tbody tr")).to.include("Orpheline");
  });

  it("pages back through older calls", async () => {
    const { el, calls } = await mount("");
    [...$$<HTMLButtonElement>(el, "button")]
      .find((b) => b.textContent?.includes("Plus anciennes"))
      ?.click();
    await until(() => $$(el, "tbody tr").length === 3, "the older page");
    expect(calls[1]?.query.get("before")).to.equal("42");
    expect(el.shadowRoot?.querySelector("dl.help")).to.equal(null);
  });

  it("puts the chosen class in the address", async () => {
    const { el } = await mount("");
    const select = $<HTMLSelectElement>(el, "select");
    select.value = "invalid-seal";
    $<HTMLFormElement>(el, "form").requestSubmit();
    expect(location.hash).to.equal("#/notifications?classification=invalid-seal");
  });

  it("has no accessibility violation", async () => {
    const { el } = await mount("classification=orphan");
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
