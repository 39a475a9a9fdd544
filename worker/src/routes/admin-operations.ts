/**
 * `POST /api/admin/orders/:reference/{capture,cancel,recredit,stop-recurrence}`: the merchant's operations.
 * @module
 */
import { Hono } from "hono";
import { terminalSettings } from "../config.ts";
import { operationJson } from "../db/operations.ts";
import { adminOrderJson } from "../db/orders.ts";
import type { AppEnv } from "../env.ts";
import { ledgerJson } from "../ledger.ts";
import { afterResponse } from "../middleware.ts";
import { type OperationKind, runOperation } from "../operations.ts";
import { OperationBody } from "../schemas.ts";
import { jsonBody } from "../validation.ts";
import { dispatchDue } from "../webhooks/dispatch.ts";

export const adminOperations = new Hono<AppEnv>();

const KINDS: readonly OperationKind[] = ["capture", "cancel", "recredit", "stop-recurrence"];

for (const kind of KINDS) {
  adminOperations.post(`/orders/:reference/${kind}`, jsonBody(OperationBody), async (c) => {
    const settings = await terminalSettings(c.env);
    const now = c.get("now")();
    // Done or refused, the operation wrote an event: send it after the answer.
    try {
      const { operation, ledger } = await runOperation(
        c.env.DB,
        settings,
        c.get("bankFetch"),
        kind,
        c.req.param("reference"),
        c.req.valid("json"),
        now,
      );
      return c.json({
        operation: operationJson(operation),
        order: { ...adminOrderJson(ledger.order), ledger: ledgerJson(ledger, settings.rules, now) },
      });
    } finally {
      afterResponse(c, () => dispatchDue(c.env));
    }
  });
}
