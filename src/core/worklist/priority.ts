/**
 * The order of the collector's worklist: the money at stake, how late it is, and how risky
 * the customer has shown itself — amount overdue × lateness × risk, each factor explained so
 * that the score can be shown on hover and argued with. Pure and deterministic.
 */

export interface PriorityInput {
  /** Overdue amount in the currency's minor units, and its exponent (2 for EUR). */
  readonly overdueMinor: number;
  readonly exponent: number;
  readonly currency: string;
  /** Days since the oldest overdue due date (0 when nothing is overdue). */
  readonly daysLate: number;
  /** Promises to pay broken in the last 12 months. */
  readonly brokenPromises: number;
  /** Open disputes make a call less likely to bring money soon. */
  readonly openDisputes: number;
  /** The customer's account is held or handed over (litigation): more at stake. */
  readonly blocked: boolean;
}

export interface Priority {
  /** Higher first; rounded to a whole number. */
  readonly score: number;
  readonly amount: number;
  readonly lateness: number;
  readonly risk: number;
  /** One line, e.g. "1,200.00 EUR overdue × lateness 2.07 (32 days) × risk 1.50 (1 broken promise)". */
  readonly explanation: string;
}

/** Lateness grows with days late: 1 at the due date, 2 after a month, 3 after three months, at most 6. */
export function lateness(daysLate: number): number {
  const d = Math.max(0, daysLate);
  return Math.min(6, 1 + Math.log2(1 + d / 30));
}

export function risk(
  input: Pick<PriorityInput, 'brokenPromises' | 'openDisputes' | 'blocked'>,
): number {
  let r = 1 + 0.5 * Math.min(4, input.brokenPromises);
  if (input.blocked) r += 0.5;
  if (input.openDisputes > 0) r *= 0.8;
  return r;
}

export function priority(input: PriorityInput): Priority {
  const amount = input.overdueMinor / 10 ** input.exponent;
  const late = lateness(input.daysLate);
  const r = risk(input);
  const score = Math.round(Math.max(0, amount) * late * r);
  const why: string[] = [];
  if (input.brokenPromises > 0) {
    why.push(`${input.brokenPromises} broken promise${input.brokenPromises > 1 ? 's' : ''}`);
  }
  if (input.blocked) why.push('account held');
  if (input.openDisputes > 0) {
    why.push(`${input.openDisputes} open dispute${input.openDisputes > 1 ? 's' : ''}`);
  }
  const explanation =
    `${amount.toFixed(input.exponent)} ${input.currency} overdue × lateness ${late.toFixed(2)} ` +
    `(${Math.max(0, input.daysLate)} days) × risk ${r.toFixed(2)}${why.length ? ` (${why.join(', ')})` : ''}`;
  return { score, amount, lateness: late, risk: r, explanation };
}
