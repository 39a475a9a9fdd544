/** German texts of the status book, one per line in the order of its keys (index.ts). */
export const de = `Zahlung wird geprüft…
Zahlung ausstehend
Zahlung akzeptiert
Zahlung abgelehnt
Zahlung nicht abgeschlossen
Bestellung storniert
Bestellung erstattet
Zahlung in Prüfung
Bestellung nicht gefunden
Prüfung nicht möglich
Wir warten auf die Bestätigung Ihrer Bank; das dauert meist nur wenige Sekunden. Diese Seite aktualisiert sich selbst.
Ihre Bank hat die Zahlung noch nicht bestätigt. Wenn sie durchgeht, wird die Bestellung bestätigt: Schauen Sie später wieder auf dieser Seite vorbei.
Danke! Ihre Bestellung ist bestätigt: Der Shop bereitet sie vor und hält Sie auf dem Laufenden.
Ihre Bank hat die Zahlung abgelehnt: Es wurde nichts abgebucht. Ihr Warenkorb bleibt erhalten; Sie können es erneut versuchen, bei Bedarf mit einer anderen Karte.
Die Zahlung wurde nicht abgeschlossen: Es wurde nichts abgebucht. Ihr Warenkorb bleibt erhalten, Sie können es erneut versuchen.
Sollte Ihre Bank doch noch eine Zahlung bestätigen, zeigt diese Seite es an.
Die Zahlung wurde nicht rechtzeitig abgeschlossen: Es wurde nichts abgebucht. Ihr Warenkorb bleibt erhalten, Sie können es erneut versuchen.
Der Shop hat diese Bestellung storniert: Es wurde nichts abgebucht.
Der Shop hat den Betrag dieser Bestellung auf Ihre Karte erstattet.
Der Shop muss diese Zahlung prüfen: Kontaktieren Sie ihn mit der Bestellreferenz.
Diese Bestellung wurde nicht gefunden: Prüfen Sie den Link oder kontaktieren Sie den Shop.
Die Bestellung kann gerade nicht geprüft werden: Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
Zahlung erneut versuchen
Erneut prüfen
Referenz: {ref}
Bestellung vom {date}
Bezahlt am {date}
Bestellübersicht
Beleg drucken
Zahlungsplan
Bezahlt
Anstehend
Nicht eingezogen`;
