import { describe, expect, it } from "vitest";
import { msFromEnv, terminalsFromEnv } from "./config.ts";
import { SandboxError } from "./errors.ts";

const file = JSON.stringify({ terminals: [{ tpe: "7654321", retourUrl: "http://a/" }] });

describe("terminalsFromEnv", () => {
  it("reads the default file", () => {
    const { document, source } = terminalsFromEnv({}, () => file, "/x/terminals.json");
    expect(document).toEqual({ terminals: [{ tpe: "7654321", retourUrl: "http://a/" }] });
    expect(source).toBe("/x/terminals.json");
  });

  it("prefers inline JSON and applies SANDBOX_RETOUR_URL", () => {
    const { document } = terminalsFromEnv(
      { SANDBOX_TERMINALS_JSON: '[{"tpe":"1"}]', SANDBOX_RETOUR_URL: "http://b/retour" },
      () => {
        throw new Error("no file");
      },
      "/x",
    );
    expect(document).toEqual([{ tpe: "1", retourUrl: "http://b/retour" }]);
  });

  it("reads SANDBOX_TERMINALS and rejects bad JSON", () => {
    const paths: string[] = [];
    terminalsFromEnv(
      { SANDBOX_TERMINALS: "/y.json" },
      (p) => {
        paths.push(p);
        return file;
      },
      "/x",
    );
    expect(paths).toEqual(["/y.json"]);
    expect(() => terminalsFromEnv({ SANDBOX_TERMINALS_JSON: "{" }, () => "", "/x")).toThrow(
      SandboxError,
    );
  });

  it("reads milliseconds", () => {
    expect(msFromEnv("250", "X")).toBe(250);
    expect(msFromEnv(undefined, "X")).toBeUndefined();
    expect(() => msFromEnv("-1", "X")).toThrow(SandboxError);
  });
});
