import type { Database } from '../store/database.ts';
import { csv } from '../../test/helpers/files.ts';

/**
 * The actions a dunning run would have stored on TODAY (written here directly, so that
 * these tests depend on the use-cases only, not on the planner or on what the run does
 * with them): auto hold_account steps, a confirm-mode notice that holds once approved,
 * a confirm-mode e-mail, and a plain reminder.
 */
interface ActionRow {
  readonly customer: string;
  readonly currency: string;
  readonly step: string;
  readonly name: string;
  readonly mode: 'auto' | 'confirm';
  readonly kinds: readonly string[];
}
const HOLD = { step: 'hold', name: 'Account hold', mode: 'auto', kinds: ['hold_account'] } as const;
export const ACTIONS: readonly ActionRow[] = [
  { customer: 'H1', currency: 'EUR', ...HOLD },
  { customer: 'H1', currency: 'USD', ...HOLD },
  { customer: 'H2', currency: 'EUR', ...HOLD },
  { customer: 'H3', currency: 'EUR', ...HOLD },
  { customer: 'H4', currency: 'EUR', ...HOLD },
  {
    customer: 'K1',
    currency: 'GBP',
    step: 'notice',
    name: 'Formal notice and hold',
    mode: 'confirm',
    kinds: ['letter', 'hold_account'],
  },
  {
    customer: 'M1',
    currency: 'EUR',
    step: 'mail',
    name: 'Reminder after approval',
    mode: 'confirm',
    kinds: ['email'],
  },
  {
    customer: 'P1',
    currency: 'EUR',
    step: 'reminder',
    name: 'Friendly reminder',
    mode: 'auto',
    kinds: ['email'],
  },
];

export async function storeActions(database: Database, companyId: number, asOf: string) {
  const run = await database.db
    .insertInto('dunning_runs')
    .values({ company_id: companyId, as_of: asOf, forced: false, status: 'done' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const customers = await database.db.selectFrom('customers').select(['id', 'code']).execute();
  for (const a of ACTIONS) {
    await database.db
      .insertInto('dunning_actions')
      .values({
        company_id: companyId,
        customer_id: customers.find((c) => c.code === a.customer)!.id,
        run_id: run.id,
        as_of: asOf,
        currency: a.currency,
        type: 'step',
        step_id: a.step,
        step_kind: a.step === 'hold' || a.step === 'notice' ? 'formal_notice' : 'reminder',
        step_name: a.name,
        scenario_code: 'default',
        scenario_version: 1,
        kinds: [...a.kinds],
        mode: a.mode,
        state: a.mode === 'confirm' ? 'awaiting_approval' : 'planned',
        overdue_minor: 0,
        not_due_minor: 0,
        balance_minor: 0,
        items: [],
        reasons: ['OFFSET_REACHED'],
        idempotency_key: `${a.customer}|${a.currency}|${a.step}|${asOf}`,
      })
      .execute();
  }
}

export const CUSTOMERS = csv(
  'code,name,country,language,currency,credit_limit',
  'H1,Hold Un SARL,FR,fr,EUR,500.00',
  'H2,Hold Zwei GmbH,DE,de,EUR,',
  'H3,Hold Trois SA,FR,fr,EUR,',
  'H4,Hold Vier AG,DE,de,EUR,',
  'K1,Notice Ltd,GB,en,GBP,',
  'M1,Mail SAS,FR,fr,EUR,',
  'P1,Plain SA,FR,fr,EUR,',
  'L1,Limit SARL,FR,fr,EUR,100.00',
);
export const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'H1,I1,invoice,2026-02-01,2026-03-01,EUR,100.00,100.00',
  'H1,I2,invoice,2026-03-01,2026-04-30,EUR,250.00,250.00',
  'H1,I3,invoice,2026-03-01,2026-03-01,USD,40.00,40.00',
  'H2,J1,invoice,2026-02-01,2026-03-05,EUR,80.00,80.00',
  'H3,N1,invoice,2026-02-01,2026-03-01,EUR,10.00,10.00',
  'H4,Q1,invoice,2026-02-01,2026-03-09,EUR,60.00,60.00',
  'K1,K11,invoice,2026-02-01,2026-03-01,GBP,300.00,300.00',
  'M1,M11,invoice,2026-02-01,2026-03-01,EUR,20.00,20.00',
  'P1,P11,invoice,2026-02-01,2026-03-01,EUR,30.00,30.00',
  'L1,L11,invoice,2026-03-01,2026-04-30,EUR,150.00,150.00',
);

export async function customerStatus(database: Database, code: string): Promise<string> {
  const row = await database.db
    .selectFrom('customers')
    .select('status')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.status;
}

/** Every customer's status, by code. */
export async function customerStatuses(database: Database): Promise<Record<string, string>> {
  const rows = await database.db
    .selectFrom('customers')
    .select(['code', 'status'])
    .orderBy('code')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.status]));
}

/** ACCOUNT_HELD / ACCOUNT_RELEASED events as 'asOf customer event step action', oldest first. */
export async function holdEventsOf(database: Database): Promise<string[]> {
  const rows = await database.db
    .selectFrom('timeline as t')
    .innerJoin('customers as c', 'c.id', 't.customer_id')
    .select(['c.code', 't.code as event', 't.as_of', 't.step', 't.action_id'])
    .where('t.code', 'in', ['ACCOUNT_HELD', 'ACCOUNT_RELEASED'])
    .orderBy('t.id')
    .execute();
  return rows.map((e) => `${e.as_of} ${e.code} ${e.event} ${e.step ?? '-'} ${e.action_id ?? '-'}`);
}
