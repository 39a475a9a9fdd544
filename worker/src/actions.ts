/**
 * Which merchant operations an order allows, from the terminal's payment mode and the order's ledger, so the
 * console offers exactly what the worker (and the bank) will accept and never guesses.
 * @module
 */
import { checkTerminalVars, type PaymentMode } from "./config.ts";
import type { OrderRow } from "./db/orders.ts";
import type { Env } from "./env.ts";
import { ApiError } from "./errors.ts";
import { type OperationKind, planOperation } from "./operations.ts";

/**
 * What each mode allows at all (the bank's general presentation of the modes, PROTOCOL.md §5): immediate and
 * split payments are captured by the bank at payment, so the merchant can only refund; a deferred payment is
 * captured (in part or in full) or cancelled by the merchant, then refunded. Stopping a recurrence needs a
 * recurring terminal, which the worker does not support yet.
 */
const MODE_OPERATIONS: Record<PaymentMode, readonly OperationKind[]> = {
  immediate: ["recredit"],
  deferred: ["capture", "cancel", "recredit"],
  split: ["recredit"],
};

/** One operation the order allows now, with the amounts the console offers (minor units). */
export interface OrderAction {
  kind: OperationKind;
  /** What the operation does when no amount is given (capture or refund everything left, cancel the rest). */
  amount: number;
  /** The most the operation may be given. */
  max: number;
  /** Whether a smaller amount may be asked for (partial capture or refund). */
  partial: boolean;
}

/**
 * The operations the order allows now: those of the terminal's mode that the ledger accepts (the same
 * {@link planOperation} that runs before every bank call).
 *
 * @example
 * orderActions("deferred", paidOrder);
 * // [{ kind: "capture", amount: 2798, max: 2798, partial: true }, { kind: "cancel", amount: 2798, max: 2798, partial: false }]
 */
export function orderActions(mode: PaymentMode, order: OrderRow): OrderAction[] {
  const actions: OrderAction[] = [];
  for (const kind of MODE_OPERATIONS[mode]) {
    let amount: number;
    try {
      ({ amount } = planOperation(kind, order, {}));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) continue;
      throw error;
    }
    const partial = kind === "capture" || kind === "recredit";
    actions.push({ kind, amount, max: amount, partial });
  }
  return actions;
}

/**
 * {@link orderActions} on the configured terminal; none while the terminal's variables are invalid (every
 * operation would be refused with `ERR_CONFIG_INVALID`; the console's settings page says what is wrong).
 */
export function configuredOrderActions(env: Env, order: OrderRow): OrderAction[] {
  let mode: PaymentMode;
  try {
    mode = checkTerminalVars(env).paymentMode;
  } catch (error) {
    if (error instanceof ApiError) return [];
    throw error;
  }
  return orderActions(mode, order);
}
