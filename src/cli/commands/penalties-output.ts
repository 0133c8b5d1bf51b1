import { formatMoney } from '../../core/money/format-money.ts';
import type { PenaltyPeriod, PenaltyResult } from '../../core/penalties/types.ts';

const LOCALE = 'en-GB';

/** The breakdown of `relance penalties` for a person. */
export function renderPenalties(r: PenaltyResult): string {
  const money = (minor: number, currency = r.currency) => formatMoney(minor, currency, LOCALE);
  const out = [`${r.jurisdiction} · ${money(r.amountMinor)} due ${r.dueDate} · as of ${r.asOf}`];
  if (r.settledOn !== null) out.push(`paid in full on ${r.settledOn}`);
  if (r.days === 0) {
    out.push('not late: no interest and no fixed compensation');
    return out.join('\n') + '\n';
  }
  out.push(`${r.days} ${r.days === 1 ? 'day' : 'days'} late`);
  const source =
    r.rateSource === 'contract'
      ? `contract rate ${r.contract?.ratePercent} % per ${r.contract?.per}`
      : 'statutory rate';
  const basis = r.dayBasis === '365' ? '365-day year' : 'actual/actual';
  out.push(
    `interest: ${money(r.interestMinor)} (${source}, ${basis}, simple interest, rounded once half-up)`,
  );
  for (const p of r.periods) out.push(`  ${period(p, money)}`);
  if (r.lateFeeMinor > 0) out.push(`late fee: ${money(r.lateFeeMinor)}`);
  if (r.compensationMinor > 0) {
    out.push(`fixed compensation: ${money(r.compensationMinor, r.compensationCurrency)}`);
  }
  if (r.totalMinor !== null) out.push(`total: ${money(r.totalMinor)}`);
  return out.join('\n') + '\n';
}

function period(p: PenaltyPeriod, money: (minor: number) => string): string {
  const ref = p.reference;
  const rate =
    ref === undefined
      ? `${p.rate} %`
      : `${p.rate} % (${ref.series} ${ref.percent} + ${ref.margin})`;
  const basis = p.basis === 365 ? '' : ` / ${p.basis}`;
  const days = `${p.days} ${p.days === 1 ? 'day' : 'days'}`;
  return `${p.from} → ${p.to}  ${days.padStart(8)} on ${money(p.principalMinor)} at ${rate}${basis}: ${p.interest}`;
}
