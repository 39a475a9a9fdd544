/**
 * `capture_paiement.cgi`: capture (total or partial), cancel and stop recurrence. The request is checked
 * in the documented order (terminal, seal, fields, dates, amounts, mode, order, state), then the payment
 * mode's rule applies (see `merchant-operations.ts`); every `cdr`/`lib` is one of PROTOCOL.md §5.
 * @module
 */
import { captureMacData } from "@sceau/protocol";
import { Hono } from "hono";
import type { SandboxContext } from "../context.ts";
import type { ScriptedAnswer } from "../faults.ts";
import {
  CAPTURE_ANSWERS,
  type CaptureResult,
  cancelPayment,
  capturePayment,
  stopRecurrence,
} from "../merchant-operations.ts";
import { capturedOf, paymentsNamed } from "../payments.ts";
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
  "montant",
  "montant_a_capturer",
  "montant_deja_capture",
  "montant_restant",
  "reference",
];

/** The checks every capture, cancel and stop request goes through, then the mode's rule. */
async function capture(
  ctx: SandboxContext,
  operation: Operation,
): Promise<CaptureResult | ScriptedAnswer> {
  const { fields } = operation;
  const terminal = identify(ctx, fields);
  if (!terminal) return { answer: "unidentified" };
  if (!(await sealValid(terminal, fields, captureMacData))) return { answer: "badSeal" };
  const fault = ctx.faults.take("capture");
  if (fault) return fault;
  const missing = REQUIRED.some((name) => fields[name] === undefined) || !fields.reference;
  if (missing || fields.version !== "3.0") return { answer: "malformed" };
  const date = requestDate(fields.date);
  if (!date || !isDay(fields.date_commande)) return { answer: "badDate" };
  const total = amount(fields.montant);
  const toCapture = amount(fields.montant_a_capturer);
  const already = amount(fields.montant_deja_capture);
  const rest = amount(fields.montant_restant);
  if (!total || !toCapture || !already || !rest) return { answer: "badAmount" };
  const currencies = new Set([total, toCapture, already, rest].map((m) => m.currency));
  const stop = (fields.stoprecurrence ?? "").toUpperCase() === "OUI";
  // Cancel and stop recurrence post 0 to capture and 0 remaining (PROTOCOL.md §5): no sum rule then.
  const isCancel = toCapture.minor === 0 && rest.minor === 0;
  if (currencies.size !== 1) return { answer: "badAmount" };
  if (!isCancel && toCapture.minor + already.minor + rest.minor !== total.minor) {
    return { answer: "badAmount" };
  }
  if (terminal.mode === "immediate" || (stop && terminal.mode !== "recurring")) {
    return { answer: "badMode" };
  }
  const tx = ctx.ledger.find(terminal.tpe, fields.reference ?? "");
  if (!tx) return { answer: "notAuthenticated" };
  operation.tx = tx;
  if (!withinTolerance(ctx, date)) return { answer: "expired" };
  if (tx.status === "pending") return { answer: "inProgress" };
  if (tx.status === "blocked") return { answer: "blocked" };
  if (tx.status === "refused") return { answer: "refused" };
  const named = paymentsNamed(tx, fields.date_commande);
  if (named.length === 0) return { answer: "notAuthenticated" };
  if (total.minor !== tx.amount.minor || total.currency !== tx.amount.currency) {
    return { answer: "badAmount" };
  }
  if (stop) return stopRecurrence(tx);
  // montant_deja_capture: everything captured so far on what the request names.
  if (already.minor !== capturedOf(named)) return { answer: "badAmount" };
  if (isCancel) return cancelPayment(named);
  return capturePayment(ctx, tx, named, toCapture.minor);
}

/**
 * `capture_paiement.cgi` as a Hono app, to mount under `/test` and `/`.
 *
 * @example
 * app.route("/test", createCaptureRoutes(ctx));
 */
export function createCaptureRoutes(ctx: SandboxContext): Hono {
  return new Hono().post("/capture_paiement.cgi", async (c) => {
    const operation = await readOperation(ctx, "capture", c.req.raw);
    const result = await capture(ctx, operation);
    if ("cdr" in result) return operation.reply(result.cdr, result.lib);
    const [cdr, lib] = CAPTURE_ANSWERS[result.answer];
    const phonie = result.answer === "refused" ? operation.fields.phonie : undefined;
    return operation.reply(cdr, lib, { aut: result.aut, phonie });
  });
}
