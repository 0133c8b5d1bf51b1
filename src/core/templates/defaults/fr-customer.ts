import type { Draft } from './make.ts';

/** French: what the customer receives (e-mails, letters, SMS). */
export const FR_CUSTOMER: readonly Draft[] = [
  {
    code: 'pre_dunning_email',
    kind: 'email',
    name: 'Pré-relance : relevé avant échéance',
    subject: 'Votre compte chez #CompanyName : relevé et prochaines échéances',
    body: `
#Salutation

Vous trouverez ci-dessous le relevé de votre compte #CustomerCode au #Today. Nous vous l’adressons quelques jours avant les prochaines échéances pour vous aider à préparer vos règlements, et pour que toute difficulté puisse être levée à temps.

- À échoir prochainement : #NotDueTotal
- Déjà échu : #OverdueTotal

#StatementTable

Un élément pourrait-il retarder le paiement : un numéro de commande manquant, une question sur une livraison ou sur un prix, une facture adressée au mauvais service ? Il vous suffit de répondre à ce message ; nous réglerons la question avec vous avant l’échéance.

Si tout est en ordre, vous n’avez rien d’autre à faire. Nous vous remercions de votre confiance.

Cordialement,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'reminder_email',
    kind: 'email',
    name: 'Rappel : courtois, suppose un oubli',
    subject: 'Rappel de paiement : #OverdueTotal échus sur le compte #CustomerCode',
    body: `
#Salutation

Sauf erreur de notre part, les pièces suivantes de votre compte sont arrivées à échéance et restent impayées au #Today :

#OverdueTable

Il s’agit probablement d’un simple oubli, ou votre règlement est peut-être déjà en route ; dans ce cas, merci de ne pas tenir compte de ce message. Dans le cas contraire, nous vous remercions de bien vouloir régler la somme de #OverdueTotal dans les meilleurs délais, en rappelant votre numéro de compte #CustomerCode.

S’il vous manque une facture, ou si un point en empêche le règlement, répondez simplement à ce message : nous vous enverrons un duplicata ou examinerons la question sans attendre.

Cordialement,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'level1_email',
    kind: 'email',
    name: 'Niveau 1 : deuxième relance avec délai',
    subject: 'Deuxième relance : #OverdueTotal à régler au plus tard le #PaymentDeadline',
    body: `
#Salutation

Nous vous avons récemment écrit au sujet de pièces échues sur votre compte #CustomerCode, et nous n’avons reçu à ce jour ni règlement ni réponse. Au #Today, les pièces suivantes restent impayées :

#OverdueTable

Nous vous demandons de régler la somme de #OverdueTotal au plus tard le **#PaymentDeadline**, en rappelant votre numéro de compte. Si vous avez déjà effectué ce paiement, merci de nous en communiquer la date et la référence afin que nous puissions le rapprocher.

Si ces factures restent impayées pour une raison particulière (facture non reçue, question sur une livraison ou un prix, validation interne en attente), merci de nous le faire savoir dès maintenant : nous ne pouvons vous aider que si nous sommes informés. Un membre de notre équipe vous appellera par ailleurs dans les prochains jours pour convenir d’une date de paiement.

Pour information, des pièces d’un montant de #NotDueTotal arrivent prochainement à échéance.

Cordialement,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'level2_letter',
    kind: 'letter',
    name: 'Niveau 2 : dernière relance, annonce le blocage du compte',
    subject: 'Dernière relance avant blocage de votre compte',
    body: `
#Salutation

Malgré nos relances et nos appels, les pièces suivantes de votre compte #CustomerCode restent impayées au #Today :

#OverdueTable

Nous vous demandons de régler la somme de **#OverdueTotal** au plus tard le **#PaymentDeadline**, par virement sur le compte indiqué sur nos factures, en rappelant votre numéro de compte.

À défaut de règlement à cette date, nous serons contraints de bloquer votre compte : aucune nouvelle commande ne sera traitée ni livrée tant que les sommes échues n’auront pas été réglées. Nous souhaitons vivement éviter d’en arriver là, et nous avons informé votre interlocuteur commercial chez #CompanyName.

Si vous avez réglé entre-temps, merci de ne pas tenir compte de ce courrier et de nous transmettre les références du paiement. Si vous contestez l’une de ces pièces, indiquez-nous dès maintenant, par écrit, laquelle et pour quel motif.

Votre interlocuteur pour ce compte : #CollectorName, #CollectorEmail.

Nous vous prions d’agréer nos salutations distinguées.

#CollectorName\\
#CompanyName
`,
  },
  {
    code: 'key_account_letter',
    kind: 'letter',
    name: 'Grands comptes, niveau 2 : courrier courtois après les appels',
    subject: 'Pièces échues sur votre compte #CustomerCode',
    body: `
#Salutation

Nous attachons une grande importance à notre relation avec #CustomerName ; c’est pourquoi nous avons jusqu’ici évoqué avec vous par téléphone, plutôt que par écrit, les pièces échues ci-dessous. Au #Today, elles restent impayées :

#OverdueTable

Nous vous remercions de bien vouloir régler la somme de **#OverdueTotal** au plus tard le **#PaymentDeadline**, en rappelant votre numéro de compte #CustomerCode, ou de nous indiquer d’ici là la personne avec qui nous pouvons en convenir.

Si l’une de ces pièces fait l’objet d’une contestation, précisez-nous laquelle et pour quel motif, afin que nous puissions la résoudre rapidement avec notre équipe commerciale. Des retards qui resteraient sans explication nous conduiraient à revoir les conditions de crédit de votre compte.

Nous vous remercions de votre diligence et vous prions d’agréer nos salutations distinguées.

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'formal_notice_letter',
    kind: 'letter',
    name: 'Mise en demeure : lettre recommandée avec pénalités',
    subject: 'Mise en demeure de payer',
    body: `
**Lettre recommandée avec accusé de réception**

#Salutation

**Le présent courrier vaut mise en demeure de payer.**

Malgré nos précédentes relances, #CustomerName n’a pas réglé les factures suivantes dues à #CompanyName (compte #CustomerCode, situation au #Today) :

#OverdueTable

Notre créance s’établit comme suit :

#Penalties

Les pénalités de retard courent au taux annuel de #InterestRate sur chaque somme restant due, à compter du lendemain de son échéance ; l’indemnité forfaitaire pour frais de recouvrement est due pour chaque facture payée en retard. Les unes comme l’autre sont dues de plein droit, en application des règles légales sur les délais de paiement entre professionnels et de nos conditions générales de vente.

Par la présente, nous vous mettons en demeure de nous régler la somme de **#ClaimTotal** au plus tard le **#PaymentDeadline**, par virement sur le compte indiqué sur nos factures, en rappelant votre numéro de compte #CustomerCode. Les pénalités de retard continuent de courir jusqu’au complet paiement.

À défaut de paiement intégral dans ce délai, nous engagerons sans autre avis une procédure judiciaire de recouvrement, notamment par voie d’injonction de payer ; les frais de cette procédure s’ajouteront aux sommes ci-dessus. Jusqu’au règlement du compte, nous nous réservons le droit de suspendre nos livraisons.

Si vous avez réglé entre-temps, merci de nous communiquer la date et la référence du paiement. Si vous estimez qu’une partie de ces sommes n’est pas due, faites-le-nous savoir par écrit, motifs à l’appui, avant le #PaymentDeadline.

Nous vous prions d’agréer nos salutations distinguées.

#CollectorName\\
#CompanyName\\
#CompanyAddress
`,
  },
  {
    code: 'handover_notice_letter',
    kind: 'letter',
    name: 'Transmission au contentieux : information du client',
    subject: 'Transmission de votre dossier au recouvrement',
    body: `
#Salutation

Notre mise en demeure est restée sans effet : au #Today, les factures suivantes de votre compte #CustomerCode demeurent impayées.

#OverdueTable

Pénalités de retard et indemnité forfaitaire comprises, notre créance s’établit comme suit :

#Penalties

Nous avons donc décidé de confier le recouvrement de cette créance de #ClaimTotal à une société de recouvrement ou à notre avocat, qui prendra directement contact avec vous. Les frais de recouvrement et, le cas échéant, de procédure judiciaire pourront alors s’ajouter aux sommes dues.

Seul un règlement intégral reçu avant la transmission du dossier permettra d’arrêter cette procédure. Si vous souhaitez régler dès maintenant, contactez sans délai #CollectorName à l’adresse #CollectorEmail.

Nous vous prions d’agréer nos salutations distinguées.

#CollectorName\\
#CompanyName
`,
  },
  {
    code: 'promise_confirmation_email',
    kind: 'email',
    name: 'Promesse de paiement : confirmation écrite de l’appel',
    subject:
      'Confirmation de notre entretien : règlement de #PromiseAmount au plus tard le #PromiseDate',
    body: `
#Salutation

Nous vous remercions de notre entretien téléphonique du #PromiseMadeOn. Comme convenu, #CustomerName réglera la somme de **#PromiseAmount** au plus tard le **#PromiseDate**.

Pour mémoire, voici les pièces échues de votre compte #CustomerCode au #Today :

#OverdueTable

Nous avons pris note de cet engagement et ne vous adresserons pas de nouvelle relance pour ces pièces avant cette date. Si un changement intervient, sur la date ou sur le montant, merci de nous prévenir avant le #PromiseDate afin que nous convenions ensemble d’une autre solution.

Cordialement,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'reminder_sms',
    kind: 'sms',
    name: 'SMS : rappel de paiement court',
    body: `
#CompanyName : #OverdueTotal restent impayés sur votre compte #CustomerCode depuis le #OldestDueDate. Si vous avez déjà réglé, merci de ne pas tenir compte de ce message. Contact : #CollectorEmail
`,
  },
];
