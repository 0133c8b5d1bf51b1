/** Aging buckets by days past due, from not yet due to more than 120 days late. */
export type AgingBucket = 'current' | '1-30' | '31-60' | '61-90' | '91-120' | '120+';

export const AGING_BUCKETS: readonly AgingBucket[] = [
  'current',
  '1-30',
  '31-60',
  '61-90',
  '91-120',
  '120+',
];

/** Bucket for an item `daysPastDue` days late; due today or later (≤ 0) is 'current'. */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  if (daysPastDue <= 120) return '91-120';
  return '120+';
}

/** A fresh all-zero total per bucket. */
export function emptyAging(): Record<AgingBucket, number> {
  return { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '120+': 0 };
}
