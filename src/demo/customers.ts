/**
 * Demo customers and their contacts, plus the hidden plan (payer profile, payment terms,
 * activity weight) that drives how their open items look.
 */
import { formatMinor, pad } from './format.ts';
import { de } from './locale-de.ts';
import { fr } from './locale-fr.ts';
import { gb } from './locale-gb.ts';
import { us } from './locale-us.ts';
import { flat, slugify } from './locale.ts';
import type { Locale, Place, Segment } from './locale.ts';
import type { Random } from './random.ts';

/** How a customer pays: drives item ages, disputes and partial payments. */
export type Profile = 'good' | 'slow' | 'disputes' | 'partial';

export interface CustomerPlan {
  readonly code: string;
  readonly locale: Locale;
  readonly segment: Segment;
  readonly profile: Profile;
  /** Payment terms in days: due_date = issue_date + terms. */
  readonly terms: number;
  /** Relative share of the ledger's items (log-normal, so a few customers have many). */
  readonly weight: number;
}

export interface CustomerSet {
  readonly customers: Record<string, string>[];
  readonly contacts: Record<string, string>[];
  readonly plans: CustomerPlan[];
}

const EXTRA_ROLES = ['cfo', 'buyer', 'project_manager'] as const;

function pickLocale(rng: Random): Locale {
  const r = rng.next();
  return r < 0.4 ? fr : r < 0.65 ? de : r < 0.85 ? gb : us;
}

function pickSegment(rng: Random): Segment {
  const r = rng.next();
  return r < 0.1 ? 'key_account' : r < 0.9 ? 'smb' : 'public';
}

function pickProfile(rng: Random): Profile {
  const r = rng.next();
  return r < 0.55 ? 'good' : r < 0.8 ? 'slow' : r < 0.9 ? 'disputes' : 'partial';
}

function pickScenario(rng: Random, segment: Segment): string {
  if (segment === 'key_account') return rng.chance(0.3) ? 'key_accounts' : '';
  if (segment === 'public') return rng.chance(0.5) ? 'public_sector' : '';
  return '';
}

function creditLimit(rng: Random, segment: Segment, decimals: number): string {
  const units =
    segment === 'key_account'
      ? rng.int(10, 50) * 10_000
      : segment === 'smb' && rng.chance(0.6)
        ? rng.int(1, 50) * 1_000
        : 0;
  return units === 0 ? '' : formatMinor(units * 10 ** decimals, decimals);
}

/** Makes e-mail domains unique: the second 'martin-fils' becomes 'martin-fils-2'. */
function uniqueSlug(seen: Map<string, number>, core: string): string {
  const base = slugify(core) || 'company';
  const count = (seen.get(base) ?? 0) + 1;
  seen.set(base, count);
  return count === 1 ? base : `${base}-${count}`;
}

/** slugify() through a cache: person names repeat a lot. */
function cachedSlug(cache: Map<string, string>, text: string): string {
  let slug = cache.get(text);
  if (slug === undefined) {
    slug = slugify(text);
    cache.set(text, slug);
  }
  return slug;
}

/** 1–3 contacts: accounts payable first, then two of cfo / buyer / project_manager. */
function addContacts(
  rng: Random,
  out: Record<string, string>[],
  code: string,
  locale: Locale,
  place: Place,
  domain: string,
  nameSlugs: Map<string, string>,
): void {
  const r = rng.next();
  const count = r < 0.4 ? 1 : r < 0.75 ? 2 : 3;
  const firstExtra = rng.int(0, EXTRA_ROLES.length - 1);
  const names: string[] = [];

  for (let i = 0; i < count; i++) {
    let first: string;
    let last: string;
    let name: string;
    do {
      first = rng.pick(locale.firstNames);
      last = rng.pick(locale.lastNames);
      name = flat(first, ' ', last);
    } while (names.includes(name)); // distinct names, so distinct e-mail addresses
    names.push(name);
    out.push({
      customer: code,
      name,
      role:
        i === 0
          ? 'accounts_payable'
          : (EXTRA_ROLES[(firstExtra + i) % EXTRA_ROLES.length] ?? 'buyer'),
      email: flat(cachedSlug(nameSlugs, first), '.', cachedSlug(nameSlugs, last), '@', domain),
      phone: locale.phone(rng, place, i > 0 && rng.chance(0.6)),
    });
  }
}

export function generateCustomers(rng: Random, count: number): CustomerSet {
  const customers: Record<string, string>[] = [];
  const contacts: Record<string, string>[] = [];
  const plans: CustomerPlan[] = [];
  const slugs = new Map<string, number>();
  const nameSlugs = new Map<string, string>();
  for (let n = 1; n <= count; n++) {
    const code = `C${pad(n, 6)}`;
    const locale = pickLocale(rng);
    const segment = pickSegment(rng);
    const company = locale.company(rng, segment);
    const domain = flat(uniqueSlug(slugs, company.core), '.example');
    const place = rng.pick(locale.places);
    customers.push({
      code,
      name: company.name,
      country: locale.country,
      language: locale.language,
      currency: locale.currency,
      email: flat('ap@', domain),
      phone: locale.phone(rng, place, false),
      address_line1: locale.street(rng),
      address_line2: locale.line2(rng),
      postal_code: locale.postalCode(rng, place),
      city: place.city,
      segment,
      collector: rng.pick(locale.collectors),
      scenario: pickScenario(rng, segment),
      credit_limit: creditLimit(rng, segment, locale.decimals),
    });
    addContacts(rng, contacts, code, locale, place, domain, nameSlugs);
    const r = rng.next();
    plans.push({
      code,
      locale,
      segment,
      profile: pickProfile(rng),
      terms: segment === 'public' || r < 0.5 ? 30 : r < 0.75 ? 45 : 60,
      weight: rng.logNormal(0, 1) * (segment === 'key_account' ? 6 : segment === 'public' ? 2 : 1),
    });
  }
  return { customers, contacts, plans };
}
