import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type {
  CustomerFacts,
  DunningItem,
  HistoryEntry,
  PromiseToPay,
} from '../core/dunning/plan-types.ts';
import type { StepKind } from '../core/scenario/types.ts';
import type { ItemType } from '../core/ledger/types.ts';

/** Everything the planner needs about one customer. */
export interface CustomerInput {
  readonly id: number;
  readonly facts: CustomerFacts;
  /** Per-customer scenario override (code) or null. */
  readonly scenario: string | null;
  readonly items: DunningItem[];
  readonly history: HistoryEntry[];
  readonly promises: PromiseToPay[];
}

interface BatchRow {
  id: number;
  code: string;
  status: CustomerFacts['status'];
  hold_until: string | null;
  hold_reason: string | null;
  segment: string | null;
  country: string;
  scenario: string | null;
  has_email: boolean;
  has_phone: boolean;
  postal: boolean;
  /** JSON text: [[emailRoles…] | null, [phoneRoles…] | null] or null without contacts. */
  contacts: string | null;
  /** JSON text: [[number, type, issue, due, currency, amount, open, disputed, reason, holdUntil, holdReason], …]. */
  items: string;
  /** JSON text: [[type, currency, stepId, stepKind, asOf, [items…]], …] oldest first, or null. */
  history: string | null;
  /** JSON text: [[id, currency, promisedDate, amount, [items…]], …] or null. */
  promises: string | null;
}

type ItemTuple = [
  string,
  ItemType,
  string,
  string,
  string,
  number,
  number,
  boolean,
  string | null,
  string | null,
  string | null,
];
type HistoryTuple = [HistoryEntry['type'], string, string, StepKind, string, string[]];
type PromiseTuple = [number, string, string, number, string[]];
type ContactsTuple = [string[] | null, string[] | null];

/**
 * Loads the next batch of customers (by id, after `afterId`) that have open items, with
 * their open items, reachable channels, dunning history and open promises, in ONE query:
 * each customer's rows come back aggregated as JSON text, which JavaScript parses natively —
 * several times faster than decoding the same values row by row and column by column, on the
 * server driver and on PGlite alike (bench/RESULTS.md, planning section).
 */
export async function loadBatch(
  db: Kysely<DB>,
  companyId: number,
  afterId: number,
  limit: number,
  /** Only these customers (a run for some customers: "send a step now"). */
  only?: readonly number[],
): Promise<CustomerInput[]> {
  const result = await sql<BatchRow>`
    select c.id, c.code, c.status, c.hold_until, c.hold_reason, c.segment, c.country, c.scenario,
      c.email is not null as has_email, c.phone is not null as has_phone,
      (c.address_line1 is not null and c.city is not null) as postal,
      (select json_build_array(
          array_agg(distinct k.role) filter (where k.email is not null and k.email_invalid_at is null),
          array_agg(distinct k.role) filter (where k.phone is not null))
        from contacts k where k.customer_id = c.id having count(*) > 0)::text as contacts,
      (select json_agg(json_build_array(i.number, i.type, i.issue_date, i.due_date, i.currency,
          i.amount_minor, i.open_minor, i.disputed, i.dispute_reason, i.hold_until, i.hold_reason))
        from items i where i.customer_id = c.id and i.open_minor <> 0)::text as items,
      (select json_agg(json_build_array(a.type, a.currency, a.step_id, a.step_kind, a.as_of, a.items)
          order by a.as_of, a.id)
        from dunning_actions a where a.customer_id = c.id and a.state <> 'cancelled')::text as history,
      (select json_agg(json_build_array(p.id, p.currency, p.promised_date, p.amount_minor, p.items))
        from promises p where p.customer_id = c.id and p.status = 'open')::text as promises
    from customers c
    where c.company_id = ${companyId} and c.id > ${afterId}
      ${only ? sql`and c.id = any(${[...only]}::bigint[])` : sql``}
      and exists (select 1 from items i where i.customer_id = c.id and i.open_minor <> 0)
    order by c.id
    limit ${limit}`.execute(db);
  return result.rows.map(toInput);
}

function toInput(c: BatchRow): CustomerInput {
  const emailRoles = new Set<string>(c.has_email ? ['accounts_payable'] : []);
  const phoneRoles = new Set<string>(c.has_phone ? ['accounts_payable'] : []);
  if (c.contacts) {
    const [email, phone] = JSON.parse(c.contacts) as ContactsTuple;
    for (const role of email ?? []) emailRoles.add(role);
    for (const role of phone ?? []) phoneRoles.add(role);
  }
  const items = (JSON.parse(c.items) as ItemTuple[]).map(
    ([number, type, issueDate, dueDate, currency, amountMinor, openMinor, disputed, ...rest]) => ({
      number,
      type,
      issueDate,
      dueDate,
      currency,
      amountMinor,
      openMinor,
      disputed,
      disputeReason: rest[0],
      holdUntil: rest[1],
      holdReason: rest[2],
    }),
  );
  const history = c.history
    ? (JSON.parse(c.history) as HistoryTuple[]).map(
        ([type, currency, stepId, stepKind, date, numbers]) => ({
          type,
          currency,
          stepId,
          stepKind,
          date,
          items: numbers,
        }),
      )
    : [];
  const promises = c.promises
    ? (JSON.parse(c.promises) as PromiseTuple[]).map(
        ([id, currency, promisedDate, amountMinor, numbers]) => ({
          id: String(id),
          currency,
          promisedDate,
          amountMinor,
          items: numbers,
          status: 'open' as const,
        }),
      )
    : [];
  return {
    id: c.id,
    scenario: c.scenario,
    facts: {
      code: c.code,
      status: c.status,
      holdUntil: c.hold_until,
      holdReason: c.hold_reason,
      segment: c.segment,
      country: c.country,
      reach: { emailRoles: [...emailRoles], phoneRoles: [...phoneRoles], postal: c.postal },
    },
    items,
    history,
    promises,
  };
}
