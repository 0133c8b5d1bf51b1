import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { generateLedger, type DemoOptions } from '../demo/generate-ledger.ts';
import { DEMO_COLUMNS, csvChunks, type DemoFile } from '../demo/to-csv.ts';
import type { Database } from '../store/database.ts';
import { ensureCompany, type NewCompany } from '../store/companies.ts';
import { getCompanyProfile, updateCompanyProfile } from '../store/company-profile.ts';
import type { ProfileChanges } from '../core/company/profile.ts';
import { importFile, type ImportReport } from './import-file.ts';

export const DEMO_COMPANY: NewCompany = {
  code: 'DEMO',
  name: 'Relance Démo SAS',
  country: 'FR',
  currency: 'EUR',
  timezone: 'Europe/Paris',
  locale: 'fr-FR',
};

/** The demo company's letterhead and collection address. */
export const DEMO_PROFILE: ProfileChanges = {
  addressLine1: '12 rue de la Paix',
  postalCode: '75002',
  city: 'Paris',
  phone: '+33 1 23 45 67 89',
  email: 'recouvrement@relance-demo.example',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
  signatureName: 'Service recouvrement',
};

const FILES: readonly DemoFile[] = ['customers', 'contacts', 'items', 'payments'];

/** Writes the demo ledger as four CSV files (customers, contacts, items, payments) in `dir`. */
export async function writeDemoFiles(
  dir: string,
  options: DemoOptions,
): Promise<Record<DemoFile, string>> {
  await mkdir(dir, { recursive: true });
  const ledger = generateLedger(options);
  const paths = {} as Record<DemoFile, string>;
  for (const file of FILES) {
    const path = join(dir, `${file}.csv`);
    const out = createWriteStream(path);
    for (const chunk of csvChunks(ledger[file], DEMO_COLUMNS[file])) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    paths[file] = path;
  }
  return paths;
}

/** Generates the demo ledger and loads it through the regular importer. */
export async function seedDemo(
  database: Database,
  options: DemoOptions & { company?: string | undefined },
): Promise<ImportReport[]> {
  const company = options.company ?? DEMO_COMPANY.code;
  const created = await ensureCompany(database.db, { ...DEMO_COMPANY, code: company });
  // A demo company that can write its letters and e-mails: an address, the collection
  // address the templates sign with (#CollectorEmail falls back to it), bank details. Set
  // only while the profile has no e-mail yet: what a person set is kept.
  const profile = await getCompanyProfile(database.db, created.id);
  if (!profile.email) await updateCompanyProfile(database.db, created.id, DEMO_PROFILE);
  const dir = await mkdtemp(join(tmpdir(), 'relance-demo-'));
  try {
    const paths = await writeDemoFiles(dir, options);
    const reports: ImportReport[] = [];
    for (const kind of FILES) {
      reports.push(
        await importFile(database, {
          kind,
          path: paths[kind],
          company,
          asOf: options.asOf,
          maxBytes: Infinity,
        }),
      );
    }
    return reports;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
