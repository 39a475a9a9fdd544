import { describe, expect, it } from "vitest";
import { bankUrls, deployPlan, formatPlan } from "./deploy-plan.ts";

const INPUT = {
  workerName: "sceau",
  databaseName: "sceau",
  secrets: ["MERCHANT_KEY", "ADMIN_TOKEN"],
  hasConsole: false,
  production: false,
};

describe("deployPlan", () => {
  it("orders a first deployment from login to the bank's URLs", () => {
    expect(deployPlan(INPUT).map((s) => s.id)).toEqual([
      "login",
      "database",
      "config",
      "migrations",
      "secrets",
      "deploy",
      "urls",
    ]);
  });

  it("builds the console before the deploy when the package exists", () => {
    const ids = deployPlan({ ...INPUT, hasConsole: true }).map((s) => s.id);
    expect(ids.slice(-3)).toEqual(["console", "deploy", "urls"]);
  });

  it("runs every remote command on the production configuration", () => {
    const commands = deployPlan(INPUT).flatMap((s) => s.commands);
    expect(commands).toContain(
      "wrangler d1 migrations apply DB --remote --config wrangler.production.jsonc",
    );
    expect(commands).toContain(
      "wrangler secret put MERCHANT_KEY --config wrangler.production.jsonc",
    );
    expect(commands).toContain("wrangler deploy --config wrangler.production.jsonc");
    expect(commands).toContain("wrangler d1 create sceau");
  });

  it("says what a person must do, and where", () => {
    const test = formatPlan(deployPlan(INPUT));
    expect(test).toContain("you: when it is not: `wrangler login`");
    expect(test).toContain("into the bank's test back office, then make three test payments");
    const production = formatPlan(
      deployPlan({ ...INPUT, production: true, domain: "pay.shop.fr" }),
    );
    expect(production).toContain("into the bank's production back office");
    expect(production).toContain("the zone of pay.shop.fr must be on this Cloudflare account");
  });
});

describe("bankUrls", () => {
  it("gives the confirmation URL on the worker and the shop's return pages", () => {
    const text = bankUrls("https://sceau.shop.workers.dev/", {
      RETURN_URL_OK: "https://shop.fr/merci",
      RETURN_URL_ERR: "https://shop.fr/erreur",
    });
    expect(text).toContain("https://sceau.shop.workers.dev/api/retour");
    expect(text).toContain("https://shop.fr/merci");
    expect(text).toContain("https://shop.fr/erreur");
  });
});
