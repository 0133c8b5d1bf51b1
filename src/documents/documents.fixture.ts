import { csv, tempDir, writeFile } from '../../test/helpers/files.ts';
import type { Database } from '../store/database.ts';
import { importFile } from '../imports/import-file.ts';
import type { ImportKind } from '../imports/columns.ts';
import { validateScenario } from '../core/scenario/validate-scenario.ts';
import { saveScenario } from '../store/scenarios.ts';
import { resolveCompany } from '../store/companies.ts';
import { updateCompanyProfile } from '../store/company-profile.ts';
import { saveTemplates } from '../store/templates.ts';
import { runDunning } from '../runs/run-dunning.ts';

/**
 * The ledger of the document tests (company MAIN, France, created by the first import):
 *   FRN   French customer, FR-2 of late-payment.md: EUR 10,000 due 2024-09-30, unpaid on
 *         2024-11-15 (46 days) → interest 179.59 at 14.25 % + EUR 40; a name with <script>
 *   MAIL  e-mails: level 2 with the sales owner notified; overdue, not yet due, disputed
 *   NLD   writes Dutch: no template in nl, falls back to French (the company language)
 *   NOADR no postal address
 *   BIG   400 overdue invoices: the letter paginates
 *   PART  FR, EUR 10,000 due 2025-06-15, paid 4,000 on 2025-07-10 and 1,000 on 2025-08-01
 */
export const AS_OF = '2024-11-15'; // a Friday

const dir = tempDir('relance-documents-');
let files = 0;

export async function importCsv(database: Database, kind: ImportKind, content: string) {
  files += 1;
  await importFile(database, {
    kind,
    path: writeFile(dir, `${kind}-${files}.csv`, content),
    asOf: AS_OF,
  });
}

export const BIG_ITEMS = 400;

