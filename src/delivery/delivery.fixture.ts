import PDFDocument from 'pdfkit';
import { sql } from 'kysely';
import { tempDir, writeFile, csv } from '../../test/helpers/files.ts';
import { SERVER_URL } from '../../test/helpers/test-databases.ts';
import { openDatabase, type Database } from '../store/database.ts';
import { importFile } from '../imports/import-file.ts';
import type { ImportKind } from '../imports/columns.ts';
import { runDunning } from '../runs/run-dunning.ts';
import { AppError } from '../core/errors.ts';
import { basicComposer } from './basic-composer.ts';
import type { Composer } from './composer.ts';
import { createSmtpSender, type Sender } from './smtp-sender.ts';
import { createWorker, type Worker, type WorkerOptions } from './worker.ts';

/** Shared set-up of the delivery tests: a ledger, a run, a worker with a test clock. */

export const AS_OF = '2026-03-10'; // a Tuesday
export const FROM = { name: 'Seller Credit Team', address: 'credit@seller.example' };
export const DOMAIN = 'seller.example';

export const CUSTOMERS = csv(
  'code,name,country,language,currency,email,address_line1,postal_code,city,collector',
  'C1,"Un ""SARL"" Été",FR,fr,EUR,ap@un.example,1 rue A,75001,Paris,marie@seller.example',
  'C2,Zwei GmbH,DE,de,EUR,ap@zwei.example,,,,Stefan Krause',
  'C3,Three Ltd,GB,en,GBP,,1 High St,EC1A 1AA,London,',
);
export const CONTACTS = csv(
  'customer,name,role,email,phone',
  'C1,Anne Payable,accounts_payable,anne@un.example,',
  'C1,Bob Buyer,buyer,bob@un.example,',
);
export const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'C1,F1,invoice,2026-02-01,2026-03-03,EUR,1234.56,1234.56',
  'C1,F1B,invoice,2026-03-01,2026-03-31,EUR,100.00,100.00',
  'C2,F2,invoice,2026-02-01,2026-03-07,EUR,200.00,200.00',
  'C3,F3,invoice,2026-02-01,2026-03-05,GBP,300.00,300.00',
);

/** `n` customers, each with one overdue invoice and an e-mail address. */
export function manyCustomers(n: number): { customers: string; items: string } {
  const ids = Array.from({ length: n }, (_, i) => String(i + 1).padStart(4, '0'));
  return {
    customers: csv(
      'code,name,country,language,currency,email',
      ...ids.map((i) => `M${i},Many ${i} Ltd,GB,en,EUR,ap${i}@many.example`),
    ),
    items: csv(
      'customer,number,type,issue_date,due_date,currency,amount,open_amount',
      ...ids.map((i) => `M${i},INV${i},invoice,2026-02-01,2026-03-02,EUR,${i}.00,${i}.00`),
    ),
  };
}

const dir = tempDir('relance-delivery-');
let files = 0;

export async function importCsv(database: Database, kind: ImportKind, content: string) {
  files += 1;
  await importFile(database, {
    kind,
    path: writeFile(dir, `${kind}-${files}.csv`, content),
    asOf: AS_OF,
  });
}

/** Imports the ledger and runs the day: actions planned for C1 and C2 (e-mail), C3 (letter). */
export async function seed(
  database: Database,
  data: { customers: string; contacts?: string; items: string } = {
    customers: CUSTOMERS,
    contacts: CONTACTS,
    items: ITEMS,
  },
) {
  await importCsv(database, 'customers', data.customers);
  if (data.contacts) await importCsv(database, 'contacts', data.contacts);
  await importCsv(database, 'items', data.items);
  return runDay(database);
}

/** The dunning run of AS_OF (again). */
export async function runDay(database: Database) {
  // The run's advisory lock is per server, not per schema: test files running side by side
  // on one PostgreSQL server (each in its own schema, each with company 1) wait their turn.
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await runDunning(database, { asOf: AS_OF, now: new Date() });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'BUSY') || attempt > 100) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

/** A clock the test moves by hand. */
export class Clock {
  private t = Date.now();
  readonly now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

let pdf: Promise<Buffer> | undefined;

/** A small real PDF, made once. */
export function samplePdf(): Promise<Buffer> {
  pdf ??= new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      compress: false,
      info: { CreationDate: new Date(0) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text('Statement of account');
    doc.end();
  });
  return pdf;
}

/** The built-in composer plus a PDF statement, as the template composer will attach. */
export function composerWithPdf(): Composer {
  const basic = basicComposer({ fromFor: () => FROM });
  return async (db, row) => {
    const email = await basic(db, row);
    return {
      ...email,
      attachments: [
        ...(email.attachments ?? []),
        { filename: 'statement.pdf', contentType: 'application/pdf', content: await samplePdf() },
      ],
    };
  };
}

export interface TestWorker {
  readonly worker: Worker;
  readonly sender: Sender;
}

/** A worker sending to `url()` (read at each message), with the test clock and no jitter. */
export function testWorker(
  database: Database,
  url: () => string,
  clock: Clock,
  over: Partial<WorkerOptions> = {},
): TestWorker {
  const sender = createSmtpSender({ urlFor: url, connectionTimeoutMs: 5000 });
  const worker = createWorker(database.db, {
    composer: composerWithPdf(),
    sender,
    domainFor: () => DOMAIN,
    now: clock.now,
    random: () => 0.5,
    retry: { baseMs: 60_000, maxMs: 600_000, maxAttempts: 4 },
    leaseMs: 300_000,
    concurrency: 2,
    ...over,
  });
  return { worker, sender };
}

/** Outbox rows as `customer channel state attempts`, by id. */
export async function outbox(database: Database): Promise<string[]> {
  const rows = await database.db
    .selectFrom('outbox as o')
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .select(['c.code', 'o.channel', 'o.state', 'o.attempts'])
    .orderBy('o.id')
    .execute();
  return rows.map((r) => `${r.code} ${r.channel} ${r.state} ${r.attempts}`);
}

/** Action states as `customer state`, by id. */
export async function actions(database: Database): Promise<string[]> {
  const rows = await database.db
    .selectFrom('dunning_actions as a')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['c.code', 'a.state'])
    .orderBy('a.id')
    .execute();
  return rows.map((r) => `${r.code} ${r.state}`);
}

/** A second connection pool to the same server schema: another worker process, in effect. */
export async function secondConnection(database: Database): Promise<Database> {
  if (database.backend !== 'postgres') return { ...database, close: async () => {} };
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    database.db,
  );
  return openDatabase({ url: SERVER_URL!, schema: rows[0]!.schema, migrate: false });
}
