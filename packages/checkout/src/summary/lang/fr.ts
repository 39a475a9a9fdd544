/** French texts of the summary book, one per line in the order of its keys (index.ts). */
export const fr = `Sous-total
Livraison ({method})
Offerte
Code {code}
dont TVA {rate}
Total`;
