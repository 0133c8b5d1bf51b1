import type { Draft } from './make.ts';

/** English: what the customer receives (e-mails, letters, SMS). */
export const EN_CUSTOMER: readonly Draft[] = [
  {
    code: 'pre_dunning_email',
    kind: 'email',
    name: 'Pre-dunning: statement before the due date',
    subject: 'Your account with #CompanyName: statement and coming due dates',
    body: `
#Salutation

Please find below the statement of your account #CustomerCode as of #Today. We send it a few days before the next due dates so that you can plan your payments, and so that anything that needs attention comes up while there is still time to deal with it.

- Falling due soon: #NotDueTotal
- Already past due: #OverdueTotal

#StatementTable

Is there anything that could hold up payment: a missing purchase order number, a question about a delivery or a price, an invoice sent to the wrong address? Simply reply to this e-mail and we will sort it out with you before the due date.

If everything is in order, there is nothing more to do. Thank you for your business.

Kind regards,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'reminder_email',
    kind: 'email',
    name: 'Reminder: friendly, assumes an oversight',
    subject: 'Payment reminder: #OverdueTotal overdue on account #CustomerCode',
    body: `
#Salutation

According to our records, the following items on your account were due but are still unpaid as of #Today:

#OverdueTable

This has most likely been overlooked, or your payment may already be on its way; if so, please disregard this message. Otherwise, we would be grateful if you could arrange payment of #OverdueTotal at your earliest convenience, quoting your account number #CustomerCode.

If an invoice is missing from your records, or if something prevents you from paying it, just reply to this e-mail: we will send a copy or look into the matter straight away.

Kind regards,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'level1_email',
    kind: 'email',
    name: 'Level 1: second reminder with a deadline',
    subject: 'Second reminder: #OverdueTotal overdue, please pay by #PaymentDeadline',
    body: `
#Salutation

We wrote to you recently about overdue items on your account #CustomerCode and have not yet received payment or a reply. As of #Today, the following items remain unpaid:

#OverdueTable

Please pay the overdue amount of #OverdueTotal by **#PaymentDeadline** at the latest, quoting your account number. If you have already paid, send us the date and reference of the payment so that we can match it.

If there is a reason why these invoices have not been paid (an invoice you did not receive, a question about a delivery or a price, an approval still pending), please tell us now: we can only help if we know. A member of our team will also call you in the coming days to agree on a payment date.

For your planning, items for #NotDueTotal fall due shortly.

Kind regards,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'level2_letter',
    kind: 'letter',
    name: 'Level 2: final reminder, warns of an account hold',
    subject: 'Final reminder before your account is put on hold',
    body: `
#Salutation

Despite our reminders and our calls, the following items on your account #CustomerCode remain unpaid as of #Today:

#OverdueTable

We ask you to pay the overdue amount of **#OverdueTotal** by **#PaymentDeadline** at the latest, by bank transfer to the account shown on our invoices, quoting your account number.

If your payment has not reached us by that date, we will have to put your account on hold: new orders will no longer be processed or delivered until the overdue amount is settled. We would much prefer to avoid this, and we have informed your sales contact at #CompanyName.

If you have paid in the meantime, please disregard this letter and send us the payment details. If you dispute any of these items, tell us now, in writing, which one and why.

Your contact for this account: #CollectorName, #CollectorEmail.

Yours sincerely,

#CollectorName\\
#CompanyName
`,
  },
  {
    code: 'key_account_letter',
    kind: 'letter',
    name: 'Key accounts, level 2: courteous letter after the calls',
    subject: 'Overdue items on your account #CustomerCode',
    body: `
#Salutation

We value our relationship with #CustomerName, which is why we have so far raised the following overdue items with you by telephone rather than in writing. As of #Today, they remain unpaid:

#OverdueTable

We would ask you to arrange payment of **#OverdueTotal** by **#PaymentDeadline**, quoting your account number #CustomerCode, or to let us know before that date who in your organisation we should speak to in order to settle them.

If any of these items is in dispute, please tell us which one and why, so that we can resolve it quickly with our sales team. Overdue items that remain unexplained would oblige us to review the credit terms of your account.

Thank you for your prompt attention.

Yours sincerely,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'formal_notice_letter',
    kind: 'letter',
    name: 'Formal notice: registered letter with penalties',
    subject: 'Formal notice to pay',
    body: `
**Registered letter with acknowledgment of receipt**

#Salutation

**This letter is a formal notice to pay.**

Despite our previous reminders, #CustomerName has not paid the following invoices owed to #CompanyName (account #CustomerCode, position as of #Today):

#OverdueTable

Our claim is made up as follows:

#Penalties

Late-payment interest runs at #InterestRate a year on each amount outstanding from the day after its due date; the fixed recovery compensation is due for each invoice paid late. Both are owed under the law applicable to commercial transactions and our terms of sale.

We hereby formally require you to pay the sum of **#ClaimTotal** by **#PaymentDeadline** at the latest, by bank transfer to the account shown on our invoices, quoting your account number #CustomerCode. Interest continues to run until payment in full.

If full payment has not been received by that date, we will take legal action to recover the debt without further notice, in particular by applying to the court for an order for payment, and the costs of that action will be claimed from you in addition to the sums above. Until the account is settled, we reserve the right to suspend deliveries.

If you have paid in the meantime, please send us the date and reference of the payment. If you consider that any of these sums is not owed, let us know in writing before #PaymentDeadline, giving your reasons.

Yours faithfully,

#CollectorName\\
#CompanyName\\
#CompanyAddress
`,
  },
  {
    code: 'handover_notice_letter',
    kind: 'letter',
    name: 'Hand-over notice: the claim goes to collection',
    subject: 'Transfer of your unpaid account for collection',
    body: `
#Salutation

Our formal notice to pay has had no effect: as of #Today, the following invoices on your account #CustomerCode remain unpaid.

#OverdueTable

With late-payment interest and the fixed recovery compensation, our claim stands as follows:

#Penalties

We have therefore decided to pass the recovery of this claim of #ClaimTotal to a collection agency or to our lawyers, who will contact you directly. From that point, the costs of recovery and of any court proceedings may be added to the sums you owe.

Only a payment in full received before the file is transferred will stop this procedure. If you wish to settle now, contact #CollectorName at #CollectorEmail without delay.

Yours faithfully,

#CollectorName\\
#CompanyName
`,
  },
  {
    code: 'promise_confirmation_email',
    kind: 'email',
    name: 'Promise to pay: written confirmation of the call',
    subject: 'Confirmation of our call: payment of #PromiseAmount by #PromiseDate',
    body: `
#Salutation

Thank you for taking the time to speak with us on #PromiseMadeOn. As agreed during our call, #CustomerName will pay **#PromiseAmount** by **#PromiseDate**.

For reference, these are the overdue items on your account #CustomerCode as of #Today:

#OverdueTable

We have recorded this commitment and will not send further reminders about these items before that date. If anything changes, whether the date or the amount, please let us know before #PromiseDate so that we can agree on a new arrangement.

Kind regards,

#CollectorName\\
#CompanyName · #CollectorEmail
`,
  },
  {
    code: 'reminder_sms',
    kind: 'sms',
    name: 'SMS: short payment reminder',
    body: `
#CompanyName: #OverdueTotal is overdue on your account #CustomerCode since #OldestDueDate. If you have already paid, please ignore this message. Questions: #CollectorEmail
`,
  },
];
