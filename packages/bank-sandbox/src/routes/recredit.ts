/**
 * `recredit_paiement.cgi`: refunds up to what was captured under one authorisation (`num_autorisation` and
 * `date_remise`), on the order or renewal its `date_commande` names.
 * @module
 */
import { recreditMacData } from "@sceau/protocol";
import { Hono } from "hono";
import type { SandboxContext } from "../context.ts";
import type { ScriptedAnswer } from "../faults.ts";
import { RECREDIT_ANSWERS, type RecreditAnswer, refundPayment } from "../merchant-operations.ts";
import { paymentsNamed } from "../payments.ts";
import {
  amount,
  identify,
  isDay,
  type Operation,
  readOperation,
  requestDate,
  sealValid,
  withinTolerance,
} from "./operations-common.ts";

const REQUIRED = [
  "version",
  "date",
  "date_commande",
  "date_remise",
  "num_autorisation",
  "montant",
  "montant_recredit",
  "montant_possible",
  "reference",
];

/** The checks of a refund request (PROTOCOL.md §6), then the refund under its authorisation. */
async function recredit(
  ctx: SandboxContext,
  operation: Operation,
): Promise<RecreditAnswer | ScriptedAnswer> {
  const { fields } = operation;
  const terminal = identify(ctx, fields);
  if (!terminal) return "unidentified";
  if (!(await sealValid(terminal, fields, recreditMacData))) return "badSeal";
  const fault = ctx.faults.take("recredit");
  if (fault) return fault;
  if (!terminal.recredit) return "notAllowed";
  if (REQUIRED.some((name) => !fields[name]) || fields.version !== "3.0") return "badParameters";
  const date = requestDate(fields.date);
  if (!date || !isDay(fields.date_commande) || !isDay(fields.date_remise)) return "badParameters";
  if (!withinTolerance(ctx, date)) return "expired";
  const refund = amount(fields.montant_recredit);
  if (!refund || refund.minor <= 0) return "badRefund";
  const total = amount(fields.montant);
  const possible = amount(fields.montant_possible);
  if (!total || !possible) return "badAmounts";
  const tx = ctx.ledger.find(terminal.tpe, fields.reference ?? "");
  const named = tx ? paymentsNamed(tx, fields.date_commande) : [];
  if (!tx || named.length === 0) return "noOrder";
  operation.tx = tx;
  const currency = tx.amount.currency;
  if ([refund, total, possible].some((m) => m.currency !== currency)) return "badCurrency";
  if (total.minor !== tx.amount.minor) return "badAmounts";
  return refundPayment(named, {
    authorisation: fields.num_autorisation ?? "",
    capturedDay: fields.date_remise ?? "",
    refund: refund.minor,
    possible: possible.minor,
  });
}

/**
 * `recredit_paiement.cgi` as a Hono app, to mount under `/test` and `/`: refunds per authorisation, with
 * every `cdr`/`lib` of PROTOCOL.md §6.
 *
 * @example
 * app.route("/test", createRecreditRoutes(ctx));
 */
export function createRecreditRoutes(ctx: SandboxContext): Hono {
  return new Hono().post("/recredit_paiement.cgi", async (c) => {
    const operation = await readOperation(ctx, "recredit", c.req.raw);
    const result = await recredit(ctx, operation);
    if (typeof result !== "string") return operation.reply(result.cdr, result.lib);
    const [cdr, lib] = RECREDIT_ANSWERS[result];
    return operation.reply(cdr, lib);
  });
}
