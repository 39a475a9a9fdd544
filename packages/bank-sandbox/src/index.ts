/**
 * `@sceau/bank-sandbox`: a local stand-in for the CM-CIC p@iement / Monetico payment server.
 * @module
 */
export { createSandbox, type Sandbox, type SandboxOptions } from "./app.ts";
export type { Book, BookAuthorisation, BookPayment } from "./books.ts";
export { type Clock, createClock, daysToMs } from "./clock.ts";
export { SandboxError, type SandboxErrorCode } from "./errors.ts";
export type {
  Authorisation,
  NotificationRecord,
  OutboxMessage,
  Payment,
  PaymentState,
  RenewalSummary,
  Transaction,
  TransactionStatus,
} from "./ledger.ts";
export { CAPTURE_ANSWERS, RECREDIT_ANSWERS } from "./merchant-operations.ts";
export { SPLIT_ATTEMPTS, SPLIT_RETRY_DAYS } from "./payments.ts";
export { VALID_RECEIPTS } from "./retour-sender.ts";
export { BANK_MESSAGES } from "./routes/paiement.ts";
export {
  DEFAULT_TERMINALS,
  loadTerminals,
  type PaymentMode,
  type RenewalCapture,
  type TerminalSettings,
} from "./terminals.ts";
export { luhnValid, TEST_CARDS, type TestCard } from "./test-cards.ts";
export type { TimelineEvent } from "./timeline.ts";
