import { expect, waitUntil } from "@open-wc/testing";
import { resetCart } from "./testing/helpers.js";

/** Loads the built drop-in (dist/sceau-checkout.js) in a page served with a strict CSP. */
describe("the drop-in bundle under a strict CSP", () => {
  let frame: HTMLIFrameElement;
  beforeEach(async () => {
    resetCart();
    frame = document.createElement("iframe");
    frame.src = "/csp/page.html";
    const loaded = new Promise((resolve) =>
      frame.addEventListener("load", resolve, { once: true }),
    );
    document.body.append(frame);
    await loaded;
  });
  afterEach(() => frame.remove());

  it("renders, adds to the cart and posts the sealed form with no CSP violation", async () => {
    const win = frame.contentWindow as Window & { cspViolations: string[] };
    const doc = frame.contentDocument as Document;
    await waitUntil(
      () => win.customElements.get("sceau-checkout"),
      "the bundle did not define the tags",
    );
    const violations = win.cspViolations; // kept: the frame navigates away below
    const checkout = doc.querySelector("sceau-checkout") as HTMLElement & { status: string };
    const add = doc.querySelector("sceau-add-to-cart") as HTMLElement;
    const root = checkout.shadowRoot as ShadowRoot;
    expect(root.adoptedStyleSheets.length).to.be.greaterThan(0);
    expect(doc.querySelectorAll("style").length).to.equal(0);
    expect(root.querySelectorAll("style").length).to.equal(0);
    expect(
      win.getComputedStyle(root.querySelector("[part=button]") as Element).fontWeight,
    ).to.equal("600");
    expect(root.querySelector("[part=button]")?.textContent?.trim()).to.equal("Pay by card");

    (add.shadowRoot as ShadowRoot).querySelector("button")?.click();
    const badge = doc.querySelector("sceau-cart-count")?.shadowRoot?.querySelector("[part=badge]");
    await waitUntil(() => badge?.textContent === "1", "badge not updated");
    await waitUntil(
      () => root.querySelector("[part=total] strong")?.textContent === "€12.00",
      "not quoted",
    );

    expect(violations).to.deep.equal([]);
    const navigated = new Promise((resolve) =>
      frame.addEventListener("load", resolve, { once: true }),
    );
    (root.querySelector("[part=button]") as HTMLButtonElement).click();
    await waitUntil(() => checkout.status === "redirecting", "not redirecting");
    expect(violations).to.deep.equal([]);
    await navigated;
    const posted = JSON.parse(frame.contentDocument?.getElementById("fields")?.textContent ?? "{}");
    expect(posted.reference).to.equal("REF000000001");
    expect(posted.lgue).to.equal("EN");
    // Browsers normalise line breaks in posted form data to CRLF (HTML form submission rules): a worker
    // that seals a value containing a bare LF must seal it as the bank will receive it.
    expect(posted["texte-libre"]).to.equal('quote " ampersand & <tag> é\r\nline');
    expect(frame.contentWindow?.location.pathname).to.equal("/mock/bank/paiement.cgi");
  });
});
