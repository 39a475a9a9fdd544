import { describe, expect, it } from "vitest";
import { importKey } from "./key.ts";
import { escapeHtml, paymentFormHtml, supportControlString } from "./support.ts";

describe("supportControlString", () => {
  it("matches the kit's control string for the documentation key", async () => {
    const key = await importKey("0123456789ABCDEF0123456789ABCDEF01234567");
    expect(await supportControlString(key, "1234567")).toBe(
      "V1.04.sha1.php--[CtlHmac3.01234567]-4e64961fc48d1c320c908809038ea78df8475328",
    );
  });
});

describe("paymentFormHtml", () => {
  it("escapes every value and keeps the raw value for the seal", () => {
    expect(escapeHtml(`a*b&c<d>e"f'g h`)).toBe("a*b&amp;c&lt;d&gt;e&quot;f&#x27;g h");
    const html = paymentFormHtml({
      action: "https://p.monetico-services.com/test/paiement.cgi",
      method: "POST",
      fields: { "texte-libre": `"><script>x</script>`, MAC: "ab" },
    });
    expect(html).toContain(
      '<input type="hidden" name="texte-libre" value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">',
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain(">Paiement par carte bancaire</button>");
  });
});
