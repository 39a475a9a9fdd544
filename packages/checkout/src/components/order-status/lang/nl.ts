/** Dutch texts of the status book, one per line in the order of its keys (index.ts). */
export const nl = `Betaling controleren…
Betaling in afwachting
Betaling geaccepteerd
Betaling geweigerd
Betaling niet voltooid
Bestelling geannuleerd
Bestelling terugbetaald
Betaling wordt gecontroleerd
Bestelling niet gevonden
Controle niet mogelijk
We wachten op de bevestiging van je bank; dat duurt meestal een paar seconden. Deze pagina werkt zichzelf bij.
Je bank heeft de betaling nog niet bevestigd. Als die lukt, wordt de bestelling bevestigd: kom later terug naar deze pagina.
Bedankt! Je bestelling is bevestigd: de winkel maakt hem klaar en houdt je op de hoogte.
Je bank heeft de betaling geweigerd: er is niets afgeschreven. Je winkelwagen blijft bewaard; je kunt het opnieuw proberen, zo nodig met een andere kaart.
De betaling is niet voltooid: er is niets afgeschreven. Je winkelwagen blijft bewaard, je kunt het opnieuw proberen.
Als je bank toch een betaling bevestigt, zie je dat op deze pagina.
De betaling is niet op tijd voltooid: er is niets afgeschreven. Je winkelwagen blijft bewaard, je kunt het opnieuw proberen.
De winkel heeft deze bestelling geannuleerd: er is niets afgeschreven.
De winkel heeft deze bestelling terugbetaald op je kaart.
De winkel moet deze betaling controleren: neem contact op met de bestelreferentie.
Deze bestelling is niet gevonden: controleer de link of neem contact op met de winkel.
De bestelling kan nu niet worden gecontroleerd: controleer je verbinding en probeer het opnieuw.
Betaling opnieuw proberen
Opnieuw controleren
Referentie: {ref}
Bestelling van {date}
Betaald op {date}
Overzicht van de bestelling
Bon afdrukken
Betalingsschema
Betaald
Gepland
Niet geïnd`;
