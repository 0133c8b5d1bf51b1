/**
 * What the demo generator needs to know about a country: word lists for names and addresses,
 * phone and postal code formats, and localized dispute reasons.
 */
import type { Random } from './random.ts';

export type Segment = 'key_account' | 'smb' | 'public';

/** A city with the postal codes (or postcode areas, or ZIP prefixes) and phone prefix it uses. */
export interface Place {
  readonly city: string;
  readonly postal: readonly string[];
  readonly area: string;
}

export interface CompanyName {
  /** Display name, legal form included: 'Boulangeries Martin SARL'. */
  readonly name: string;
  /** The distinctive part used for the e-mail domain: 'Boulangeries Martin'. */
  readonly core: string;
}

export interface Locale {
  readonly country: string;
  readonly language: string;
  readonly currency: string;
  readonly decimals: number;
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly places: readonly Place[];
  readonly collectors: readonly string[];
  readonly disputeReasons: readonly string[];
  company(rng: Random, segment: Segment): CompanyName;
  street(rng: Random): string;
  line2(rng: Random): string;
  postalCode(rng: Random, place: Place): string;
  phone(rng: Random, place: Place, mobile: boolean): string;
}

/** Random string of `count` (at most 15) decimal digits, leading zeros allowed. */
export function digits(rng: Random, count: number): string {
  return String(rng.int(0, 10 ** count - 1)).padStart(count, '0');
}

/**
 * Concatenates into one flat string. Plain `a + b` makes a rope node per step once the text
 * reaches 13 characters; with a million rows, ropes double the memory the GC has to copy.
 */
export function flat(...parts: string[]): string {
  return parts.join('');
}

/** ASCII slug for e-mail addresses: 'Müller & Söhne' → 'mueller-soehne'. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
