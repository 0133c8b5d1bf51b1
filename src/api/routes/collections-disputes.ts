import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import { openDispute } from '../../ledger/open-dispute.ts';
import { resolveDispute } from '../../ledger/resolve-dispute.ts';
import { placeHold } from '../../ledger/place-hold.ts';
import { releaseHold } from '../../ledger/release-hold.ts';
import { assertItemOfCustomer } from '../../ledger/owners.ts';
import { requireCustomer } from '../auth/authenticate.ts';
import { ERRORS, LocalDateText } from '../schemas/common.ts';
import {
  audited,
  Company,
  Customer,
  DisputeView,
  HoldView,
  ItemNumber,
  Text,
} from './collections-shared.ts';

const DisputeBody = z.strictObject({
  item: ItemNumber.describe('the open invoice the customer contests'),
  reason: Text(500).describe('why the customer contests it'),
});

const ResolveBody = z.strictObject({
  reason: Text(500).optional().describe('how it was resolved'),
});

const HoldBody = z.strictObject({
  item: ItemNumber.optional().describe('one open item of the customer; absent: the whole customer'),
  until: LocalDateText.describe('the last paused day, today or later'),
  reason: Text(500).describe('why dunning waits'),
});

const ReleaseBody = z.strictObject({
  item: ItemNumber.optional().describe("the item's pause; absent: the customer's pause"),
});

/** Disputes and dunning pauses (holds) of a customer's items (docs/api.md). */
export function disputeRoutes(database: Database) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    /** collections:write on the customer, and the item (when named) must be one of theirs. */
    const allowed = async (
      request: Parameters<typeof requireCustomer>[0],
      company: string | undefined,
      customer: string,
      item: string | undefined,
    ) => {
      const principal = await requireCustomer(request, db, 'collections:write', {
        company,
        customer,
      });
      if (item !== undefined) await assertItemOfCustomer(db, { company, customer, item });
      return principal;
    };

    app.post(
      '/api/customers/:code/disputes',
      {
        schema: {
          tags: ['disputes'],
          summary: 'Open a dispute on an invoice: it leaves the dunning flow until resolved',
          params: Customer,
          querystring: Company,
          body: DisputeBody,
          response: { 201: DisputeView, ...ERRORS },
        },
      },
      async (request, reply) => {
        const { company } = request.query;
        const { item, reason } = request.body;
        const principal = await allowed(request, company, request.params.code, item);
        const view = await audited(
          db,
          request,
          principal,
          (trx) => openDispute(trx, { company, item, reason }),
          (d) => ({
            action: 'dispute.open',
            targetType: 'item',
            targetId: d.item,
            detail: { customer: d.customer, reason: d.disputeReason },
          }),
        );
        return reply.status(201).send(view);
      },
    );

    app.post(
      '/api/customers/:code/disputes/:item/resolve',
      {
        schema: {
          tags: ['disputes'],
          summary: 'Resolve a dispute: the invoice is dunned again from the next run',
          params: Customer.extend({ item: ItemNumber }),
          querystring: Company,
          body: ResolveBody,
          response: { 200: DisputeView, ...ERRORS },
        },
      },
      async (request) => {
        const { company } = request.query;
        const { item } = request.params;
        const principal = await allowed(request, company, request.params.code, item);
        return audited(
          db,
          request,
          principal,
          (trx) => resolveDispute(trx, { company, item, reason: request.body.reason }),
          (d) => ({
            action: 'dispute.resolve',
            targetType: 'item',
            targetId: d.item,
            detail: { customer: d.customer, reason: request.body.reason ?? null },
          }),
        );
      },
    );

    app.post(
      '/api/customers/:code/holds',
      {
        schema: {
          tags: ['holds'],
          summary:
            'Pause dunning of the customer, or of one of its items, until a date (replaces an earlier pause)',
          params: Customer,
          querystring: Company,
          body: HoldBody,
          response: { 201: HoldView, ...ERRORS },
        },
      },
      async (request, reply) => {
        const { company } = request.query;
        const { item, until, reason } = request.body;
        const customer = request.params.code;
        const principal = await allowed(request, company, customer, item);
        const view = await audited(
          db,
          request,
          principal,
          (trx) =>
            placeHold(trx, {
              company,
              target: item ?? customer,
              kind: item === undefined ? 'customer' : 'item',
              until,
              reason,
            }),
          (h) => ({
            action: 'hold.place',
            targetType: h.target,
            targetId: h.item ?? h.customer,
            detail: { customer: h.customer, until: h.holdUntil, reason: h.holdReason },
          }),
        );
        return reply.status(201).send(view);
      },
    );

    app.post(
      '/api/customers/:code/holds/release',
      {
        schema: {
          tags: ['holds'],
          summary: "End a pause before its date (the customer's, or one item's)",
          params: Customer,
          querystring: Company,
          body: ReleaseBody,
          response: { 200: HoldView, ...ERRORS },
        },
      },
      async (request) => {
        const { company } = request.query;
        const { item } = request.body;
        const customer = request.params.code;
        const principal = await allowed(request, company, customer, item);
        return audited(
          db,
          request,
          principal,
          (trx) =>
            releaseHold(trx, {
              company,
              target: item ?? customer,
              kind: item === undefined ? 'customer' : 'item',
            }),
          (h) => ({
            action: 'hold.release',
            targetType: h.target,
            targetId: h.item ?? h.customer,
            detail: { customer: h.customer },
          }),
        );
      },
    );
  };
}
