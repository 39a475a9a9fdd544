/** Spanish texts of the summary book, one per line in the order of its keys (index.ts). */
export const es = `Subtotal
Envío ({method})
Gratis
Código {code}
IVA incluida {rate}
Total`;
