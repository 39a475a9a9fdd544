/**
 * The composition root: routes, middleware and the single error handler.
 * @module
 */
import { FieldError, ProtocolError } from "@sceau/protocol";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { countRoundTrips } from "./db/round-trips.ts";
import type { AppEnv, BankFetch, Clock, DeliveryFetch } from "./env.ts";
import { ApiError, errorBody } from "./errors.ts";
import {
  ADMIN_CORS,
  browserCors,
  jsonRequests,
  SHOP_CORS,
  sandboxOnLoopback,
  securityHeaders,
} from "./middleware.ts";
import { admin } from "./routes/admin.ts";
import { consoleAssets } from "./routes/console.ts";
import { pay } from "./routes/pay.ts";
import { retour } from "./routes/retour.ts";
import { shop } from "./routes/shop.ts";

export interface AppOptions {
  /** How to call the bank's capture and recredit services (default: the global `fetch`). */
  bankFetch?: BankFetch;
  /** The clock (default: the real time); tests run the worker on the bank sandbox's clock. */
  now?: Clock;
  /** How to call webhook endpoints and the e-mail provider from a request (default: the global `fetch`). */
  deliveryFetch?: DeliveryFetch;
}

/** The error handler: the error's code and status for ours and the library's, a bare 500 otherwise. */
function errorResponse(error: Error, c: Parameters<Parameters<Hono<AppEnv>["onError"]>[0]>[1]) {
  if (error instanceof ApiError) {
    if (error.status >= 500) {
      console.error(JSON.stringify({ event: "error", code: error.code, field: error.field }));
    }
    return c.json(
      { ...errorBody(error.code, error.message, error.field), ...error.extra },
      error.status,
      error.headers,
    );
  }
  if (error instanceof ProtocolError) {
    const field = error instanceof FieldError ? error.field : undefined;
    return c.json(errorBody(error.code, error.message, field), 400);
  }
  if (error instanceof HTTPException) return error.getResponse();
  // Unknown failure: log its name and message only (no stack, no request body), answer a generic 500.
  console.error(
    JSON.stringify({
      event: "error",
      code: "ERR_INTERNAL",
      name: error.name,
      message: error.message.slice(0, 200),
    }),
  );
  return c.json(errorBody("ERR_INTERNAL", "Internal error."), 500);
}

/**
 * The worker's Hono app.
 *
 * @example
 * export default { fetch: createApp().fetch };
 */
export function createApp(options: AppOptions = {}): Hono<AppEnv> {
  const bankFetch: BankFetch = options.bankFetch ?? ((request) => fetch(request));
  const now: Clock = options.now ?? (() => new Date());
  const deliveryFetch: DeliveryFetch = options.deliveryFetch ?? ((request) => fetch(request));
  const app = new Hono<AppEnv>();

  app.use("*", securityHeaders());
  app.use("*", sandboxOnLoopback());
  app.use("*", async (c, next) => {
    c.set("bankFetch", bankFetch);
    c.set("now", now);
    c.set("deliveryFetch", deliveryFetch);
    if (c.env.D1_ROUND_TRIPS !== "header") return next();
    const counted = countRoundTrips(c.env.DB);
    c.env = { ...c.env, DB: counted.db };
    await next();
    c.res.headers.set("X-D1-Round-Trips", String(counted.count()));
  });

  // A trivial route: liveness, and the baseline of the benchmark.
  app.get("/api/health", (c) => c.json({ ok: true }));

  const shopCors = browserCors(SHOP_CORS, {
    methods: ["GET", "POST", "OPTIONS"],
    headers: ["Content-Type"],
  });
  for (const path of ["/api/products", "/api/quote", "/api/checkout", "/api/orders/*"]) {
    app.use(path, shopCors);
  }
  app.use("/api/quote", jsonRequests());
  app.use("/api/checkout", jsonRequests());
  app.use(
    "/api/admin/*",
    browserCors(ADMIN_CORS, {
      methods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
      headers: ["Authorization", "Content-Type"],
    }),
  );
  app.route("/api", shop);
  app.route("/api/retour", retour);
  app.route("/api/admin", admin);
  app.route("/", consoleAssets);
  app.route("/pay", pay);

  app.notFound((c) => c.json(errorBody("ERR_NOT_FOUND", "No such route."), 404));
  app.onError(errorResponse);
  return app;
}
