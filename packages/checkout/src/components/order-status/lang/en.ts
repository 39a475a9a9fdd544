/** English texts of the status book, one per line in the order of its keys (index.ts). */
export const en = `Checking the payment…
Payment pending
Payment accepted
Payment declined
Payment not completed
Order cancelled
Order refunded
Payment under review
Order not found
Cannot check the order
We are waiting for your bank to confirm the payment; this usually takes a few seconds. This page updates by itself.
Your bank has not confirmed the payment yet. If it goes through, the order will be confirmed: come back to this page a little later.
Thank you! Your order is confirmed: the shop is preparing it and will keep you informed.
Your bank declined the payment: no money was taken. Your cart is kept; you can try again, with another card if needed.
The payment was not completed: no money was taken. Your cart is kept, so you can try again.
If your bank confirms a payment after all, this page will show it.
The payment was not finished in time: no money was taken. Your cart is kept, so you can try again.
The shop cancelled this order: no money was taken.
The shop refunded this order to your card.
The shop needs to check this payment: contact it with the order reference.
This order cannot be found: check the link, or contact the shop.
The order cannot be checked right now: check your connection, then try again.
Try the payment again
Check again
Reference: {ref}
Order of {date}
Paid on {date}
Order summary
Print the receipt
Payment schedule
Paid
Upcoming
Not collected`;
