/** Dutch texts, one per line in the order of `KEYS` (messages.ts). */
export const nl = `Betalen met kaart
Totaal
Aantal
Eén {name} meer
Eén {name} minder
{name} verwijderen
Winkelwagen leeg.
Berekenen…
Bestelling aanmaken…
Naar de bank…
E-mail
Ik ga akkoord met de
verkoopvoorwaarden
Betaling
In één keer
In {n} termijnen
Adres
Postcode
Plaats
Land
Niet beschikbaar
Dienst onbereikbaar. Probeer opnieuw.
‘{name}’ is niet meer beschikbaar.
De prijs is gewijzigd.
Ongeldig aantal.
Fout. Probeer opnieuw.
In winkelwagen
{n} artikel(en) in de winkelwagen
Betaling geaccepteerd. Bedankt!
Betaling geweigerd.
Opnieuw proberen
Wachten op de bank…
Nog in afwachting. Kom later terug.
Bestelling niet bevestigd. Neem contact op met de winkel.
Bestelling niet gevonden.
Referentie: {ref}
Daarna {amount} per maand
Daarna {amount} elke {n} maanden
Betaald
Gepland
Niet geïnd`;
