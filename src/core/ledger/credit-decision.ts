import { addDays, compareDates, diffDays, type LocalDate } from '../calendar/local-date.ts';
import { minorToDecimalString } from '../money/format-money.ts';
import type { LedgerItem } from './types.ts';

export type CustomerStatus = 'active' | 'on_hold' | 'blocked' | 'litigation' | 'excluded';

/** The verdict: 'ok' takes orders; the others say why not (or, for 'excluded', why no dunning). */
export type CreditVerdict = 'ok' | 'on_hold' | 'blocked' | 'excluded' | 'litigation';

export type CreditReasonCode =
  | 'OK'
  | 'LITIGATION'
  | 'ACCOUNT_BLOCKED'
  | 'ACCOUNT_ON_HOLD'
  | 'EXCLUDED'
  | 'CREDIT_LIMIT_EXCEEDED'
  | 'OVERDUE_BEYOND_TOLERANCE';

export interface CreditReason {
  readonly code: CreditReasonCode;
  readonly detail: string;
  /** The business date the reason started, when known. */
  readonly since?: LocalDate | undefined;
  /** ACCOUNT_ON_HOLD: the dunning step and action that held the account. */
  readonly step?: string | undefined;
  readonly actionId?: number | undefined;
}

export interface CreditFacts {
  readonly status: CustomerStatus;
  /** The customer's currency: the credit limit's and the exposure's. */
  readonly currency: string;
  readonly creditLimitMinor: number | null;
  /** Open items (any currency). */
  readonly items: readonly LedgerItem[];
  readonly toleranceDays: number;
  readonly asOf: LocalDate;
  /** The last account hold by dunning (timeline ACCOUNT_HELD), if any. */
  readonly hold?:
    | { since: LocalDate; step: string | null; actionId: number | null; detail: string }
    | null
    | undefined;
  /** When the customer was excluded (timeline CUSTOMER_EXCLUDED), if known. */
  readonly excludedSince?: LocalDate | null | undefined;
  /**
   * The last change by hand to the stored status `blocked` or `litigation` (timeline
   * ACCOUNT_BLOCKED / ACCOUNT_LITIGATION: who, why), if any.
   */
  readonly manual?: { since: LocalDate; detail: string } | null | undefined;
}

export interface CreditDecision {
  readonly status: CreditVerdict;
  readonly mayTakeOrders: boolean;
  /** The deciding reason: reasons[0]. */
  readonly reason: CreditReason;
  /** Every reason that applies, the deciding one first. */
  readonly reasons: readonly CreditReason[];
  /** Per currency: Σ open of invoices past due (disputed included). */
  readonly overdueMinor: Readonly<Record<string, number>>;
  /** Per currency: Σ open of undisputed invoices more than toleranceDays past due. */
  readonly overdueBeyondToleranceMinor: Readonly<Record<string, number>>;
  /** Per currency: Σ open of all open items (credits netted). */
  readonly balanceMinor: Readonly<Record<string, number>>;
  /** The balance in the customer's currency (other currencies are not converted). */
  readonly exposureMinor: number;
  readonly creditLimitMinor: number | null;
  /** creditLimitMinor − exposureMinor (negative when exceeded), or null without a limit. */
  readonly availableCreditMinor: number | null;
}

/**
 * Decides whether a customer may take new orders as of a date. Order of precedence:
 * litigation, blocked by hand, on hold by dunning (a hold_account step, lifted by the
 * run once nothing is overdue beyond the company's tolerance), then the credit limit.
 * Items overdue beyond the tolerance are reported as a further reason (after the
 * deciding one, for every status but 'excluded', where only the credit limit applies);
 * they do not block an active account by themselves.
 */
