/** German texts of the checkout book, one per line in the order of its keys (index.ts). */
export const de = `Mit Karte bezahlen
{amount} bezahlen
{amount} in {n} Raten bezahlen
Menge
Ein {name} mehr
Ein {name} weniger
{name} entfernen
Ihr Warenkorb ist leer.
Weiter einkaufen
Berechnung…
Bestellung wird angelegt…
Weiter zur Bank…
Die Summe konnte nicht berechnet werden.
Erneut versuchen
Alle Felder sind Pflichtfelder, sofern nicht „optional“ angegeben.
optional
E-Mail
Rechnungsadresse
Lieferadresse
An die Rechnungsadresse liefern
Vorname
Nachname
Straße und Hausnummer
Adresszusatz
Postleitzahl
Ort
Land
Telefon
Für den Zusteller, falls nötig.
Ich akzeptiere die
AGB
Zahlung
Auf einmal
In {n} Raten
Versandart
Gutscheincode
Einlösen
Code {code} entfernen
Nicht verfügbar
Dieses Feld ist erforderlich.
Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.
Ungültige Postleitzahl ({country}: z. B. {example}).
Ungültige Nummer: 6 bis 15 Ziffern, mit Ländervorwahl (+32…) für ein anderes Land.
Dieser Text enthält nicht zulässige Zeichen.
Akzeptieren Sie die AGB, um fortzufahren.
Wir liefern nicht in dieses Land.
Korrigieren Sie {n} Feld(er), um fortzufahren:
Dieser Gutscheincode existiert nicht.
Dieser Gutscheincode ist abgelaufen.
Dieser Gutscheincode ist noch nicht gültig.
Dieser Gutscheincode gilt ab einem Warenwert von {amount}.
Dieser Gutscheincode ist nicht mehr verfügbar.
Dieser Gutscheincode gilt nicht für diesen Warenkorb.
Es wurde nichts abgebucht.
Der Zahlungsdienst ist nicht erreichbar: Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
Beim Zahlungsdienst ist ein Problem aufgetreten: Versuchen Sie es gleich noch einmal.
„{name}“ ist nicht mehr verfügbar: Entfernen Sie den Artikel aus dem Warenkorb, um fortzufahren.
Der Preis hat sich geändert: Prüfen Sie die neue Summe vor dem Bezahlen.
Ungültige Menge: Ändern Sie sie, um fortzufahren.
Nicht genug „{name}“ auf Lager: Verringern Sie die Menge, um fortzufahren.
Zu viele Versuche: Versuchen Sie es in einigen Minuten erneut.
Die Online-Zahlung ist derzeit nicht verfügbar: Kontaktieren Sie den Shop.
Füllen Sie die markierten Felder aus und bezahlen Sie erneut.
Ein Fehler ist aufgetreten: Versuchen Sie es erneut.
Danach {amount} pro Monat
Danach {amount} alle {n} Monate`;
