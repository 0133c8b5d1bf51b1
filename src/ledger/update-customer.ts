import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { Problem } from '../core/errors.ts';
import { DEFAULT_SCENARIOS } from '../core/scenario/default-scenarios.ts';
import { listScenarios } from '../store/scenarios.ts';
import {
  checkText,
  findCustomer,
  inTransaction,
  invalid,
  openContext,
  recordEvents,
  type Scope,
} from './ledger-context.ts';

export interface UpdateCustomerInput extends Scope {
  readonly customer: string;
  /** A scenario code (the customer's override); null removes the override; absent: unchanged. */
  readonly scenario?: string | null | undefined;
  /** The collector's name (free text); null clears it; absent: unchanged. */
  readonly collector?: string | null | undefined;
}

export interface CustomerAssignment {
  readonly customer: string;
  readonly scenario: string | null;
  readonly collector: string | null;
  /** The fields that changed (empty when nothing did). */
  readonly changed: ('scenario' | 'collector')[];
}

/**
 * Sets a customer's scenario override and collector. The scenario must exist in the company
 * (or be a default one, created at the next run). Event CUSTOMER_UPDATED when something
 * changed. A later customers import that carries these columns overwrites them.
 */
export async function updateCustomer(
  db: Kysely<DB>,
  input: UpdateCustomerInput,
): Promise<CustomerAssignment> {
  const ctx = await openContext(db, input);
  return inTransaction(db, async (trx) => {
    const customer = await findCustomer(trx, ctx.company, input.customer);
    const problems: Problem[] = [];
    let scenario = customer.scenario;
    if (input.scenario === null) scenario = null;
    else if (input.scenario !== undefined) {
      const code = input.scenario.trim();
      const codes = [
        ...new Set([
          ...(await listScenarios(trx, ctx.company.id)).map((s) => s.code),
          ...DEFAULT_SCENARIOS.map((s) => s.code),
        ]),
      ].sort();
      if (codes.includes(code)) scenario = code;
      else {
        problems.push({
          field: 'scenario',
          value: input.scenario,
          expected: `an existing scenario: ${codes.join(', ')}`,
        });
      }
    }
    let collector = customer.collector;
    if (input.collector === null) collector = null;
    else if (input.collector !== undefined) {
      collector = checkText(problems, 'collector', input.collector, false, 200);
    }
    if (problems.length > 0) throw invalid(`cannot update customer ${customer.code}`, problems);
    const changed: ('scenario' | 'collector')[] = [];
    if (scenario !== customer.scenario) changed.push('scenario');
    if (collector !== customer.collector) changed.push('collector');
    if (changed.length > 0) {
      await trx
        .updateTable('customers')
        .set({ scenario, collector, updated_at: new Date() })
        .where('id', '=', customer.id)
        .execute();
      const show = (v: string | null) => v ?? '(none)';
      const parts = [
        ...(changed.includes('scenario')
          ? [`scenario ${show(customer.scenario)} → ${show(scenario)}`]
          : []),
        ...(changed.includes('collector')
          ? [`collector ${show(customer.collector)} → ${show(collector)}`]
          : []),
      ];
      await recordEvents(trx, [
        {
          companyId: ctx.company.id,
          customerId: customer.id,
          asOf: ctx.today,
          code: 'CUSTOMER_UPDATED',
          detail: `${customer.code}: ${parts.join(', ')}`,
        },
      ]);
    }
    return { customer: customer.code, scenario, collector, changed };
  });
}