export function decideCredit(f: CreditFacts): CreditDecision {
  const overdueMinor: Record<string, number> = {};
  const beyond: Record<string, number> = {};
  const balanceMinor: Record<string, number> = {};
  let oldest: LedgerItem | undefined;
  for (const i of f.items) {
    if (i.openMinor === 0) continue;
    balanceMinor[i.currency] = (balanceMinor[i.currency] ?? 0) + i.openMinor;
    if (i.type !== 'invoice') continue;
    const late = diffDays(f.asOf, i.dueDate);
    if (late > 0) overdueMinor[i.currency] = (overdueMinor[i.currency] ?? 0) + i.openMinor;
    if (late > f.toleranceDays && !i.disputed) {
      beyond[i.currency] = (beyond[i.currency] ?? 0) + i.openMinor;
      if (!oldest || compareDates(i.dueDate, oldest.dueDate) < 0) oldest = i;
    }
  }
  const exposureMinor = balanceMinor[f.currency] ?? 0;
  const limit = f.creditLimitMinor;
  const money = (minor: number) => `${minorToDecimalString(minor, f.currency)} ${f.currency}`;
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

  const rules: CreditReason[] = [];
  if (limit !== null && exposureMinor > limit) {
    rules.push({
      code: 'CREDIT_LIMIT_EXCEEDED',
      detail: `exposure ${money(exposureMinor)} is above the credit limit ${money(limit)}`,
    });
  }
  const overdueRule: CreditReason | undefined = oldest && {
    code: 'OVERDUE_BEYOND_TOLERANCE',
    detail:
      `${oldest.number} (due ${oldest.dueDate}) is ${days(diffDays(f.asOf, oldest.dueDate))} ` +
      `overdue; the company tolerates ${days(f.toleranceDays)}`,
    since: addDays(oldest.dueDate, f.toleranceDays + 1),
  };

  let status: CreditVerdict;
  let reasons: CreditReason[];
  const byHand = (code: 'LITIGATION' | 'ACCOUNT_BLOCKED', bare: string): CreditReason =>
    f.manual
      ? { code, detail: `${f.manual.detail}; lifted by hand only`, since: f.manual.since }
      : { code, detail: bare };
  if (f.status === 'litigation') {
    status = 'litigation';
    reasons = [
      byHand('LITIGATION', 'the account is in litigation'),
      ...rules,
      ...(overdueRule ? [overdueRule] : []),
    ];
  } else if (f.status === 'blocked') {
    status = 'blocked';
    reasons = [
      byHand('ACCOUNT_BLOCKED', 'the account is blocked'),
      ...rules,
      ...(overdueRule ? [overdueRule] : []),
    ];
  } else if (f.status === 'on_hold') {
    status = 'on_hold';
    const release = `released by the run once nothing is overdue more than ${days(f.toleranceDays)}`;
    const held: CreditReason = f.hold
      ? {
          code: 'ACCOUNT_ON_HOLD',
          detail: `${f.hold.detail}; ${release}`,
          since: f.hold.since,
          step: f.hold.step ?? undefined,
          actionId: f.hold.actionId ?? undefined,
        }
      : { code: 'ACCOUNT_ON_HOLD', detail: `the account is on hold; ${release}` };
    reasons = [held, ...rules, ...(overdueRule ? [overdueRule] : [])];
  } else if (f.status === 'excluded') {
    status = 'excluded';
    const excluded: CreditReason = {
      code: 'EXCLUDED',
      detail: 'excluded from dunning: only the credit limit applies to orders',
      since: f.excludedSince ?? undefined,
    };
    reasons = rules.length > 0 ? [...rules, excluded] : [excluded];
  } else {
    // An active account takes orders within its credit limit. What is overdue is
    // dunning's business: the account is held only by a hold_account step, so the
    // overdue rule is reported after the verdict, never as the verdict.
    status = rules.length > 0 ? 'blocked' : 'ok';
    reasons =
      rules.length > 0
        ? [...rules, ...(overdueRule ? [overdueRule] : [])]
        : [
            {
              code: 'OK',
              detail:
                limit === null
                  ? 'the account is active and has no credit limit'
                  : 'the account is active and within its credit limit',
            },
            ...(overdueRule ? [overdueRule] : []),
          ];
  }
  const mayTakeOrders =
    status === 'ok' || (status === 'excluded' && reasons[0]?.code === 'EXCLUDED');
  return {
    status,
    mayTakeOrders,
    reason: reasons[0]!,
    reasons,
    overdueMinor,
    overdueBeyondToleranceMinor: beyond,
    balanceMinor,
    exposureMinor,
    creditLimitMinor: limit,
    availableCreditMinor: limit === null ? null : limit - exposureMinor,
  };
}
