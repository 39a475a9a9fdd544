import { describe, expect, it } from "vitest";
import { ResponseError } from "./errors.ts";
import { parseCaptureResponse, parseRecreditResponse } from "./operations.ts";

describe("parseCaptureResponse", () => {
  it("reads the documentation's accepted capture", () => {
    const r = parseCaptureResponse(
      "version=1.0\nreference=000000000145\ncdr=1\nlib=paiement accepte\naut=123456",
    );
    expect(r).toMatchObject({
      cdr: 1,
      kind: "captured",
      ok: true,
      retryable: false,
      reference: "000000000145",
      authorisationNumber: "123456",
    });
  });

  it.each([
    ["1", "commande annulee", "cancelled", true, false],
    ["1", "recurrence stoppee", "recurrence-stopped", true, false],
    ["0", "commande expiree", "refused", false, false],
    ["0", "paiement deja accepte", "refused", false, false],
    ["-1", "signature non valide", "error", false, false],
    ["-1", "autre traitement en cours", "error", false, true],
    ["-1", "traitement en cours", "error", false, true],
    ["-1", "probleme technique", "error", false, true],
  ])("cdr=%s lib=%s → %s", (cdr, lib, kind, ok, retryable) => {
    expect(
      parseCaptureResponse(`version=1.0\r\nreference=A\r\ncdr=${cdr}\r\nlib=${lib}\r\n`),
    ).toMatchObject({ kind, ok, retryable, lib });
  });

  it("keeps unknown lines and refuses an answer without cdr with ERR_RESPONSE_MALFORMED", () => {
    expect(
      parseCaptureResponse("cdr=1\nlib=paiement accepte\ndate_debit=2024-01-02").fields.date_debit,
    ).toBe("2024-01-02");
    for (const text of ["", "<html>503</html>", "cdr=abc", "version=1.0\nlib=x"]) {
      const error = (() => {
        try {
          parseCaptureResponse(text);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ResponseError);
      expect(error).toMatchObject({ code: "ERR_RESPONSE_MALFORMED" });
      expect((error as Error).message).toMatch(/no cdr line/);
    }
  });
});

describe("parseRecreditResponse", () => {
  it("reads cdr=0 as done and matches on cdr, not lib", () => {
    expect(
      parseRecreditResponse("version=1.0\nreference=A\ncdr=0\nlib=recredit effectue"),
    ).toMatchObject({ ok: true, cdr: 0 });
    expect(
      parseRecreditResponse("cdr=-31\nlib=les montants transmis sont incorrects"),
    ).toMatchObject({ ok: false, cdr: -31, retryable: false });
    expect(parseRecreditResponse("cdr=-44\nlib=autre traitement en cours").retryable).toBe(true);
    expect(parseRecreditResponse("cdr=-41\nlib=un probleme technique est survenu").retryable).toBe(
      true,
    );
  });
});
