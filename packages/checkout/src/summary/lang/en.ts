/** English texts of the summary book, one per line in the order of its keys (index.ts). */
export const en = `Subtotal
Delivery ({method})
Free
Code {code}
incl. VAT {rate}
Total`;
