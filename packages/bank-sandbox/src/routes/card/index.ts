/**
 * The card pages: entry with Luhn, expiry and CVV checks, the TEST panel's fill links, the 3-D Secure step,
 * the ticket or refusal page, the attempts limit and the cancel link back to the merchant.
 * @module
 */
import { Hono } from "hono";
import type { SandboxContext } from "../../context.ts";
import type { ClientIp } from "./attempt.ts";
import { cancelPayment } from "./cancel.ts";
import { answerChallenge, showChallenge } from "./challenge.ts";
import { showCardPage } from "./page.ts";
import { submitCard } from "./submit.ts";

export type { ClientIp } from "./attempt.ts";

/**
 * The card pages as a Hono app, to mount under `/test` and `/` (links follow the prefix the session was
 * opened under).
 *
 * @example
 * app.route("/test", createCardRoutes(ctx, clientIp));
 */
export function createCardRoutes(ctx: SandboxContext, clientIp: ClientIp): Hono {
  return new Hono()
    .get("/carte/:id", showCardPage(ctx))
    .post("/carte/:id", submitCard(ctx, clientIp))
    .get("/carte/:id/3ds", showChallenge(ctx))
    .post("/carte/:id/3ds", answerChallenge(ctx, clientIp))
    .get("/carte/:id/annuler", cancelPayment(ctx));
}
