/** Italian texts of the checkout book, one per line in the order of its keys (index.ts). */
export const it = `Paga con carta
Paga {amount}
Paga {amount} in {n} rate
Quantità
Un {name} in più
Un {name} in meno
Rimuovi {name}
Il tuo carrello è vuoto.
Continua gli acquisti
Calcolo…
Creazione dell’ordine…
Verso la banca…
Non è stato possibile calcolare il totale.
Riprova
Tutti i campi sono obbligatori, salvo se indicato «facoltativo».
facoltativo
E-mail
Indirizzo di fatturazione
Indirizzo di consegna
Consegna all’indirizzo di fatturazione
Nome
Cognome
Indirizzo
Indirizzo (riga 2)
CAP
Città
Paese
Telefono
Per il corriere, se necessario.
Accetto le
condizioni di vendita
Pagamento
In un’unica soluzione
In {n} rate
Metodo di spedizione
Codice promozionale
Applica
Rimuovi il codice {code}
Non disponibile
Questo campo è obbligatorio.
Inserisci un indirizzo e-mail valido, ad esempio nome@esempio.it.
CAP non valido ({country}: ad esempio {example}).
Numero non valido: da 6 a 15 cifre, con il prefisso (+32…) per un altro paese.
Il testo contiene caratteri non accettati.
Accetta le condizioni di vendita per continuare.
Non spediamo in questo paese.
Correggi {n} campo/i per continuare:
Questo codice promozionale non esiste.
Questo codice promozionale è scaduto.
Questo codice promozionale non è ancora valido.
Questo codice richiede un carrello di almeno {amount}.
Questo codice promozionale non è più disponibile.
Questo codice non si applica a questo carrello.
Nessun pagamento è stato effettuato.
Il servizio di pagamento non è raggiungibile: controlla la connessione e riprova.
Il servizio di pagamento ha avuto un problema: riprova tra un momento.
«{name}» non è più disponibile: rimuovilo dal carrello per continuare.
Il prezzo è cambiato: controlla il nuovo totale prima di pagare.
Quantità non valida: modificala per continuare.
Scorte insufficienti per «{name}»: riduci la quantità per continuare.
Troppi tentativi: riprova tra qualche minuto.
Il pagamento online non è disponibile al momento: contatta il negozio.
Completa i campi indicati, poi paga di nuovo.
Si è verificato un errore: riprova.
Poi {amount} al mese
Poi {amount} ogni {n} mesi`;
