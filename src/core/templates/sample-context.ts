import type { RenderContext } from './context.ts';

/**
 * A realistic account used for the examples of docs/hashtags.md and docs/templates.md, for
 * tests and for previews: a British seller, a Spanish customer, one level-1 step.
 */
export const SAMPLE_CONTEXT: RenderContext = {
  company: {
    name: 'Lumen Tools Ltd',
    language: 'en',
    addressLines: ['12 Wharf Road', 'London N1 7GR', 'United Kingdom'],
    phone: '+44 20 7946 0000',
    email: 'credit@lumen-tools.example',
    website: 'https://www.lumen-tools.example',
    vatNumber: 'GB123456789',
    registration: 'Company no. 01234567',
    bankAccount: { iban: 'GB33 BUKB 2020 1555 5555 55', bic: 'BUKBGB22' },
  },
  customer: {
    code: 'BELL01',
    name: 'Bellweather Foods SA',
    addressLines: ['Calle de Alcalá 120', '28009 Madrid', 'Spain'],
    vatNumber: 'ESA12345674',
  },
  contact: { name: 'Maria Lopez', email: 'ap@bellweather.example', phone: '+34 91 555 0142' },
  collector: {
    name: 'Anna Whitfield',
    title: 'Credit controller',
    email: 'anna.whitfield@lumen-tools.example',
    phone: '+44 20 7946 0321',
  },
  salesOwner: {
    name: 'Tom Becker',
    email: 'tom.becker@lumen-tools.example',
    phone: '+44 20 7946 0455',
  },
  currency: 'EUR',
  items: {
    overdue: [
      {
        number: 'INV-2026-0107',
        type: 'invoice',
        issueDate: '2026-01-12',
        dueDate: '2026-02-11',
        currency: 'EUR',
        amountMinor: 125000,
        openMinor: 125000,
        reference: 'PO-7781',
        documentUrl: 'https://docs.lumen-tools.example/inv/INV-2026-0107.pdf',
      },
      {
        number: 'INV-2026-0142',
        type: 'invoice',
        issueDate: '2026-01-26',
        dueDate: '2026-02-25',
        currency: 'EUR',
        amountMinor: 98040,
        openMinor: 48040,
        reference: 'PO-7790',
        documentUrl: 'https://docs.lumen-tools.example/inv/INV-2026-0142.pdf',
      },
      {
        number: 'CN-2026-0009',
        type: 'credit_note',
        issueDate: '2026-02-02',
        dueDate: '2026-02-02',
        currency: 'EUR',
        amountMinor: -12000,
        openMinor: -12000,
      },
    ],
    notDue: [
      {
        number: 'INV-2026-0203',
        type: 'invoice',
        issueDate: '2026-03-02',
        dueDate: '2026-04-01',
        currency: 'EUR',
        amountMinor: 240000,
        openMinor: 240000,
      },
    ],
    disputed: [
      {
        number: 'INV-2026-0118',
        type: 'invoice',
        issueDate: '2026-01-19',
        dueDate: '2026-02-18',
        currency: 'EUR',
        amountMinor: 31000,
        openMinor: 31000,
        disputeReason: 'Damaged on delivery',
      },
    ],
  },
  penalties: {
    currency: 'EUR',
    interestMinor: 1362,
    compensationMinor: 8000,
    compensationCount: 2,
    compensationEachMinor: 4000,
    rates: [{ ratePercent: '12.15', from: '2026-02-12', to: '2026-03-16' }],
  },
  links: {
    portal: 'https://pay.lumen-tools.example/p/7Hq2',
    payment: 'https://pay.lumen-tools.example/pay/7Hq2',
    account: 'https://relance.lumen-tools.example/customers/BELL01',
  },
  step: {
    id: 'level_1',
    name: 'Level 1: e-mail and call for a promise to pay',
    kind: 'level_1',
    deadlineDays: 8,
    objectionDeadline: '2026-03-19',
  },
  promise: {
    amountMinor: 161040,
    currency: 'EUR',
    payBy: '2026-03-20',
    madeOn: '2026-03-16',
    madeBy: 'Maria Lopez',
    items: ['INV-2026-0107', 'INV-2026-0142'],
  },
  today: '2026-03-16',
  paymentDeadline: '2026-03-26',
};
