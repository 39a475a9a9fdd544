/** German texts, one per line in the order of `KEYS` (messages.ts). */
export const de = `Mit Karte bezahlen
Gesamt
Menge
Ein {name} mehr
Ein {name} weniger
{name} entfernen
Warenkorb leer.
Berechnung…
Bestellung wird angelegt…
Weiter zur Bank…
E-Mail
Ich akzeptiere die
AGB
Zahlung
Auf einmal
In {n} Raten
Adresse
PLZ
Ort
Land
Nicht verfügbar
Dienst nicht erreichbar. Erneut versuchen.
„{name}“ ist nicht mehr verfügbar.
Der Preis hat sich geändert.
Ungültige Menge.
Fehler. Erneut versuchen.
In den Warenkorb
{n} Artikel im Warenkorb
Zahlung akzeptiert. Danke!
Zahlung abgelehnt.
Erneut versuchen
Warten auf die Bank…
Noch ausstehend. Schauen Sie später vorbei.
Bestellung nicht bestätigt. Kontaktieren Sie den Shop.
Bestellung nicht gefunden.
Referenz: {ref}
Danach {amount} pro Monat
Danach {amount} alle {n} Monate
Bezahlt
Anstehend
Nicht eingezogen`;
