import { isEmailAddress } from '../core/delivery/email-message.ts';
import type { RenderPerson } from '../core/templates/context.ts';
import { languageOf } from '../core/templates/types.ts';

/**
 * The people and addresses of a document, from the stored text fields: postal address
 * lines as a letter window shows them, and a person written as free text in
 * `customers.collector` / `customers.sales_owner` ("Julien Moreau", "julien@x.fr" or
 * "Julien Moreau <julien@x.fr>").
 */

export interface PostalFields {
  readonly address_line1: string | null;
  readonly address_line2: string | null;
  readonly postal_code: string | null;
  readonly city: string | null;
  readonly country: string;
}

/** Countries that write the town before the postcode. */
const TOWN_FIRST = new Set(['GB', 'IE', 'US', 'CA', 'AU']);

const present = (s: string | null | undefined): s is string => !!s && s.trim() !== '';

/**
 * The address lines (street, town line, and the country in capitals when it is not the
 * sender's), or [] when there is neither a street nor a town: no letter can go there.
 */
export function postalLines(a: PostalFields, senderCountry: string, language: string): string[] {
  if (!present(a.address_line1) && !present(a.city)) return [];
  const town = TOWN_FIRST.has(a.country) ? [a.city, a.postal_code] : [a.postal_code, a.city];
  const lines = [a.address_line1, a.address_line2, town.filter(present).join(' ')].filter(present);
  if (a.country !== senderCountry) lines.push(countryName(a.country, language).toUpperCase());
  return lines.map((l) => l.trim());
}

/** The company's own address lines, its country written out. */
export function companyLines(a: PostalFields, language: string): string[] {
  const lines = postalLines(a, '', language);
  if (lines.length === 0) return [];
  // postalLines wrote the country in capitals (a foreign recipient); a letterhead does not shout.
  lines[lines.length - 1] = countryName(a.country, language);
  return lines;
}

const names = new Map<string, Intl.DisplayNames>();

export function countryName(code: string, language: string): string {
  const lang = languageOf(language) || 'en';
  let display = names.get(lang);
  if (!display) names.set(lang, (display = new Intl.DisplayNames([lang], { type: 'region' })));
  try {
    return display.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A person from free text; `email` only when the text holds a valid address. */
export function parsePerson(text: string | null | undefined): RenderPerson | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  const angle = /^(.*?)\s*<([^<>\s]+)>$/.exec(value);
  if (angle) {
    const name = angle[1]!.replace(/^"|"$/g, '').trim();
    const email = angle[2]!;
    if (isEmailAddress(email)) return { name: name || email, email };
    return { name: value };
  }
  if (isEmailAddress(value)) return { name: value, email: value };
  return { name: value };
}

/** How the collection team signs when a customer has no collector, per company language. */
const CREDIT_TEAM: Readonly<Record<string, string>> = {
  en: 'Credit team',
  fr: 'Service recouvrement',
  de: 'Forderungsmanagement',
  es: 'Departamento de cobros',
};

export function creditTeamName(language: string): string {
  return CREDIT_TEAM[languageOf(language)] ?? CREDIT_TEAM.en!;
}
