/** Italian texts, one per line in the order of `KEYS` (messages.ts). */
export const it = `Paga con carta
Totale
Quantità
Un {name} in più
Un {name} in meno
Rimuovi {name}
Carrello vuoto.
Calcolo…
Creazione dell’ordine…
Verso la banca…
E-mail
Accetto le
condizioni di vendita
Pagamento
In un’unica soluzione
In {n} rate
Indirizzo
CAP
Città
Paese
Non disponibile
Servizio non raggiungibile. Riprova.
«{name}» non è più disponibile.
Il prezzo è cambiato.
Quantità non valida.
Errore. Riprova.
Aggiungi al carrello
{n} articolo/i nel carrello
Pagamento accettato. Grazie!
Pagamento rifiutato.
Riprova
In attesa della banca…
Ancora in attesa. Torna più tardi.
Ordine non confermato. Contatta il negozio.
Ordine non trovato.
Riferimento: {ref}
Poi {amount} al mese
Poi {amount} ogni {n} mesi
Pagato
In arrivo
Non addebitato`;
