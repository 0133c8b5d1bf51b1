import type { Kysely, Selectable } from 'kysely';
import { access, constants, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../core/errors.ts';
import {
  checkProfileChanges,
  type CompanyProfile,
  type ProfileChanges,
} from '../core/company/profile.ts';
import type { CompaniesTable, DB } from './schema.ts';

/** The company's profile as stored (migration 0006). */
export async function getCompanyProfile(
  db: Kysely<DB>,
  companyId: number,
): Promise<CompanyProfile> {
  const row = await db
    .selectFrom('companies')
    .selectAll()
    .where('id', '=', companyId)
    .executeTakeFirstOrThrow();
  return profileOf(row);
}

export function profileOf(row: Selectable<CompaniesTable>): CompanyProfile {
  return {
    name: row.name,
    addressLine1: row.address_line1,
    addressLine2: row.address_line2,
    postalCode: row.postal_code,
    city: row.city,
    phone: row.phone,
    email: row.email,
    website: row.website,
    vatNumber: row.vat_number,
    registration: row.registration,
    iban: row.iban,
    bic: row.bic,
    logoPath: row.logo_path,
    letterWindow: row.letter_window,
    signatureName: row.signature_name,
    signatureTitle: row.signature_title,
  };
}

const COLUMN: Record<keyof CompanyProfile, keyof CompaniesTable> = {
  name: 'name',
  addressLine1: 'address_line1',
  addressLine2: 'address_line2',
  postalCode: 'postal_code',
  city: 'city',
  phone: 'phone',
  email: 'email',
  website: 'website',
  vatNumber: 'vat_number',
  registration: 'registration',
  iban: 'iban',
  bic: 'bic',
  logoPath: 'logo_path',
  letterWindow: 'letter_window',
  signatureName: 'signature_name',
  signatureTitle: 'signature_title',
};

/**
 * Changes some fields of the profile: all are checked first (every problem at once, the
 * logo must be a readable file), then written in one statement — or nothing changes.
 * A logo path is stored absolute.
 */
export async function updateCompanyProfile(
  db: Kysely<DB>,
  companyId: number,
  changes: ProfileChanges,
): Promise<CompanyProfile> {
  const logo = changes.logoPath?.trim();
  const logoProblem =
    logo && !(await isReadableFile(resolve(logo)))
      ? {
          field: 'logoPath',
          value: changes.logoPath ?? '',
          expected: 'a readable PNG or JPEG file',
        }
      : undefined;
  let checked: Partial<CompanyProfile>;
  try {
    checked = checkProfileChanges(changes);
  } catch (error) {
    if (!(error instanceof AppError) || !logoProblem) throw error;
    const problems = [...error.problems.filter((p) => p.field !== 'logoPath'), logoProblem];
    throw new AppError('INVALID_INPUT', problemCount(problems.length), problems);
  }
  if (logoProblem) throw new AppError('INVALID_INPUT', problemCount(1), [logoProblem]);
  if (logo) checked = { ...checked, logoPath: resolve(logo) };
  const set: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(checked)) {
    set[COLUMN[field as keyof CompanyProfile]] = value as string | null;
  }
  if (Object.keys(set).length > 0) {
    await db.updateTable('companies').set(set).where('id', '=', companyId).execute();
  }
  return getCompanyProfile(db, companyId);
}

function problemCount(n: number): string {
  return `the company profile was not changed: ${n === 1 ? '1 problem' : `${n} problems`}`;
}

async function isReadableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
