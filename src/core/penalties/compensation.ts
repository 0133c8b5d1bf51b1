import type { Jurisdiction } from './types.ts';

/** A sum of money in minor units of `currency`. */
export interface Amount {
  readonly minor: number;
  readonly currency: string;
}

/** UK fixed sums by debt size, in pence: below GBP 1,000; below GBP 10,000; from GBP 10,000. */
const UK_BANDS: readonly { readonly below: number; readonly minor: number }[] = [
  { below: 100_000, minor: 4_000 },
  { below: 1_000_000, minor: 7_000 },
  { below: Infinity, minor: 10_000 },
];

/**
 * The statutory fixed recovery compensation for one invoice paid late: EUR 40 in the EU,
 * France and Germany (whatever the invoice currency); GBP 40, 70 or 100 in the UK by the
 * size of the debt (`amountMinor`, in pence); nothing under a contract alone.
 */
export function fixedCompensation(
  jurisdiction: Jurisdiction,
  currency: string,
  amountMinor: number,
): Amount {
  switch (jurisdiction) {
    case 'EU':
    case 'FR':
    case 'DE':
      return { minor: 4_000, currency: 'EUR' };
    case 'GB': {
      const band = UK_BANDS.find((b) => amountMinor < b.below) ?? UK_BANDS[UK_BANDS.length - 1]!;
      return { minor: band.minor, currency: 'GBP' };
    }
    case 'CONTRACT':
      return { minor: 0, currency };
  }
}
