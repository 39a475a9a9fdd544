/** English texts of the checkout book, one per line in the order of its keys (index.ts). */
export const en = `Pay by card
Pay {amount}
Pay {amount} in {n} instalments
Quantity
One more {name}
One less {name}
Remove {name}
Your cart is empty.
Continue shopping
Calculating…
Creating the order…
Going to the bank…
The total could not be calculated.
Try again
All fields are required unless marked “optional”.
optional
E-mail
Billing address
Delivery address
Deliver to the billing address
First name
Last name
Address
Address line 2
Postcode
Town or city
Country
Phone
For the carrier, if needed.
I accept the
terms of sale
Payment
In full
In {n} instalments
Delivery method
Promo code
Apply
Remove code {code}
Unavailable
This field is required.
Enter a valid e-mail address, such as name@example.com.
Invalid postcode ({country}: for example {example}).
Invalid number: 6 to 15 digits, with the country code (+32…) for another country.
This text contains characters that are not accepted.
Accept the terms of sale to continue.
We do not deliver to this country.
Correct {n} field(s) to continue:
This promo code does not exist.
This promo code has expired.
This promo code is not valid yet.
This promo code needs a cart of at least {amount}.
This promo code is no longer available.
This promo code does not apply to this cart.
No payment was taken.
The payment service cannot be reached: check your connection, then try again.
The payment service had a problem: try again in a moment.
“{name}” is no longer available: remove it from the cart to continue.
The price has changed: check the new total before paying.
Invalid quantity: change it to continue.
Not enough “{name}” in stock: lower the quantity to continue.
Too many attempts: try again in a few minutes.
Online payment is not available at the moment: contact the shop.
Complete the fields marked, then pay again.
Something went wrong: try again.
Then {amount} per month
Then {amount} every {n} months`;
