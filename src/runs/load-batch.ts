import { sql, type Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type {
  CustomerFacts,
  DunningItem,
  HistoryEntry,
  PromiseToPay,
} from '../core/dunning/plan-types.ts';
import type { StepKind } from '../core/scenario/types.ts';

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

/**
 * Loads the next batch of customers (by id, after `afterId`) that have open items,
 * with their open items, reachable channels, dunning history and open promises:
 * five queries per batch, whatever its size.
 */
export async function loadBatch(
  db: Kysely<DB>,
  companyId: number,
  afterId: number,
  limit: number,
): Promise<CustomerInput[]> {
  const customers = await db
    .selectFrom('customers as c')
    .select([
      'c.id',
      'c.code',
      'c.status',
      'c.hold_until',
      'c.hold_reason',
      'c.segment',
      'c.country',
      'c.scenario',
      'c.email',
      'c.phone',
      'c.address_line1',
      'c.city',
    ])
    .where('c.company_id', '=', companyId)
    .where('c.id', '>', afterId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('items as i')
          .select(sql`1`.as('one'))
          .whereRef('i.customer_id', '=', 'c.id')
          .where('i.open_minor', '<>', 0),
      ),
    )
    .orderBy('c.id')
    .limit(limit)
    .execute();
  if (customers.length === 0) return [];
  const ids = customers.map((c) => c.id);
  const [items, contacts, history, promises] = await Promise.all([
    db
      .selectFrom('items')
      .selectAll()
      .where('customer_id', 'in', ids)
      .where('open_minor', '<>', 0)
      .execute(),
    db
      .selectFrom('contacts')
      .select(['customer_id', 'role', 'email', 'phone', 'email_invalid_at'])
      .where('customer_id', 'in', ids)
      .execute(),
    db
      .selectFrom('dunning_actions')
      .select(['customer_id', 'type', 'currency', 'step_id', 'step_kind', 'as_of', 'items'])
      .where('customer_id', 'in', ids)
      .where('state', '<>', 'cancelled')
      .orderBy('as_of')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('promises')
      .selectAll()
      .where('customer_id', 'in', ids)
      .where('status', '=', 'open')
      .execute(),
  ]);
  const byCustomer = new Map<number, CustomerInput>();
  for (const c of customers) {
    const emailRoles = new Set<string>(c.email ? ['accounts_payable'] : []);
    const phoneRoles = new Set<string>(c.phone ? ['accounts_payable'] : []);
    byCustomer.set(c.id, {
      id: c.id,
      scenario: c.scenario,
      facts: {
        code: c.code,
        status: c.status,
        holdUntil: c.hold_until,
        holdReason: c.hold_reason,
        segment: c.segment,
        country: c.country,
        reach: {
          emailRoles: [...emailRoles],
          phoneRoles: [...phoneRoles],
          postal: Boolean(c.address_line1 && c.city),
        },
      },
      items: [],
      history: [],
      promises: [],
    });
  }
  for (const k of contacts) {
    const input = byCustomer.get(k.customer_id);
    if (!input) continue;
    const reach = input.facts.reach;
    if (k.email && !k.email_invalid_at && !reach.emailRoles.includes(k.role))
      (reach.emailRoles as string[]).push(k.role);
    if (k.phone && !reach.phoneRoles.includes(k.role)) (reach.phoneRoles as string[]).push(k.role);
  }
  for (const i of items) {
    byCustomer.get(i.customer_id)?.items.push({
      number: i.number,
      type: i.type,
      issueDate: i.issue_date,
      dueDate: i.due_date,
      currency: i.currency,
      amountMinor: i.amount_minor,
      openMinor: i.open_minor,
      disputed: i.disputed,
      disputeReason: i.dispute_reason,
      holdUntil: i.hold_until,
      holdReason: i.hold_reason,
    });
  }
  for (const h of history) {
    byCustomer.get(h.customer_id)?.history.push({
      type: h.type,
      currency: h.currency,
      stepId: h.step_id,
      stepKind: h.step_kind as StepKind,
      date: h.as_of,
      items: h.items,
    });
  }
  for (const p of promises) {
    byCustomer.get(p.customer_id)?.promises.push({
      id: String(p.id),
      currency: p.currency,
      promisedDate: p.promised_date,
      amountMinor: p.amount_minor,
      items: p.items,
      status: 'open',
    });
  }
  return [...byCustomer.values()];
}
