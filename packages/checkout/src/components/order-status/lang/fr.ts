/** French texts of the status book, one per line in the order of its keys (index.ts). */
export const fr = `Vérification du paiement…
Paiement en attente
Paiement accepté
Paiement refusé
Paiement non abouti
Commande annulée
Commande remboursée
Paiement à vérifier
Commande introuvable
Vérification impossible
Nous attendons la confirmation de votre banque, ce qui prend en général quelques secondes. Cette page se met à jour toute seule.
Votre banque n’a pas encore confirmé le paiement. S’il aboutit, la commande sera confirmée : revenez sur cette page un peu plus tard.
Merci ! Votre commande est confirmée : la boutique la prépare et vous tiendra informé.
Votre banque a refusé le paiement : aucun montant n’a été débité. Votre panier est conservé ; vous pouvez réessayer, avec une autre carte si besoin.
Le paiement n’a pas abouti : aucun montant n’a été débité. Votre panier est conservé, vous pouvez réessayer.
Si votre banque confirme malgré tout un paiement, cette page l’affichera.
Le paiement n’a pas été terminé à temps : aucun montant n’a été débité. Votre panier est conservé, vous pouvez réessayer.
La boutique a annulé cette commande : aucun montant n’a été débité.
La boutique a remboursé cette commande sur votre carte.
Le paiement doit être vérifié par la boutique : contactez-la en indiquant la référence de la commande.
Cette commande est introuvable : vérifiez le lien, ou contactez la boutique.
Impossible de vérifier la commande pour le moment : vérifiez votre connexion, puis réessayez.
Réessayer le paiement
Vérifier à nouveau
Référence : {ref}
Commande du {date}
Payée le {date}
Récapitulatif de la commande
Imprimer le reçu
Échéancier
Payé
À venir
Non prélevé`;
