/**
 * `GET`/`POST /carte/:id/3ds`: the 3-D Secure step, where the buyer passes or fails the challenge.
 * @module
 */
import type { Context } from "hono";
import type { SandboxContext } from "../../context.ts";
import { challengePage } from "../../pages/card-page.ts";
import { htmlResponse, readForm, seeOther } from "../../respond.ts";
import { attemptCard, type ClientIp } from "./attempt.ts";
import { loadOpenSession } from "./session.ts";
import { orderView, resultResponse } from "./views.ts";

/** The handler of `GET /carte/:id/3ds`. */
export function showChallenge(ctx: SandboxContext) {
  return (c: Context): Response => {
    const l = loadOpenSession(ctx, c.req.param("id") ?? "");
    if (l instanceof Response) return l;
    const base = `${l.session.prefix}/carte/${l.session.id}`;
    if (l.session.state !== "challenge") return seeOther(base);
    return htmlResponse(
      challengePage({ t: l.t, order: orderView(l.tx, l.terminal, l.t), action: `${base}/3ds` }),
    );
  };
}

/** The handler of `POST /carte/:id/3ds` (`decision=pass` or `fail`). */
export function answerChallenge(ctx: SandboxContext, clientIp: ClientIp) {
  return async (c: Context): Promise<Response> => {
    const l = loadOpenSession(ctx, c.req.param("id") ?? "");
    if (l instanceof Response) return l;
    const pending = l.session.challenge;
    if (l.session.state !== "challenge" || !pending) {
      return seeOther(`${l.session.prefix}/carte/${l.session.id}`);
    }
    const form = await readForm(c.req.raw).catch(() => ({}) as Record<string, string>);
    const challenge = form.decision === "pass" ? "pass" : "fail";
    const attempt = { numero: pending.number, vld: pending.vld, challenge } as const;
    return resultResponse(l, await attemptCard(ctx, c, clientIp, l, attempt));
  };
}
