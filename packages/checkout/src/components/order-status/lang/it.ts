/** Italian texts of the status book, one per line in the order of its keys (index.ts). */
export const it = `Verifica del pagamento…
Pagamento in attesa
Pagamento accettato
Pagamento rifiutato
Pagamento non completato
Ordine annullato
Ordine rimborsato
Pagamento da verificare
Ordine non trovato
Verifica non riuscita
Stiamo aspettando la conferma della tua banca, di solito bastano pochi secondi. Questa pagina si aggiorna da sola.
La tua banca non ha ancora confermato il pagamento. Se va a buon fine, l’ordine sarà confermato: torna su questa pagina più tardi.
Grazie! Il tuo ordine è confermato: il negozio lo sta preparando e ti terrà informato.
La tua banca ha rifiutato il pagamento: non è stato addebitato nulla. Il carrello è conservato; puoi riprovare, se serve con un’altra carta.
Il pagamento non è stato completato: non è stato addebitato nulla. Il carrello è conservato, puoi riprovare.
Se la tua banca conferma comunque un pagamento, questa pagina lo mostrerà.
Il pagamento non è stato completato in tempo: non è stato addebitato nulla. Il carrello è conservato, puoi riprovare.
Il negozio ha annullato questo ordine: non è stato addebitato nulla.
Il negozio ha rimborsato questo ordine sulla tua carta.
Il negozio deve verificare questo pagamento: contattalo indicando il riferimento dell’ordine.
Questo ordine non è stato trovato: controlla il link o contatta il negozio.
Al momento non è possibile verificare l’ordine: controlla la connessione e riprova.
Riprova il pagamento
Verifica di nuovo
Riferimento: {ref}
Ordine del {date}
Pagato il {date}
Riepilogo dell’ordine
Stampa la ricevuta
Piano dei pagamenti
Pagato
In arrivo
Non addebitato`;
