/**
 * The composition root: routes, middleware and the single error handler.
 * @module
 */
import { FieldError, ProtocolError } from "@sceau/protocol";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, BankFetch } from "./env.ts";
import { ApiError, errorBody } from "./errors.ts";
import { ADMIN_CORS, browserCors, sandboxOnLoopback, securityHeaders } from "./middleware.ts";
import { checkoutRateLimit, rateLimit } from "./rate-limit.ts";
import { admin } from "./routes/admin.ts";
import { retour } from "./routes/retour.ts";
import { shop } from "./routes/shop.ts";

export interface AppOptions {
  /** How to call the bank's capture and recredit services (default: the global `fetch`). */
  bankFetch?: BankFetch;
}

export function createApp(options: AppOptions = {}): Hono<AppEnv> {
  const bankFetch: BankFetch = options.bankFetch ?? ((request) => fetch(request));
  const app = new Hono<AppEnv>();

  app.use("*", securityHeaders());
  app.use("*", sandboxOnLoopback());
  app.use("*", async (c, next) => {
    c.set("bankFetch", bankFetch);
    await next();
  });

  // A trivial route: liveness, and the baseline of the benchmark.
  app.get("/api/health", (c) => c.json({ ok: true }));

  for (const path of ["/api/products", "/api/quote", "/api/checkout", "/api/orders/*"]) {
    app.use(path, browserCors());
  }
  app.post("/api/checkout", rateLimit(checkoutRateLimit));
  app.use(
    "/api/admin/*",
    browserCors({
      methods: "GET, POST, PUT, OPTIONS",
      headers: "Authorization, Content-Type",
      origins: ADMIN_CORS,
    }),
  );
  app.route("/api", shop);
  app.route("/api/retour", retour);
  app.route("/api/admin", admin);

  app.notFound((c) => c.json(errorBody("ERR_NOT_FOUND", "No such route."), 404));

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      if (error.status >= 500)
        console.error(JSON.stringify({ event: "error", code: error.code, field: error.field }));
      const response = c.json(
        { ...errorBody(error.code, error.message, error.field), ...error.extra },
        error.status,
      );
      if (error.status === 401)
        response.headers.set("WWW-Authenticate", 'Bearer realm="sceau-admin"');
      return response;
    }
    if (error instanceof ProtocolError) {
      const field = error instanceof FieldError ? error.field : undefined;
      return c.json(errorBody(error.code, error.message, field), 400);
    }
    if (error instanceof HTTPException) {
      return c.json(
        errorBody(`ERR_HTTP_${error.status}`, error.message || "Request refused."),
        error.status,
      );
    }
    // Unknown failure: log its name and message only (no stack, no request body), answer a generic 500.
    console.error(
      JSON.stringify({
        event: "error",
        code: "ERR_INTERNAL",
        name: error instanceof Error ? error.name : typeof error,
        message: error instanceof Error ? error.message.slice(0, 200) : undefined,
      }),
    );
    return c.json(errorBody("ERR_INTERNAL", "Internal error."), 500);
  });

  return app;
}
