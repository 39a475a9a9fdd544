/**
 * `@sceau/protocol`: the CM-CIC p@iement / Monetico Paiement protocol, byte-exact, on WebCrypto.
 * @module
 */
export { formatAmount, type Money, minorDigits, parseAmount } from "./amount.ts";
export {
  addCalendarMonths,
  addDays,
  BANK_TIME_ZONE,
  bankDay,
  type CalendarDay,
  compareDays,
  daysInMonth,
  formatBankDateTime,
  formatBankDay,
  formatRetourDateTime,
  parseBankDateTime,
  parseBankDay,
  startOfBankDay,
} from "./bank-date.ts";
export { type Bank, type BankEnvironment, type BankUrls, bankUrls, urlsFromBase } from "./banks.ts";
export {
  ConfigError,
  FieldError,
  type FieldErrorCode,
  KeyFormatError,
  NotificationError,
  ProtocolError,
  type ProtocolErrorCode,
  ResponseError,
} from "./errors.ts";
export { decodeFormBody, decodeFormBytes } from "./form-body.ts";
export { decodeTexteLibre, encodeTexteLibre } from "./free-text.ts";
export { importKey, type SealKey, usableKeyHex } from "./key.ts";
export {
  captureMacData,
  type Fields,
  type MacFormat,
  type NotificationMacOptions,
  notificationMacData,
  paymentMacData,
  recreditMacData,
  type SealedMessage,
  sealedFieldNames,
  sortedMacData,
} from "./mac-data.ts";
export {
  notificationShapeError,
  type PaymentNotification,
  type PaymentOutcome,
  parseNotification,
  parseOutcome,
  RECEIPT_INVALID,
  RECEIPT_OK,
  receipt,
  type ThreeDSecureInfo,
} from "./notification.ts";
export {
  type CaptureResponse,
  parseCaptureResponse,
  parseRecreditResponse,
  parseResponseLines,
  type RecreditResponse,
} from "./operations.ts";
export {
  type ContextObject,
  type ContextValue,
  DELIVERY_TIMEFRAMES,
  type DeliveryTimeframe,
  decodeOrderContext,
  diagnoseAddress,
  diagnoseOrderContext,
  encodeOrderContext,
  type OrderAddress,
  type OrderContext,
} from "./order-context.ts";
export {
  deferredDeadline,
  partialDeadline,
  periodEnd,
  type RecurrenceRule,
  renewalDay,
} from "./payment-calendar.ts";
export {
  BANK_EMAIL_PATTERN,
  BANK_LIMITS,
  CONTROL_CHARACTERS,
  EMAIL_PATTERN,
  isEmailAddress,
  type RuleSet,
  SOCIETE_PATTERN,
  TPE_PATTERN,
} from "./rules.ts";
export {
  type Instalment,
  instalmentDay,
  type ScheduleOptions,
  type SplitDayRule,
  splitSchedule,
} from "./schedule.ts";
export { isLatin1, type SealEncoding, type SealOptions, seal, verifySeal } from "./seal.ts";
export { escapeHtml, paymentFormHtml, supportControlString } from "./support.ts";
export {
  type BankRequest,
  type CaptureOrder,
  createTerminal,
  type PaymentForm,
  type PaymentOrder,
  type RecreditOrder,
  type Terminal,
  type TerminalConfig,
  type VerifiedNotification,
} from "./terminal.ts";
export {
  assertPaymentFields,
  assertUnambiguous,
  type DiagnoseOptions,
  diagnosePaymentFields,
  diagnoseSealedValues,
  LANGUAGES,
} from "./validate.ts";
export {
  addWorkingDays,
  easterSunday,
  frenchPublicHolidays,
  isWorkingDay,
} from "./working-days.ts";
