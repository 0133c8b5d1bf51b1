/** Shared by the decideCredit tests: an as-of date, items and facts with defaults. */
import type { CreditFacts } from './credit-decision.ts';
import type { LedgerItem } from './types.ts';

export const AS_OF = '2026-03-10';

/** An invoice (by default) of 1,000.00 EUR, open in full, undisputed. */
export function item(
  fields: Partial<LedgerItem> & Pick<LedgerItem, 'number' | 'dueDate'>,
): LedgerItem {
  const type = fields.type ?? 'invoice';
  const amountMinor = fields.amountMinor ?? (type === 'invoice' ? 100000 : -100000);
  return {
    type,
    issueDate: '2026-01-01',
    currency: 'EUR',
    amountMinor,
    openMinor: amountMinor,
    disputed: false,
    ...fields,
  };
}

export function facts(over: Partial<CreditFacts> = {}): CreditFacts {
  return {
    status: 'active',
    currency: 'EUR',
    creditLimitMinor: null,
    items: [],
    toleranceDays: 0,
    asOf: AS_OF,
    ...over,
  };
}

/** Not due yet (due after AS_OF). */
export const NOT_DUE = item({ number: 'N1', dueDate: '2026-03-31' });
/** 30 days overdue. */
export const LATE = item({ number: 'L1', dueDate: '2026-02-08' });
export const HOLD = {
  since: '2026-03-02',
  step: 'formal_notice',
  actionId: 42,
  detail: 'account on hold for new orders by Formal notice (step formal_notice, action #42)',
};
