import { book } from "../../../lang/index.js";
import { FILES } from "./files.js";

/**
 * The texts of `<sceau-order-status>`, in the drop-in's return-page chunk: a title per state (it also leads
 * the page's title), what the buyer reads in each state (whether money was taken, what happens next), the
 * actions, the receipt (`{ref}`, `{date}`), and the schedule's payments and the state of each (`collected`,
 * `upcoming`, `missed`).
 * Each language is its own file of the drop-in, loaded when an element needs it.
 */
export const STATUS = book(
  [
    "titleChecking",
    "titlePending",
    "titlePaid",
    "titleRefused",
    "titleIncomplete",
    "titleCancelled",
    "titleRefunded",
    "titleAnomaly",
    "titleNotFound",
    "titleError",
    "pending",
    "slow",
    "paid",
    "refused",
    "incomplete",
    "stillListening",
    "abandoned",
    "cancelled",
    "refunded",
    "anomaly",
    "notFound",
    "error",
    "retryPayment",
    "checkAgain",
    "reference",
    "orderDate",
    "paidOn",
    "summary",
    "print",
    "schedule",
    "collected",
    "upcoming",
    "missed",
  ],
  FILES,
);

/** The name of one text of the book. */
export type StatusKey = (typeof STATUS.keys)[number];
