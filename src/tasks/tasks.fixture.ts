import { sql } from 'kysely';
import { csv, tempDir, writeFile } from '../../test/helpers/files.ts';
import type { Database } from '../store/database.ts';
import { importFile } from '../imports/import-file.ts';
import { resolveCompany } from '../store/companies.ts';
import { saveScenario } from '../store/scenarios.ts';
import { validateScenario } from '../core/scenario/validate-scenario.ts';
import { runDunning } from '../runs/run-dunning.ts';

/** Test data for the task tests: company MAIN (FR, Europe/Paris), items due 2026-03-05. */
const dir = tempDir('relance-tasks-');
let files = 0;

/** A call first (level 1), then an e-mail with another call 20 days after due. */
export const CALLS = {
  code: 'calls',
  name: 'Calls',
  steps: [
    {
      id: 'call',
      name: 'Call for a promise',
      kind: 'level_1',
      offsetDays: 1,
      actions: [
        { kind: 'email', template: 'level1_email' },
        { kind: 'call_task', template: 'level1_call' },
      ],
    },
    {
      id: 'escalate',
      name: 'Escalate',
      kind: 'level_2',
      offsetDays: 20,
      minDaysSincePrevious: 1,
      actions: [
        { kind: 'email', template: 'level1_email' },
        { kind: 'call_task', template: 'level2_call' },
      ],
    },
  ],
};

/** One call step only: after it, nothing but a broken promise brings a new call. */
export const SINGLE = { ...CALLS, code: 'single', name: 'Single', steps: [CALLS.steps[0]] };

/** Straight to the hand-over, with a notice to the sales owner. */
export const LATE = {
  code: 'late',
  name: 'Late',
  steps: [
    {
      id: 'handover',
      name: 'Hand-over',
      kind: 'handover',
      offsetDays: 1,
      actions: [
        { kind: 'handover', template: 'handover_task', role: 'credit_manager' },
        { kind: 'notify_internal', template: 'formal_notice_notify', role: 'sales_owner' },
      ],
    },
  ],
};

const CUSTOMER_HEADER =
  'code,name,country,language,currency,email,phone,address_line1,postal_code,city,collector,sales_owner,scenario';

/** `code,name,phone,collector,sales_owner,scenario` → a full customer row. */
export function customer(
  code: string,
  name: string,
  phone: string,
  collector: string,
  salesOwner: string,
  scenario: string,
): string {
  const email = `ap@${code.toLowerCase()}.example`;
  return `${code},${name},FR,fr,EUR,${email},${phone},1 rue A,75001,Paris,${collector},${salesOwner},${scenario}`;
}

export async function seed(
  database: Database,
  customers: string[],
  contacts: string[],
  items: string[],
): Promise<number> {
  const company = await resolveCompany(database.db, undefined, { createIfNone: true });
  for (const s of [CALLS, SINGLE, LATE]) {
    await saveScenario(database.db, company.id, validateScenario(s, null));
  }
  await load(database, 'customers', csv(CUSTOMER_HEADER, ...customers));
  if (contacts.length > 0) {
    await load(database, 'contacts', csv('customer,name,role,email,phone', ...contacts));
  }
  await importItems(database, items);
  return company.id;
}

export async function importItems(database: Database, rows: string[]): Promise<void> {
  await load(
    database,
    'items',
    csv('customer,number,type,issue_date,due_date,currency,amount,open_amount', ...rows),
  );
}

async function load(
  database: Database,
  kind: 'customers' | 'contacts' | 'items',
  content: string,
): Promise<void> {
  files += 1;
  await importFile(database, {
    kind,
    path: writeFile(dir, `${kind}-${files}.csv`, content),
    asOf: '2026-03-10',
  });
}

export const run = (database: Database, asOf: string) =>
  runDunning(database, { asOf, now: new Date() });

/** Noon in Paris on that day: "now" for the use-cases (today = the date). */
export const at = (date: string) => new Date(`${date}T11:00:00Z`);

/** Everything completing a task may change, as text: equal before and after a refusal. */
export async function taskState(database: Database): Promise<string> {
  const tables = [
    `select id, state, outcome, outcome_note, promise_id, due_date, updated_at from tasks order by id`,
    `select id, status, promised_date, amount_minor from promises order by id`,
    `select id from promise_confirmations order by id`,
    `select number, disputed, dispute_reason from items order by number`,
    `select id, phone_invalid_at, phone_invalid_reason from contacts order by id`,
    `select id, code, detail from timeline order by id`,
  ];
  const out: unknown[] = [];
  for (const q of tables) out.push((await sql.raw(q).execute(database.db)).rows);
  return JSON.stringify(out);
}
