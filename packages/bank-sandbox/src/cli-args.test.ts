import { describe, expect, it } from "vitest";
import { cliRequest, HELP } from "./cli-args.ts";
import { terminalsFromEnv } from "./config.ts";
import { SandboxError } from "./errors.ts";
import { loadTerminals } from "./terminals.ts";

const KEY = "0123456789ABCDEF0123456789ABCDEF01234567";

function envOf(argv: string[]) {
  const request = cliRequest(argv);
  if (request.help) throw new Error("expected variables, got --help");
  return request.env;
}

function refusal(argv: string[]): string {
  try {
    cliRequest(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).code).toBe("ERR_CONFIG_INVALID");
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
}

describe("cliRequest", () => {
  it("sets nothing without flags, so main.ts keeps its defaults", () => {
    expect(envOf([])).toEqual({});
  });

  it("maps each flag to the variable main.ts reads", () => {
    expect(
      envOf([
        "--port",
        "9001",
        "--host",
        "0.0.0.0",
        "--terminals",
        "/etc/t.json",
        "--retour-url",
        "https://shop.test/retour.php",
        "--state",
        "/tmp/s.json",
      ]),
    ).toEqual({
      PORT: "9001",
      HOST: "0.0.0.0",
      SANDBOX_TERMINALS: "/etc/t.json",
      SANDBOX_RETOUR_URL: "https://shop.test/retour.php",
      SANDBOX_STATE_FILE: "/tmp/s.json",
    });
  });

  it("answers --help and -h with the help text, which documents every flag", () => {
    expect(cliRequest(["--help"])).toEqual({ help: true });
    expect(cliRequest(["-h", "--port", "1"])).toEqual({ help: true });
    for (const flag of [
      "--port",
      "--host",
      "--terminal ",
      "--terminals",
      "--retour-url",
      "--state",
    ]) {
      expect(HELP).toContain(flag);
    }
  });

  it("builds terminals the sandbox loads from repeated --terminal flags", async () => {
    const env = envOf([
      "--terminal",
      `tpe=0012345,key=${KEY},societe=monsite,mode=split,splitCount=4,recredit=false`,
      "--terminal",
      `tpe=0012346,key=${KEY},societe=monsite,format=v3`,
      "--retour-url",
      "http://127.0.0.1:8080/retour.php",
    ]);
    const { document } = terminalsFromEnv(env, () => "", "/unused");
    const terminals = await loadTerminals(document);
    expect([...terminals.keys()]).toEqual(["0012345", "0012346"]);
    const split = terminals.get("0012345");
    expect(split).toMatchObject({
      tpe: "0012345",
      societe: "monsite",
      format: "v4",
      mode: "split",
      splitCount: 4,
      recredit: false,
      retourUrl: "http://127.0.0.1:8080/retour.php",
    });
    expect(terminals.get("0012346")).toMatchObject({ format: "v3", mode: "immediate" });
  });

  it("keeps a numeric TPE, key and site code as text", () => {
    const env = envOf([
      "--terminal",
      `tpe=1234567,key=${"1".repeat(40)},societe=42,retourUrl=http://a.test/r`,
    ]);
    expect(JSON.parse(env.SANDBOX_TERMINALS_JSON ?? "")).toEqual({
      terminals: [
        {
          tpe: "1234567",
          key: "1".repeat(40),
          societe: "42",
          format: "v4",
          retourUrl: "http://a.test/r",
        },
      ],
    });
  });

  it("refuses what it cannot start with, naming the flag", () => {
    expect(refusal(["--prot", "1"])).toMatch(/--prot/);
    expect(refusal(["--port"])).toMatch(/--port/);
    expect(refusal(["--port", "http"])).toMatch(/--port/);
    expect(refusal(["--port", "65536"])).toMatch(/--port/);
    expect(refusal(["--terminal", `tpe=1234567,key=${KEY}`, "--retour-url", "http://a/"])).toMatch(
      /societe= is missing/,
    );
    expect(refusal(["--terminal", `tpe=1234567,key=${KEY},societe=s`])).toMatch(/--retour-url/);
    expect(refusal(["--terminal", "tpe", "--retour-url", "http://a/"])).toMatch(/member=value/);
    expect(refusal(["--terminal", `tpe=1,key=${KEY},societe=s`, "--terminals", "t.json"])).toMatch(
      /not both/,
    );
  });
});
