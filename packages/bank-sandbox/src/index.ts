/**
 * `@sceau/bank-sandbox`: a local stand-in for the CM-CIC p@iement / Monetico payment server.
 * @module
 */
export { createSandbox, type Sandbox, type SandboxOptions } from "./app.ts";
export { type Clock, createClock, daysToMs } from "./clock.ts";
export { SandboxError, type SandboxErrorCode } from "./errors.ts";
export type {
  NotificationRecord,
  OutboxMessage,
  Transaction,
  TransactionStatus,
} from "./ledger.ts";
export { VALID_RECEIPTS } from "./retour-sender.ts";
export { CAPTURE_ANSWERS } from "./routes/capture.ts";
export { BANK_MESSAGES } from "./routes/paiement.ts";
export { RECREDIT_ANSWERS } from "./routes/recredit.ts";
export {
  DEFAULT_TERMINALS,
  loadTerminals,
  type PaymentMode,
  type TerminalSettings,
} from "./terminals.ts";
export { luhnValid, TEST_CARDS, type TestCard } from "./test-cards.ts";