export async function seedDocuments(database: Database): Promise<void> {
  await importCsv(
    database,
    'customers',
    csv(
      'code,name,country,language,currency,email,address_line1,postal_code,city,collector,scenario',
      'FRN,Boulangerie <script>alert(1)</script> SARL,FR,fr,EUR,compta@frn.example,3 rue des Lilas,69003,Lyon,Julien Moreau <julien@lumiere.example>,notice',
      'MAIL,Mail & Fils,FR,fr,EUR,,5 rue Neuve,33000,Bordeaux,Claire Dubois,mails',
      'NLD,Bakkerij Jansen BV,NL,nl,EUR,,Dorpsstraat 1,1011 AB,Amsterdam,,mails',
      'NOADR,Sans Adresse SARL,FR,fr,EUR,ap@noadr.example,,,,,notice',
      'BIG,Grossiste Général SA,FR,fr,EUR,ap@big.example,1 quai Ouest,59000,Lille,,notice',
      'PART,Partiel SAS,FR,fr,EUR,ap@part.example,9 rue Basse,44000,Nantes,,notice',
    ),
  );
  await database.db
    .updateTable('customers')
    .set({ sales_owner: 'Anne Petit <anne@lumiere.example>' })
    .where('code', 'in', ['MAIL', 'FRN'])
    .execute();
  await importCsv(
    database,
    'contacts',
    csv(
      'customer,name,role,email,phone',
      'MAIL,Paul Buyer,buyer,paul@mail.example,',
      'MAIL,Marie Payable,accounts_payable,marie@mail.example,+33 5 56 00 00 00',
      'NLD,Jan Jansen,accounts_payable,jan@jansen.example,',
    ),
  );
  const big = Array.from({ length: BIG_ITEMS }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    return `BIG,B-${n},invoice,2024-08-${day},2024-09-${day},EUR,${100 + i}.00,${100 + i}.00`;
  });
  await importCsv(
    database,
    'items',
    csv(
      'customer,number,type,issue_date,due_date,currency,amount,open_amount,disputed,dispute_reason',
      'FRN,F-2024-001,invoice,2024-08-31,2024-09-30,EUR,10000.00,10000.00,,',
      'MAIL,M-1,invoice,2024-09-01,2024-10-01,EUR,500.00,500.00,,',
      'MAIL,M-2,invoice,2024-11-01,2024-12-15,EUR,300.00,300.00,,',
      'MAIL,M-3,invoice,2024-09-05,2024-10-05,EUR,200.00,200.00,yes,Colis abîmé',
      'MAIL,AV-1,credit_note,2024-10-10,2024-10-10,EUR,50.00,50.00,,',
      'NLD,N-1,invoice,2024-09-01,2024-10-01,EUR,700.00,700.00,,',
      'NOADR,X-1,invoice,2024-09-01,2024-10-01,EUR,100.00,100.00,,',
      'PART,P-1,invoice,2025-05-15,2025-06-15,EUR,10000.00,10000.00,,',
      ...big,
    ),
  );
  await importCsv(
    database,
    'payments',
    csv(
      'customer,reference,date,currency,amount,item_number,allocated_amount',
      'PART,VIR-1,2025-07-10,EUR,4000.00,P-1,4000.00',
      'PART,VIR-2,2025-08-01,EUR,1000.00,P-1,1000.00',
    ),
  );
  const company = await resolveCompany(database.db, undefined);
  await updateCompanyProfile(database.db, company.id, {
    name: 'Lumière Outils SAS',
    addressLine1: '12 rue de la Paix',
    postalCode: '75002',
    city: 'Paris',
    phone: '+33 1 23 45 67 89',
    email: 'credit@lumiere.example',
    iban: 'FR76 3000 6000 0112 3456 7890 189',
    bic: 'agrifrpp',
    registration: 'SIREN 123 456 789',
  });
  await saveTemplates(database.db, company.id, [
    {
      code: 'account_mail',
      kind: 'email',
      language: 'fr',
      subject: 'Compte #CustomerCode : #OverdueTotal échus',
      body: '#Salutation\n\n#CustomerName, voici vos pièces échues :\n\n#OverdueTable\n\nEn litige :\n\n#DisputedTable\n\nÀ échoir : #NotDueTotal.\n\n#CollectorName\n',
    },
    {
      code: 'account_mail',
      kind: 'email',
      language: 'en',
      subject: 'Account #CustomerCode: #OverdueTotal overdue',
      body: '#Salutation\n\n#CustomerName, here is what is overdue:\n\n#OverdueTable\n\n#CollectorName\n',
    },
  ]);
  for (const scenario of [
    {
      code: 'notice',
      name: 'Notice',
      steps: [
        {
          id: 'formal_notice',
          name: 'Formal notice',
          kind: 'formal_notice',
          offsetDays: 1,
          actions: [{ kind: 'letter', template: 'formal_notice_letter', registered: true }],
          deadlineDays: 8,
        },
      ],
    },
    {
      code: 'mails',
      name: 'Mails',
      steps: [
        {
          id: 'level_2',
          name: 'Level 2',
          kind: 'level_2',
          offsetDays: 1,
          actions: [
            { kind: 'email', template: 'account_mail' },
            { kind: 'notify_internal', template: 'level2_notify_sales', role: 'sales_owner' },
          ],
          recipients: ['accounts_payable'],
          deadlineDays: 8,
        },
      ],
    },
  ]) {
    await saveScenario(database.db, company.id, validateScenario(scenario, null));
  }
}

/** Runs the day: one action per customer and currency. */
export async function runDay(database: Database) {
  return runDunning(database, { asOf: AS_OF, now: new Date(), force: true });
}

/** The id of a customer's action in the day's run. */
export async function actionOf(database: Database, customer: string): Promise<number> {
  const row = await database.db
    .selectFrom('dunning_actions as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select('a.id')
    .where('c.code', '=', customer)
    .where('a.type', '=', 'step')
    .executeTakeFirstOrThrow();
  return row.id;
}
