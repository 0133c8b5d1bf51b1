import { AppError, type Problem } from '../errors.ts';
import { isEmailAddress } from '../delivery/email-message.ts';
import { isCountryCode } from '../geo/countries.ts';

/**
 * The company profile: what letters print (letterhead, footer, bank details, signature) and
 * where e-mails come from (the collection address). Pure checks; the shell stores it.
 */

export type LetterWindowName = 'din5008b' | 'fr-c56';
export const LETTER_WINDOWS: readonly LetterWindowName[] = ['din5008b', 'fr-c56'];

export interface CompanyProfile {
  readonly name: string;
  readonly addressLine1: string | null;
  readonly addressLine2: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  readonly phone: string | null;
  /** The collection address: From of every e-mail. */
  readonly email: string | null;
  readonly website: string | null;
  readonly vatNumber: string | null;
  readonly registration: string | null;
  /** Stored in groups of four: 'FR76 3000 6000 0112 3456 7890 189'. */
  readonly iban: string | null;
  readonly bic: string | null;
  /** A PNG or JPEG file drawn on letters. */
  readonly logoPath: string | null;
  /** null: chosen by country (FR → fr-c56, else din5008b). */
  readonly letterWindow: LetterWindowName | null;
  /** Who signs when a customer has no collector ("credit team" otherwise). */
  readonly signatureName: string | null;
  readonly signatureTitle: string | null;
}

/** Fields a person may change, as typed (text; '' clears an optional field). */
export type ProfileChanges = Partial<Record<keyof CompanyProfile, string>>;

export const PROFILE_FIELDS: readonly (keyof CompanyProfile)[] = [
  'name',
  'addressLine1',
  'addressLine2',
  'postalCode',
  'city',
  'phone',
  'email',
  'website',
  'vatNumber',
  'registration',
  'iban',
  'bic',
  'logoPath',
  'letterWindow',
  'signatureName',
  'signatureTitle',
];

const MAX_TEXT = 200;

/** The window envelope layout of a company: its own choice, else by country. */
export function letterWindowOf(
  profile: { letterWindow: LetterWindowName | null },
  country: string,
) {
  return profile.letterWindow ?? (country === 'FR' ? 'fr-c56' : 'din5008b');
}

/** 'fr76 3000…' → 'FR763000…' (spaces and dashes dropped, upper case). */
export function compactIban(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

/** An IBAN with a valid structure and ISO 13616 check digits (mod 97 = 1). */
export function isValidIban(text: string): boolean {
  const iban = compactIban(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban) || !isCountryCode(iban.slice(0, 2)))
    return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Groups of four, as printed: 'FR76 3000 6000 0112 3456 7890 189'. */
export function formatIban(text: string): string {
  return compactIban(text).replace(/(.{4})(?=.)/g, '$1 ');
}

const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

/**
 * Checks changes to a profile, every problem at once (AppError INVALID_INPUT naming the
 * field and the value), and returns them normalised: trimmed, '' → null, IBAN grouped,
 * BIC upper case. The name cannot be cleared.
 */
export function checkProfileChanges(changes: ProfileChanges): Partial<CompanyProfile> {
  const problems: Problem[] = [];
  const out: Record<string, string | null> = {};
  for (const [key, raw] of Object.entries(changes)) {
    if (raw === undefined) continue;
    const field = key as keyof CompanyProfile;
    if (!PROFILE_FIELDS.includes(field)) {
      problems.push({ field: key, value: raw, expected: `one of ${PROFILE_FIELDS.join(', ')}` });
      continue;
    }
    const value = raw.trim();
    const bad = (expected: string) => problems.push({ field, value: raw, expected });
    if (/[\p{Cc}\u2028\u2029]/u.test(raw)) {
      bad('one line of text: no line break or other control character');
      continue;
    }
    if (value.length > MAX_TEXT) {
      bad(`at most ${MAX_TEXT} characters`);
      continue;
    }
    if (value === '') {
      if (field === 'name') bad('the company name (it cannot be empty)');
      else out[field] = null;
      continue;
    }
    switch (field) {
      case 'email':
        if (isEmailAddress(value)) out[field] = value;
        else bad('one e-mail address written local@domain.tld (the collection address)');
        break;
      case 'iban':
        if (isValidIban(value)) out[field] = formatIban(value);
        else
          bad(
            'an IBAN with valid check digits, such as FR76 3000 6000 0112 3456 7890 189 (spaces allowed)',
          );
        break;
      case 'bic': {
        const bic = value.replace(/\s+/g, '').toUpperCase();
        if (BIC.test(bic)) out[field] = bic;
        else bad('a BIC of 8 or 11 letters and digits, such as AGRIFRPP or AGRIFRPPXXX');
        break;
      }
      case 'website':
        if (isWebAddress(value)) out[field] = value;
        else bad('an http or https address, such as https://www.example.com');
        break;
      case 'letterWindow':
        if ((LETTER_WINDOWS as readonly string[]).includes(value)) out[field] = value;
        else
          bad(
            `one of ${LETTER_WINDOWS.join(', ')} (DIN 5008 form B, window on the left; French C5/6, window on the right)`,
          );
        break;
      case 'logoPath':
        if (/\.(png|jpe?g)$/i.test(value)) out[field] = value;
        else bad('a PNG or JPEG file (.png, .jpg or .jpeg)');
        break;
      default:
        out[field] = value;
    }
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new AppError('INVALID_INPUT', `the company profile was not changed: ${count}`, problems);
  }
  return out as Partial<CompanyProfile>;
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}
