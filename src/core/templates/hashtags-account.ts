import {
  disputedTable,
  invoiceLinks,
  notDueTable,
  overdueTable,
  statementTable,
} from './blocks.ts';
import { formatDate, formatInteger, formatMoney } from './format.ts';
import { urlOr, type Hashtag, type HashtagValue, type ValueEnv } from './hashtag-types.ts';

/** The account's tables and links, the scenario step and the promise to pay. */

const longDate = (env: ValueEnv, date: string | undefined, missing: string): HashtagValue =>
  date === undefined ? { missing } : { text: formatDate(date, env.locale, 'long') };

export const ACCOUNT_HASHTAGS: readonly Hashtag[] = [
  {
    name: 'StatementTable',
    group: 'tables',
    kind: 'block',
    description:
      'The whole account, oldest due date first: each item with its status (days late, disputed, not yet due), then the totals overdue, disputed, not yet due and the balance, per currency.',
    example: [
      '| Document | Your reference | Issued | Due | Amount | Open | Status |',
      '| :-- | :-- | :-- | :-- | --: | --: | :-- |',
      '| CN-2026-0009 (credit note) |  | 02/02/2026 | 02/02/2026 | -€120.00 | -€120.00 |  |',
      '| INV-2026-0107 | PO-7781 | 12/01/2026 | 11/02/2026 | €1,250.00 | €1,250.00 | 33 days late |',
      '| INV-2026-0118 |  | 19/01/2026 | 18/02/2026 | €310.00 | €310.00 | disputed |',
      '| INV-2026-0142 | PO-7790 | 26/01/2026 | 25/02/2026 | €980.40 | €480.40 | 19 days late |',
      '| INV-2026-0203 |  | 02/03/2026 | 01/04/2026 | €2,400.00 | €2,400.00 | not yet due |',
      '| **Total overdue** |  |  |  |  | **€1,610.40** |  |',
      '| **Total disputed** |  |  |  |  | **€310.00** |  |',
      '| **Total not yet due** |  |  |  |  | **€2,400.00** |  |',
      '| **Balance** |  |  |  |  | **€4,320.40** |  |',
    ].join('\n'),
    value: (env) => ({ markdown: statementTable(env) }),
  },
  {
    name: 'OverdueTable',
    group: 'tables',
    kind: 'block',
    description:
      'The overdue items (disputed ones left out) with days late, and the total overdue per currency.',
    example: [
      '| Document | Your reference | Issued | Due | Days late | Amount | Open |',
      '| :-- | :-- | :-- | :-- | --: | --: | --: |',
      '| CN-2026-0009 (credit note) |  | 02/02/2026 | 02/02/2026 |  | -€120.00 | -€120.00 |',
      '| INV-2026-0107 | PO-7781 | 12/01/2026 | 11/02/2026 | 33 | €1,250.00 | €1,250.00 |',
      '| INV-2026-0142 | PO-7790 | 26/01/2026 | 25/02/2026 | 19 | €980.40 | €480.40 |',
      '| **Total overdue** |  |  |  |  |  | **€1,610.40** |',
    ].join('\n'),
    value: (env) => ({ markdown: overdueTable(env) }),
  },
  {
    name: 'NotDueTable',
    group: 'tables',
    kind: 'block',
    description:
      'The items not yet due, so the customer can plan them, and their total per currency.',
    example: [
      '| Document | Issued | Due | Amount | Open |',
      '| :-- | :-- | :-- | --: | --: |',
      '| INV-2026-0203 | 02/03/2026 | 01/04/2026 | €2,400.00 | €2,400.00 |',
      '| **Total not yet due** |  |  |  | **€2,400.00** |',
    ].join('\n'),
    value: (env) => ({ markdown: notDueTable(env) }),
  },
  {
    name: 'DisputedTable',
    group: 'tables',
    kind: 'block',
    description: 'The disputed items with the reason recorded, and their total per currency.',
    example: [
      '| Document | Issued | Due | Open | Reason |',
      '| :-- | :-- | :-- | --: | :-- |',
      '| INV-2026-0118 | 19/01/2026 | 18/02/2026 | €310.00 | Damaged on delivery |',
      '| **Total disputed** |  |  | **€310.00** |  |',
    ].join('\n'),
    value: (env) => ({ markdown: disputedTable(env) }),
  },
  {
    name: 'PortalLink',
    group: 'links',
    kind: 'inline',
    link: true,
    description:
      'The customer’s own page (statement, documents, promise to pay, dispute). Alone it shows the address; as `[your account](#PortalLink)` it makes a link.',
    example: 'https://pay.lumen-tools.example/p/7Hq2',
    value: ({ ctx }) => urlOr(ctx.links?.portal, 'customer page link (links.portal)'),
  },
  {
    name: 'PaymentLink',
    group: 'links',
    kind: 'inline',
    link: true,
    description:
      'Online payment of the overdue amount. Use it alone or as `[pay online](#PaymentLink)`.',
    example: 'https://pay.lumen-tools.example/pay/7Hq2',
    value: ({ ctx }) => urlOr(ctx.links?.payment, 'payment link (links.payment)'),
  },
  {
    name: 'AccountLink',
    group: 'links',
    kind: 'inline',
    link: true,
    description: 'The customer in the collector workspace: for internal notifications only.',
    example: 'https://relance.lumen-tools.example/customers/BELL01',
    value: ({ ctx }) => urlOr(ctx.links?.account, 'workspace link (links.account)'),
  },
  {
    name: 'InvoiceLinks',
    group: 'links',
    kind: 'block',
    description:
      'A list of links to the documents of the account that are online, oldest due date first.',
    example: [
      '- [INV-2026-0107](https://docs.lumen-tools.example/inv/INV-2026-0107.pdf)',
      '- [INV-2026-0142](https://docs.lumen-tools.example/inv/INV-2026-0142.pdf)',
    ].join('\n'),
    value: (env) => ({ markdown: invoiceLinks(env) }),
  },
  {
    name: 'StepName',
    group: 'step',
    kind: 'inline',
    description: 'The name of the scenario step, as written in the scenario.',
    example: 'Level 1: e-mail and call for a promise to pay',
    value: ({ ctx }) =>
      ctx.step === undefined ? { missing: 'scenario step (step)' } : { text: ctx.step.name },
  },
  {
    name: 'StepLevel',
    group: 'step',
    kind: 'inline',
    description:
      'What the step is, in the template’s language: Statement, Reminder, Second reminder, Final reminder, Formal notice, Hand-over.',
    example: 'Second reminder',
    value: ({ ctx, labels }) =>
      ctx.step === undefined
        ? { missing: 'scenario step (step)' }
        : { text: labels.steps[ctx.step.kind] },
  },
  {
    name: 'DeadlineDays',
    group: 'step',
    kind: 'inline',
    description: 'The business days the step gives to pay.',
    example: '8',
    value: ({ ctx, locale }) =>
      ctx.step?.deadlineDays === undefined
        ? { missing: 'deadline for the step (step.deadlineDays)' }
        : { text: formatInteger(ctx.step.deadlineDays, locale) },
  },
  {
    name: 'ObjectionDeadline',
    group: 'step',
    kind: 'inline',
    description:
      'Internal notifications: the day the sales owner can object until, before the step goes out.',
    example: '19 March 2026',
    value: (env) =>
      longDate(env, env.ctx.step?.objectionDeadline, 'objection deadline (step.objectionDeadline)'),
  },
  {
    name: 'PromiseAmount',
    group: 'promise',
    kind: 'inline',
    description: 'The amount the customer promised to pay.',
    example: '€1,610.40',
    value: ({ ctx, locale }) =>
      ctx.promise === undefined
        ? { missing: 'promise to pay (promise)' }
        : { text: formatMoney(ctx.promise.amountMinor, ctx.promise.currency, locale) },
  },
  {
    name: 'PromiseDate',
    group: 'promise',
    kind: 'inline',
    description: 'The date the customer promised to pay by.',
    example: '20 March 2026',
    value: (env) => longDate(env, env.ctx.promise?.payBy, 'promise to pay (promise)'),
  },
  {
    name: 'PromiseMadeOn',
    group: 'promise',
    kind: 'inline',
    description: 'The day the promise was made (the call).',
    example: '16 March 2026',
    value: (env) => longDate(env, env.ctx.promise?.madeOn, 'promise to pay (promise)'),
  },
  {
    name: 'PromiseMadeBy',
    group: 'promise',
    kind: 'inline',
    description: 'Who made the promise, at the customer.',
    example: 'Maria Lopez',
    value: ({ ctx }) =>
      ctx.promise?.madeBy === undefined || ctx.promise.madeBy.trim() === ''
        ? { missing: 'name of who promised (promise.madeBy)' }
        : { text: ctx.promise.madeBy },
  },
  {
    name: 'PromiseItems',
    group: 'promise',
    kind: 'inline',
    description: 'The numbers of the items the promise covers, separated by commas.',
    example: 'INV-2026-0107, INV-2026-0142',
    value: ({ ctx }) => {
      const items = ctx.promise?.items ?? [];
      return items.length === 0
        ? { missing: 'items named in the promise (promise.items)' }
        : { text: items.join(', ') };
    },
  },
];
