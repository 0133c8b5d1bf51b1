import type { Draft } from './make.ts';

/** English: call scripts for collectors and notifications to colleagues. */
export const EN_INTERNAL: readonly Draft[] = [
  {
    code: 'level1_call',
    kind: 'call_script',
    name: 'Level 1 call: get a date',
    body: `
## Before the call

- #CustomerName, account #CustomerCode. Ask for #ContactName on #ContactPhone.
- Overdue: **#OverdueTotal**, the oldest item due on #OldestDueDate (#DaysLate days late). A reminder and a second reminder have been sent by e-mail.

#OverdueTable

## Opening

"Good morning, this is #CollectorName from #CompanyName. Could I speak to #ContactName, please? … I am calling about your account with us. Do you have two minutes?"

## Reason for the call

"We have sent you reminders about #OverdueCount overdue items, #OverdueTotal in total, the oldest due on #OldestDueDate. I wanted to check that you have received our invoices, and whether anything is holding up payment."

Listen, and write down the reason you are given.

## Ask for a date

"When can we expect payment of the #OverdueTotal?" Get a date and an amount. If only part can be paid now, agree on the amount and the date of each part. The deadline in our e-mail is #PaymentDeadline.

## Objections

| The customer says | You answer |
| :-- | :-- |
| "We never received the invoice." | "I will e-mail you a copy today. Can you confirm it will go into your next payment run, and on what date?" |
| "It is waiting for approval." | "Who needs to approve it, and by when? Could the other invoices be paid in the meantime?" |
| "There is a problem with the delivery, or the price." | "Thank you for telling me. On which invoice, and what exactly is the problem? I will record it and have it looked at; the other invoices remain due." |
| "We only pay once a month." | "Then can I count on your next payment run? On what date is it?" |
| "Cash is tight at the moment." | "I understand. What can you pay now, and when can you pay the rest? Let us agree on dates you can keep." |
| "It has already been paid." | "Thank you. What was the date, the amount and the reference? I will check with our bank and come back to you if it has not arrived." |

## Close

Repeat what was agreed: amount, date, invoices. "I will send you an e-mail today to confirm what we have agreed." Record the promise to pay in Relance, which sends the written confirmation, or record the dispute with its reason. Thank the person for their time.
`,
  },
  {
    code: 'level2_call',
    kind: 'call_script',
    name: 'Level 2 call: last call before the account hold',
    body: `
## Before the call

- #CustomerName, account #CustomerCode. Ask for #ContactName on #ContactPhone; if they cannot commit, ask who can (finance manager, CFO).
- Overdue: **#OverdueTotal**, the oldest item #DaysLate days late. A final reminder letter has been sent: payment is due by #PaymentDeadline, after which the account will be put on hold.

#OverdueTable

## Opening

"Good morning, this is #CollectorName from #CompanyName. I would like to speak to #ContactName, or to the person who decides on supplier payments, about your account. It is urgent."

## Reason for the call

"Despite our reminders and our previous call, #OverdueTotal is still overdue, the oldest invoice by #DaysLate days. We have written to you: if we have not received payment by #PaymentDeadline, your account will be put on hold and new orders will not be delivered. I would like to find a solution with you today so that this does not happen."

## Ask for a date

"Can you confirm the payment of #OverdueTotal before #PaymentDeadline? On what date exactly?" If the answer is vague, ask for the name of the person who can decide, and when you can reach them.

## Objections

| The customer says | You answer |
| :-- | :-- |
| "You are putting our orders on hold for a small delay?" | "We have been asking for this payment for several weeks. A firm date today is enough to avoid the hold." |
| "I have to ask my manager." | "Of course. Can I speak to them now, or when can I call them back today?" |
| "We dispute one of the invoices." | "Which one, and why? I will record the dispute for that invoice only; the others remain due by #PaymentDeadline." |
| "We cannot pay it all at once." | "Then let us agree on a first payment before #PaymentDeadline and a date for the rest. I need both in writing." |
| "The payment is already scheduled." | "Thank you. Which date, which amount? Please send me the payment confirmation when it leaves." |

## Close

Repeat the commitment: amount, date, who decided it. "I will confirm this to you in writing today." Record the promise to pay in Relance, which sends the written confirmation. If no commitment was made, tell the person plainly that the hold will apply after #PaymentDeadline, and inform the sales owner.
`,
  },
  {
    code: 'level2_notify_sales',
    kind: 'internal',
    name: 'Level 2: the sales owner is asked before the final reminder',
    subject: '#CustomerName: final reminder about to go out, #OverdueTotal overdue',
    body: `
Hello #SalesOwnerName,

#CustomerName (account #CustomerCode) has **#OverdueTotal** overdue; the oldest item is #DaysLate days late. Reminders and a call have not brought payment so far.

Unless you object by **#ObjectionDeadline**, the final reminder goes out: a letter asking for payment by a deadline and warning that the account will be put on hold, followed by a call from #CollectorName.

#OverdueTable

Please reply to #CollectorName (#CollectorEmail) by #ObjectionDeadline if:

- you know of a dispute, a delivery or invoicing problem, or a payment arrangement;
- there is a commercial reason to wait (an order being negotiated, a contact who is away);
- you can help: a call from you to your contact at the customer often settles things quickly.

Otherwise, there is nothing for you to do.
`,
  },
  {
    code: 'key_account_notify_sales',
    kind: 'internal',
    name: 'Key accounts: the sales owner is told before the first call',
    subject: '#CustomerName: overdue #OverdueTotal, we are calling them',
    body: `
Hello #SalesOwnerName,

For your information: #CustomerName (account #CustomerCode) has **#OverdueTotal** overdue, the oldest item due on #OldestDueDate. As it is a key account, we are not sending a letter: #CollectorName will call the customer in the coming days to agree on a payment date.

#OverdueTable

If you know of anything that explains the delay (a dispute, a change of contact, a pending order), or if you would rather make the call yourself, please let #CollectorName know (#CollectorEmail).
`,
  },
  {
    code: 'formal_notice_notify',
    kind: 'internal',
    name: 'Formal notice: the credit manager is told',
    subject: 'Formal notice to #CustomerName awaits confirmation: #ClaimTotal',
    body: `
Hello,

A formal notice to #CustomerName (account #CustomerCode), a key account, is ready and waits for confirmation before it is sent by registered letter.

- Overdue: #OverdueTotal, the oldest item #DaysLate days late
- Claimed with interest and fixed compensation: #ClaimTotal
- Deadline given in the letter: #PaymentDeadline

#OverdueTable

Before confirming, please check that no dispute is open on these items, that no payment or promise has been recorded since the last call, and that the sales owner has been heard. The collector in charge is #CollectorName (#CollectorEmail).
`,
  },
  {
    code: 'handover_task',
    kind: 'internal',
    name: 'Hand-over: decision and file for the credit manager',
    subject: 'Hand-over decision: #CustomerName, #OverdueTotal overdue',
    body: `
The formal notice to #CustomerName (account #CustomerCode) has not been followed by payment. **#OverdueTotal** is overdue, the oldest item #DaysLate days late.

#OverdueTable

Disputed items, set aside:

#DisputedTable

## Decide

- **Collection agency**: for a customer still in business, when the debt is not contested.
- **Court order for payment**: for an undisputed claim backed by invoices, delivery notes and the formal notice.
- **Credit insurer**: if the account is insured, declare the claim before the insurer's deadline.
- **Wait**: only with a written reason (a settlement under negotiation, a payment announced).

## Gather the file

- the invoices and the proofs of delivery or acceptance;
- the contract or order, and the terms of sale;
- the reminders, the formal notice and its proof of receipt;
- the promises to pay that were not kept, and the correspondence.

Record the decision in Relance. The collector in charge is #CollectorName.
`,
  },
];
