import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Permission } from '../../core/auth/permissions.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { AppError } from '../../core/errors.ts';
import { actorOf, writeAudit, type AuditEntry } from '../../auth/audit.ts';
import type { DB } from '../../store/schema.ts';
import { requireCustomer } from '../auth/authenticate.ts';
import { CompanyQuery, CustomerParams } from '../schemas/common.ts';

/**
 * Runs a use-case and writes its audit entry in one transaction: the change and the record
 * of who made it land together or not at all. The use-cases join the caller's transaction.
 */
export function audited<T>(
  db: Kysely<DB>,
  request: FastifyRequest,
  principal: Principal,
  work: (trx: Kysely<DB>) => Promise<T>,
  entry: (result: T) => AuditEntry,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const result = await work(trx);
    await writeAudit(trx, actorOf(principal, request.ip), entry(result));
    return result;
  });
}

/**
 * For a route that names a promise or a task by id: the customer it belongs to must be
 * visible to the caller, else `notFound()` (worded as for an id that does not exist, so
 * ids of other portfolios do not leak); then the permission on that customer (403).
 */
export async function requireOwner(
  request: FastifyRequest,
  db: Kysely<DB>,
  permission: Permission,
  target: { company: string | undefined; customer: string },
  notFound: () => AppError,
): Promise<Principal> {
  try {
    await requireCustomer(request, db, 'customers:read', target);
  } catch (error) {
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound() : error;
  }
  return requireCustomer(request, db, permission, target);
}

/** `?company=` of every collections route, and the customer code in the path. */
export const Company = CompanyQuery;
export const Customer = CustomerParams;

export const IdParams = z.object({
  id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('the id'),
});

/** A free text written by a person (trimmed by the use-case). */
export const Text = (max: number) =>
  z.string().min(1, 'a non-empty text').max(max, `a text of at most ${max} characters`);

export const ItemNumber = z.string().min(1).max(64).describe('an item (invoice) number');

/** A use-case's view with its readonly arrays copied (the response schemas' arrays). */
export const promiseJson = <P extends { readonly items: readonly string[] }>(p: P) => ({
  ...p,
  items: [...p.items],
});

export const PromiseView = z
  .object({
    id: z.number().int(),
    customer: z.string(),
    currency: z.string(),
    promisedDate: z.string(),
    amountMinor: z.number().int().describe('minor units of currency'),
    items: z.array(z.string()).describe('items promised; empty = the overdue balance'),
    status: z.enum(['open', 'kept', 'broken', 'cancelled']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Promise' });

export const DisputeView = z
  .object({
    customer: z.string(),
    item: z.string(),
    currency: z.string(),
    openMinor: z.number().int(),
    disputed: z.boolean(),
    disputeReason: z.string().nullable(),
  })
  .meta({ id: 'Dispute' });

export const HoldView = z
  .object({
    target: z.enum(['customer', 'item']),
    customer: z.string(),
    item: z.string().nullable().describe('the item paused, or null for the whole customer'),
    holdUntil: z.string().nullable().describe('last paused day; null once released'),
    holdReason: z.string().nullable(),
  })
  .meta({ id: 'Hold' });

export const NoteView = z
  .object({
    id: z.number().int().describe('the timeline entry'),
    customer: z.string(),
    asOf: z.string(),
    at: z.string(),
    code: z.literal('NOTE_ADDED'),
    detail: z.string().describe('"<author>: <text>"'),
  })
  .meta({ id: 'Note' });

export const TaskView = z
  .object({
    id: z.number().int(),
    customer: z.string(),
    customerName: z.string(),
    kind: z.enum(['call_task', 'handover', 'notify_internal', 'reply']),
    title: z.string(),
    state: z.enum(['open', 'done', 'cancelled']),
    dueDate: z.string(),
    assigneeRole: z.enum(['collector', 'sales_owner', 'credit_manager']),
    assignee: z.string().nullable(),
    template: z.string().nullable(),
    currency: z.string().nullable(),
    step: z.string().nullable(),
    actionId: z.number().int().nullable(),
    contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    attempt: z.number().int(),
    previousTaskId: z.number().int().nullable(),
    outcome: z.string().nullable(),
    note: z.string().nullable(),
    promiseId: z.number().int().nullable(),
    item: z.string().nullable(),
    completedOn: z.string().nullable(),
    cancelReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Task' });
