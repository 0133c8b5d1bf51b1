import { Command, Option } from 'commander';
import { AppError } from '../../core/errors.ts';
import {
  letterWindowOf,
  PROFILE_FIELDS,
  type CompanyProfile,
  type ProfileChanges,
} from '../../core/company/profile.ts';
import { resolveCompany, type Company } from '../../store/companies.ts';
import { getCompanyProfile, updateCompanyProfile } from '../../store/company-profile.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';

/** Each profile field's option and what it is for (docs/documents.md). */
const OPTIONS: readonly [keyof CompanyProfile, string, string][] = [
  ['name', '--name <text>', 'legal name, on letters and as the e-mail sender name'],
  ['addressLine1', '--address <text>', 'street address (first line)'],
  ['addressLine2', '--address2 <text>', 'second address line'],
  ['postalCode', '--postal-code <text>', 'postal code'],
  ['city', '--city <text>', 'town; also the place letters are dated from'],
  ['phone', '--phone <text>', 'phone number'],
  ['email', '--email <address>', 'collection address: From of every e-mail'],
  ['website', '--website <url>', 'website (https://…)'],
  ['vatNumber', '--vat-number <text>', 'VAT number'],
  ['registration', '--registration <text>', 'registration (SIREN, HRB, company number…)'],
  ['iban', '--iban <iban>', 'bank account to pay into (checked)'],
  ['bic', '--bic <bic>', 'BIC of the bank'],
  ['logoPath', '--logo <file>', 'PNG or JPEG logo printed on letters'],
  ['letterWindow', '--letter-window <layout>', 'envelope window: din5008b or fr-c56'],
  ['signatureName', '--signature-name <text>', 'who signs when a customer has no collector'],
  ['signatureTitle', '--signature-title <text>', 'their title'],
];

const LABEL: Readonly<Record<keyof CompanyProfile, string>> = {
  name: 'name',
  addressLine1: 'address',
  addressLine2: 'address (2)',
  postalCode: 'postal code',
  city: 'city',
  phone: 'phone',
  email: 'e-mail (From)',
  website: 'website',
  vatNumber: 'VAT number',
  registration: 'registration',
  iban: 'IBAN',
  bic: 'BIC',
  logoPath: 'logo',
  letterWindow: 'letter window',
  signatureName: 'signature',
  signatureTitle: 'signature title',
};

export function companyCommand(): Command {
  const command = new Command('company').description(
    'the company profile: letterhead, collection e-mail, bank details (docs/documents.md)',
  );
  command
    .command('show')
    .description('print the company profile')
    .option('--company <code>', 'company (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o: { company?: string; json?: boolean }) => {
      await withDatabase('relance company show', async ({ db }) => {
        const company = await resolveCompany(db, o.company);
        print(company, await getCompanyProfile(db, company.id), o.json);
      });
    });
  const set = command
    .command('set')
    .description(
      "change fields of the profile ('' clears one); all are checked before any is saved",
    )
    .option('--company <code>', 'company (default: the only one)')
    .option('--json', 'print the profile as JSON');
  for (const [, flags, help] of OPTIONS) set.addOption(new Option(flags, help));
  set.action(async (o: Record<string, string | boolean | undefined>) => {
    const changes: ProfileChanges = {};
    for (const field of PROFILE_FIELDS) {
      const option = OPTIONS.find(([f]) => f === field)!;
      const value = o[optionKey(option[1])];
      if (typeof value === 'string') changes[field] = value;
    }
    if (Object.keys(changes).length === 0) {
      throw new AppError('INVALID_INPUT', 'nothing to change', [
        {
          field: 'options',
          value: '',
          expected: `at least one of ${OPTIONS.map(([, f]) => f.split(' ')[0]).join(', ')}`,
        },
      ]);
    }
    await withDatabase('relance company set', async ({ db }) => {
      const company = await resolveCompany(db, o.company as string | undefined);
      const profile = await updateCompanyProfile(db, company.id, changes);
      print(company, profile, o.json === true);
    });
  });
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

/** '--postal-code <text>' → 'postalCode' (commander's camel case). */
function optionKey(flags: string): string {
  return flags
    .split(' ')[0]!
    .replace(/^--/, '')
    .replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

function print(company: Company, profile: CompanyProfile, json: boolean | undefined): void {
  const window = letterWindowOf(profile, company.country);
  if (json) {
    printJson({ company: company.code, country: company.country, ...profile, window });
    return;
  }
  const rows: [string, string][] = [
    ['company', `${company.code} (${company.country}, ${company.currency}, ${company.locale})`],
  ];
  for (const field of PROFILE_FIELDS) {
    const value = profile[field];
    if (field === 'letterWindow') {
      rows.push([LABEL[field], value ? window : `${window} (by country)`]);
    } else rows.push([LABEL[field], value ?? '—']);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
}
