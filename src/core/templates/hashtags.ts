import { ACCOUNT_HASHTAGS } from './hashtags-account.ts';
import { MONEY_HASHTAGS } from './hashtags-money.ts';
import { PARTY_HASHTAGS } from './hashtags-parties.ts';
import type { Hashtag, HashtagGroup } from './hashtag-types.ts';

export type { Hashtag, HashtagGroup, HashtagKind, HashtagValue } from './hashtag-types.ts';

/** Every hashtag a template can use, in the order of docs/hashtags.md. */
export const HASHTAGS: readonly Hashtag[] = [
  ...PARTY_HASHTAGS,
  ...MONEY_HASHTAGS,
  ...ACCOUNT_HASHTAGS,
];

const byName = new Map(HASHTAGS.map((h) => [h.name, h]));

/** The hashtag of that exact name (without '#'), or undefined. */
export function findHashtag(name: string): Hashtag | undefined {
  return byName.get(name);
}

export const HASHTAG_NAMES: readonly string[] = HASHTAGS.map((h) => h.name);

/** Headings of the groups, in order, for the documentation. */
export const HASHTAG_GROUPS: readonly { group: HashtagGroup; title: string }[] = [
  { group: 'customer', title: 'Customer' },
  { group: 'contact', title: 'Contact (the person written to)' },
  { group: 'company', title: 'Your company' },
  { group: 'people', title: 'Collector and sales owner' },
  { group: 'amounts', title: 'Amounts' },
  { group: 'dates', title: 'Dates' },
  { group: 'penalties', title: 'Penalties' },
  { group: 'tables', title: 'Tables' },
  { group: 'links', title: 'Links' },
  { group: 'step', title: 'Scenario step' },
  { group: 'promise', title: 'Promise to pay' },
];
