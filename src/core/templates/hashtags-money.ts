import { diffDays } from '../calendar/local-date.ts';
import { byDueDate, claimTotal, openTotal, penaltiesTable } from './blocks.ts';
import type { RenderItem } from './context.ts';
import { formatDate, formatInteger, formatMoney, formatPercent } from './format.ts';
import type { Hashtag, HashtagValue, ValueEnv } from './hashtag-types.ts';

/** The figures: amounts, dates and penalties. */

const total = (env: ValueEnv, items: readonly RenderItem[]): HashtagValue => ({
  text: formatMoney(openTotal(items, env.ctx.currency), env.ctx.currency, env.locale),
});

const longDate = (env: ValueEnv, date: string | undefined, missing: string): HashtagValue =>
  date === undefined ? { missing } : { text: formatDate(date, env.locale, 'long') };

/** The oldest overdue debt (credit notes and payments do not count). */
const oldestDue = (env: ValueEnv) =>
  byDueDate(env.ctx.items.overdue.filter((i) => i.openMinor > 0))[0]?.dueDate;

const NO_PENALTIES = 'penalties computed for the overdue items (penalties)';

const withPenalties = (
  env: ValueEnv,
  f: (p: NonNullable<ValueEnv['ctx']['penalties']>) => HashtagValue,
): HashtagValue =>
  env.ctx.penalties === undefined ? { missing: NO_PENALTIES } : f(env.ctx.penalties);

export const MONEY_HASHTAGS: readonly Hashtag[] = [
  {
    name: 'Currency',
    group: 'amounts',
    kind: 'inline',
    description:
      'The currency of the communication (ISO 4217 code). Amount hashtags total the items in it.',
    example: 'EUR',
    value: ({ ctx }) => ({ text: ctx.currency }),
  },
  {
    name: 'OverdueTotal',
    group: 'amounts',
    kind: 'inline',
    description:
      'What is overdue and not disputed: the open amounts of the overdue items (credit notes deducted).',
    example: '€1,610.40',
    value: (env) => total(env, env.ctx.items.overdue),
  },
  {
    name: 'NotDueTotal',
    group: 'amounts',
    kind: 'inline',
    description: 'What falls due later: the open amounts of the items not yet due.',
    example: '€2,400.00',
    value: (env) => total(env, env.ctx.items.notDue),
  },
  {
    name: 'DisputedTotal',
    group: 'amounts',
    kind: 'inline',
    description: 'The open amount of the disputed items (set aside until the dispute is settled).',
    example: '€310.00',
    value: (env) => total(env, env.ctx.items.disputed),
  },
  {
    name: 'BalanceTotal',
    group: 'amounts',
    kind: 'inline',
    description: 'The whole open balance of the account: overdue, disputed and not yet due.',
    example: '€4,320.40',
    value: (env) => {
      const { overdue, notDue, disputed } = env.ctx.items;
      return total(env, [...overdue, ...disputed, ...notDue]);
    },
  },
  {
    name: 'OverdueCount',
    group: 'amounts',
    kind: 'inline',
    description: 'How many overdue items there are.',
    example: '3',
    value: (env) => ({ text: formatInteger(env.ctx.items.overdue.length, env.locale) }),
  },
  {
    name: 'Today',
    group: 'dates',
    kind: 'inline',
    description: 'The date of the document.',
    example: '16 March 2026',
    value: (env) => longDate(env, env.ctx.today, 'date'),
  },
  {
    name: 'OldestDueDate',
    group: 'dates',
    kind: 'inline',
    description: 'The due date of the oldest overdue item.',
    example: '11 February 2026',
    value: (env) => longDate(env, oldestDue(env), 'overdue item (items.overdue is empty)'),
  },
  {
    name: 'DaysLate',
    group: 'dates',
    kind: 'inline',
    description: 'How many days the oldest overdue item is late.',
    example: '33',
    value: (env) => {
      const due = oldestDue(env);
      return due === undefined
        ? { missing: 'overdue item (items.overdue is empty)' }
        : { text: formatInteger(diffDays(env.ctx.today, due), env.locale) };
    },
  },
  {
    name: 'PaymentDeadline',
    group: 'dates',
    kind: 'inline',
    description:
      'The date to pay by: the document’s date plus the step’s deadline (deadlineDays), counted in business days.',
    example: '26 March 2026',
    value: (env) =>
      longDate(
        env,
        env.ctx.paymentDeadline,
        'payment deadline: give the step deadlineDays (paymentDeadline)',
      ),
  },
  {
    name: 'Penalties',
    group: 'penalties',
    kind: 'block',
    description:
      'A table of what is claimed: the principal overdue, late-payment interest with its rate and period, the fixed recovery compensation (and a contractual late fee, if any), and the total.',
    example: [
      '| Claim | Amount |',
      '| :-- | --: |',
      '| Principal overdue | €1,610.40 |',
      '| Late-payment interest, 12.15% a year from 12/02/2026 to 16/03/2026 | €13.62 |',
      '| Fixed recovery compensation (2 × €40.00) | €80.00 |',
      '| **Total claimed** | **€1,704.02** |',
    ].join('\n'),
    value: (env) => withPenalties(env, (p) => ({ markdown: penaltiesTable(env, p) })),
  },
  {
    name: 'InterestTotal',
    group: 'penalties',
    kind: 'inline',
    description: 'Late-payment interest accrued on the overdue items.',
    example: '€13.62',
    value: (env) =>
      withPenalties(env, (p) => ({ text: formatMoney(p.interestMinor, p.currency, env.locale) })),
  },
  {
    name: 'InterestRate',
    group: 'penalties',
    kind: 'inline',
    description:
      'The annual interest rate applied (several separated by " / " when the rate changed on 1 January or 1 July).',
    example: '12.15%',
    value: (env) =>
      withPenalties(env, (p) => {
        const rates = [...new Set(p.rates.map((r) => r.ratePercent))];
        return rates.length === 0
          ? { missing: 'interest rate (penalties.rates)' }
          : { text: rates.map((r) => formatPercent(r, env.locale)).join(' / ') };
      }),
  },
  {
    name: 'CompensationTotal',
    group: 'penalties',
    kind: 'inline',
    description: 'The fixed recovery compensation claimed (per late invoice, as the law sets it).',
    example: '€80.00',
    value: (env) =>
      withPenalties(env, (p) => ({
        text: formatMoney(p.compensationMinor, p.currency, env.locale),
      })),
  },
  {
    name: 'ClaimTotal',
    group: 'penalties',
    kind: 'inline',
    description:
      'Principal overdue + interest + fixed compensation (+ a contractual late fee, if any).',
    example: '€1,704.02',
    value: (env) =>
      withPenalties(env, (p) => ({
        text: formatMoney(claimTotal(env, p), p.currency, env.locale),
      })),
  },
];
