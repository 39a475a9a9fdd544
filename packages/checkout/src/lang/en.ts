/** English texts, one per line in the order of `KEYS` (messages.ts). */
export const en = `Pay by card
Total
Quantity
One more {name}
One less {name}
Remove {name}
Your cart is empty.
Calculating…
Creating the order…
Going to the bank…
E-mail
I accept the
terms of sale
Payment
In full
In {n} instalments
Address
Postcode
City
Country
Unavailable
Service unreachable. Try again.
“{name}” is no longer available.
The price has changed.
Invalid quantity.
Error. Try again.
Add to cart
{n} item(s) in the cart
Payment accepted. Thank you!
Payment declined.
Try again
Waiting for the bank…
Still waiting. Come back later.
Order not confirmed. Contact the shop.
Order not found.
Reference: {ref}
Then {amount} per month
Then {amount} every {n} months
Paid
Upcoming
Not collected`;
