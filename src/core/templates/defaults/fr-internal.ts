import type { Draft } from './make.ts';

/** French: call scripts for collectors and notifications to colleagues. */
export const FR_INTERNAL: readonly Draft[] = [
  {
    code: 'level1_call',
    kind: 'call_script',
    name: 'Appel de niveau 1 : obtenir une date',
    body: `
## Avant l’appel

- #CustomerName, compte #CustomerCode. Demander #ContactName au #ContactPhone.
- Échu : **#OverdueTotal**, la pièce la plus ancienne échue le #OldestDueDate (#DaysLate jours de retard). Un rappel et une deuxième relance ont été envoyés par e-mail.

#OverdueTable

## Ouverture

« Bonjour, #CollectorName, de la société #CompanyName. Pourrais-je parler à #ContactName, s’il vous plaît ? … Je vous appelle au sujet de votre compte chez nous. Avez-vous deux minutes ? »

## Motif de l’appel

« Nous vous avons adressé des relances pour #OverdueCount pièces échues, #OverdueTotal au total, la plus ancienne échue le #OldestDueDate. Je voulais vérifier que vous avez bien reçu nos factures, et savoir si quelque chose en bloque le règlement. »

Écouter, et noter la raison donnée.

## Obtenir une date

« À quelle date pouvons-nous compter sur le règlement des #OverdueTotal ? » Obtenir une date et un montant. Si seule une partie peut être réglée, convenir du montant et de la date de chaque versement. Le délai fixé dans notre e-mail court jusqu’au #PaymentDeadline.

## Objections

| Le client dit | Vous répondez |
| :-- | :-- |
| « Nous n’avons jamais reçu la facture. » | « Je vous en envoie un duplicata par e-mail aujourd’hui. Pouvez-vous me confirmer qu’elle passera dans votre prochain règlement, et à quelle date ? » |
| « Elle est en cours de validation. » | « Qui doit la valider, et d’ici quand ? Les autres factures peuvent-elles être réglées en attendant ? » |
| « Il y a un problème de livraison, ou de prix. » | « Merci de me le signaler. Sur quelle facture, et quel est précisément le problème ? Je l’enregistre et le fais examiner ; les autres factures restent dues. » |
| « Nous ne payons qu’une fois par mois. » | « Puis-je compter sur votre prochaine campagne de paiement ? À quelle date a-t-elle lieu ? » |
| « Notre trésorerie est tendue en ce moment. » | « Je comprends. Que pouvez-vous régler maintenant, et quand pourrez-vous régler le solde ? Fixons ensemble des dates que vous pourrez tenir. » |
| « C’est déjà payé. » | « Merci. À quelle date, pour quel montant, avec quelle référence ? Je vérifie auprès de notre banque et je reviens vers vous si le paiement n’est pas arrivé. » |

## Conclusion

Reformuler l’engagement : montant, date, factures. « Je vous envoie aujourd’hui un e-mail qui confirme ce que nous avons convenu. » Enregistrer la promesse de paiement dans Relance, qui envoie la confirmation écrite, ou enregistrer le litige avec son motif. Remercier l’interlocuteur.
`,
  },
  {
    code: 'level2_call',
    kind: 'call_script',
    name: 'Appel de niveau 2 : dernier appel avant blocage',
    body: `
## Avant l’appel

- #CustomerName, compte #CustomerCode. Demander #ContactName au #ContactPhone ; s’il ne peut pas s’engager, demander qui le peut (responsable comptable, directeur financier).
- Échu : **#OverdueTotal**, la pièce la plus ancienne avec #DaysLate jours de retard. Une lettre de dernière relance a été envoyée : paiement attendu au plus tard le #PaymentDeadline, faute de quoi le compte sera bloqué.

#OverdueTable

## Ouverture

« Bonjour, #CollectorName, de la société #CompanyName. Je souhaite parler à #ContactName, ou à la personne qui décide des paiements fournisseurs, au sujet de votre compte. C’est urgent. »

## Motif de l’appel

« Malgré nos relances et notre précédent appel, #OverdueTotal restent impayés, la facture la plus ancienne avec #DaysLate jours de retard. Nous vous avons écrit : sans règlement au #PaymentDeadline, votre compte sera bloqué et les nouvelles commandes ne seront plus livrées. J’aimerais trouver une solution avec vous aujourd’hui pour que cela n’arrive pas. »

## Obtenir une date

« Pouvez-vous me confirmer le règlement des #OverdueTotal avant le #PaymentDeadline ? À quelle date précisément ? » Si la réponse reste vague, demander le nom de la personne qui peut décider, et quand la joindre.

## Objections

| Le client dit | Vous répondez |
| :-- | :-- |
| « Vous bloquez nos commandes pour un petit retard ? » | « Nous demandons ce règlement depuis plusieurs semaines. Une date ferme aujourd’hui suffit à éviter le blocage. » |
| « Je dois en parler à mon responsable. » | « Bien sûr. Puis-je lui parler maintenant, ou quand puis-je le rappeler aujourd’hui ? » |
| « Nous contestons une des factures. » | « Laquelle, et pour quel motif ? J’enregistre le litige pour cette facture seulement ; les autres restent dues au #PaymentDeadline. » |
| « Nous ne pouvons pas tout payer en une fois. » | « Convenons alors d’un premier versement avant le #PaymentDeadline et d’une date pour le solde. J’ai besoin des deux par écrit. » |
| « Le paiement est déjà programmé. » | « Merci. À quelle date, pour quel montant ? Envoyez-moi l’avis de virement dès son émission. » |

## Conclusion

Reformuler l’engagement : montant, date, qui l’a décidé. « Je vous le confirme par écrit aujourd’hui. » Enregistrer la promesse de paiement dans Relance, qui envoie la confirmation écrite. Sans engagement, dire clairement que le blocage s’appliquera après le #PaymentDeadline, et informer le commercial.
`,
  },
  {
    code: 'level2_notify_sales',
    kind: 'internal',
    name: 'Niveau 2 : le commercial est consulté avant la dernière relance',
    subject: '#CustomerName : dernière relance sur le point de partir, #OverdueTotal échus',
    body: `
Bonjour #SalesOwnerName,

#CustomerName (compte #CustomerCode) a **#OverdueTotal** échus ; la pièce la plus ancienne a #DaysLate jours de retard. Les relances et l’appel n’ont pas abouti à un paiement à ce jour.

Sauf objection de votre part d’ici le **#ObjectionDeadline**, la dernière relance partira : un courrier demandant le paiement dans un délai fixé et annonçant le blocage du compte, suivi d’un appel de #CollectorName.

#OverdueTable

Merci de répondre à #CollectorName (#CollectorEmail) au plus tard le #ObjectionDeadline si :

- vous avez connaissance d’un litige, d’un problème de livraison ou de facturation, ou d’un accord de paiement ;
- une raison commerciale justifie d’attendre (une commande en négociation, un interlocuteur absent) ;
- vous pouvez aider : un appel de votre part à votre contact chez le client débloque souvent la situation.

Sinon, vous n’avez rien à faire.
`,
  },
  {
    code: 'key_account_notify_sales',
    kind: 'internal',
    name: 'Grands comptes : le commercial est informé avant le premier appel',
    subject: '#CustomerName : #OverdueTotal échus, nous les appelons',
    body: `
Bonjour #SalesOwnerName,

Pour information : #CustomerName (compte #CustomerCode) a **#OverdueTotal** échus, la pièce la plus ancienne échue le #OldestDueDate. S’agissant d’un grand compte, nous n’envoyons pas de courrier : #CollectorName appellera le client dans les prochains jours pour convenir d’une date de paiement.

#OverdueTable

Si vous avez connaissance d’un élément qui explique ce retard (un litige, un changement d’interlocuteur, une commande en cours), ou si vous préférez passer l’appel vous-même, merci de prévenir #CollectorName (#CollectorEmail).
`,
  },
  {
    code: 'formal_notice_notify',
    kind: 'internal',
    name: 'Mise en demeure : le credit manager est informé',
    subject: 'Mise en demeure de #CustomerName en attente de validation : #ClaimTotal',
    body: `
Bonjour,

Une mise en demeure de #CustomerName (compte #CustomerCode), grand compte, est prête et attend votre validation avant son envoi en recommandé.

- Échu : #OverdueTotal, la pièce la plus ancienne avec #DaysLate jours de retard
- Réclamé avec pénalités et indemnité forfaitaire : #ClaimTotal
- Délai accordé dans le courrier : #PaymentDeadline

#OverdueTable

Avant de valider, merci de vérifier qu’aucun litige n’est ouvert sur ces pièces, qu’aucun paiement ni aucune promesse n’a été enregistré depuis le dernier appel, et que le commercial a été consulté. Le chargé de recouvrement est #CollectorName (#CollectorEmail).
`,
  },
  {
    code: 'handover_task',
    kind: 'internal',
    name: 'Transmission au contentieux : décision et dossier',
    subject: 'Décision contentieux : #CustomerName, #OverdueTotal échus',
    body: `
La mise en demeure adressée à #CustomerName (compte #CustomerCode) n’a pas été suivie de paiement. **#OverdueTotal** sont échus, la pièce la plus ancienne avec #DaysLate jours de retard.

#OverdueTable

Pièces en litige, mises de côté :

#DisputedTable

## Décider

- **Société de recouvrement** : pour un client toujours en activité, quand la créance n’est pas contestée.
- **Injonction de payer** : pour une créance non contestée, justifiée par les factures, les bons de livraison et la mise en demeure.
- **Assureur-crédit** : si le compte est assuré, déclarer le sinistre avant l’échéance fixée par le contrat.
- **Attendre** : seulement pour une raison écrite (un accord en négociation, un paiement annoncé).

## Constituer le dossier

- les factures et les preuves de livraison ou de réception ;
- le contrat ou la commande, et les conditions générales de vente ;
- les relances, la mise en demeure et son accusé de réception ;
- les promesses de paiement non tenues, et la correspondance.

Enregistrer la décision dans Relance. Le chargé de recouvrement est #CollectorName.
`,
  },
];
