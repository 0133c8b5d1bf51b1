import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import { resolveCompany, todayIn } from '../../store/companies.ts';
import { runDunning } from '../../runs/run-dunning.ts';
import { listRunActions, listRuns } from '../../ledger/list-runs.ts';
import { approveActions } from '../../ledger/approve-actions.ts';
import { actorOf, writeAudit } from '../../auth/audit.ts';
import { requireCustomer, requirePermission, permitBeforeBody } from '../auth/authenticate.ts';
import {
  CompanyQuery,
  CustomerParams,
  ERRORS,
  ErrorBody,
  LocalDateText,
} from '../schemas/common.ts';

/** The plan of docs/plan-format.md (a dry run, or the actions a real run created). */
const Plan = z
  .record(z.string(), z.unknown())
  .describe('the plan JSON of docs/plan-format.md')
  .meta({ id: 'Plan' });

const ActionView = z
  .object({
    id: z.number().int(),
    asOf: z.string(),
    customer: z.string(),
    currency: z.string(),
    type: z.enum(['step', 'sales_check']),
    step: z.string(),
    stepKind: z.string(),
    stepName: z.string(),
    scenario: z.string(),
    scenarioVersion: z.number().int(),
    kinds: z.array(z.string()).readonly(),
    mode: z.enum(['auto', 'confirm', 'manual']),
    state: z.enum(['planned', 'awaiting_approval', 'approved', 'cancelled', 'done']),
    overdueMinor: z.number().int(),
    notDueMinor: z.number().int(),
    balanceMinor: z.number().int(),
    items: z.array(z.string()).readonly(),
    reasons: z.array(z.string()).readonly(),
  })
  .meta({ id: 'Action' });

const RunView = z
  .object({
    id: z.number().int(),
    asOf: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    forced: z.boolean(),
    customers: z.number().int(),
    actions: z.number().int(),
    skips: z.number().int(),
    actionsByState: z.record(z.string(), z.number().int()),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Run' });

const RunBody = z
  .object({
    asOf: LocalDateText.optional().describe('business date (default: today in the company zone)'),
    force: z.boolean().optional().describe('run even on a stale ledger'),
  })
  .strict();

const RUN_ERRORS = { ...ERRORS, 409: ErrorBody, 503: ErrorBody } as const;

/** Dunning runs: a dry run, a real run, the history, a run's actions, approvals. */
export function runRoutes(database: Database) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    const run = async (
      company: string | undefined,
      body: z.infer<typeof RunBody>,
      dryRun: boolean,
    ) => {
      const found = await resolveCompany(db, company);
      return runDunning(database, {
        company: found.code,
        asOf: body.asOf ?? todayIn(found.timezone),
        dryRun,
        force: body.force,
        now: new Date(),
      });
    };

    app.post(
      '/api/runs/preview',
      {
        preParsing: permitBeforeBody('runs:approve'),
        schema: {
          tags: ['runs'],
          summary:
            'A dry run: what a run would plan now and why (counts by step, skips by reason), stored nothing',
          querystring: CompanyQuery,
          body: RunBody.default({}),
          response: { 200: Plan, ...RUN_ERRORS },
        },
      },
      async (request) => {
        requirePermission(request, 'runs:approve');
        const report = await run(request.query.company, request.body, true);
        return report as unknown as Record<string, unknown>;
      },
    );

    app.post(
      '/api/runs',
      {
        preParsing: permitBeforeBody('runs:approve'),
        schema: {
          tags: ['runs'],
          summary:
            'Run the dunning now: stores the actions (503 BUSY while another run is in progress)',
          querystring: CompanyQuery,
          body: RunBody.default({}),
          response: { 200: Plan, ...RUN_ERRORS },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'runs:approve');
        const report = await run(request.query.company, request.body, false);
        await writeAudit(db, actorOf(principal, request.ip), {
          action: 'run.create',
          targetType: 'dunning_run',
          targetId: report.runId ?? undefined,
          detail: {
            company: report.company,
            asOf: report.asOf,
            forced: request.body.force === true,
            actions: report.counts.actions,
            skips: report.counts.skips,
          },
        });
        return report as unknown as Record<string, unknown>;
      },
    );

    app.get(
      '/api/runs',
      {
        schema: {
          tags: ['runs'],
          summary: 'The runs, newest first, with their figures',
          querystring: CompanyQuery.extend({
            before: z.coerce.number().int().min(1).optional().describe('runs older than this id'),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: {
            200: z.object({ company: z.string(), runs: z.array(RunView).readonly() }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        requirePermission(request, 'customers:read');
        return listRuns(db, request.query);
      },
    );

    app.get(
      '/api/runs/:id/actions',
      {
        schema: {
          tags: ['runs'],
          summary:
            "A run's actions, awaiting approval included (collectors and sales: their portfolio's)",
          params: z.object({ id: z.coerce.number().int().min(1) }),
          querystring: CompanyQuery,
          response: {
            200: z.object({
              company: z.string(),
              runId: z.number().int(),
              actions: z.array(ActionView).readonly(),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'customers:read');
        return listRunActions(db, {
          company: request.query.company,
          runId: request.params.id,
          portfolio: principal.portfolio,
        });
      },
    );

    app.post(
      '/api/customers/:code/send-now',
      {
        schema: {
          tags: ['runs'],
          summary:
            "Send a step now: the customer's next step ahead of its schedule (dryRun: what it would be)",
          description:
            'A run for this customer only, as of today, in which a step still waiting for its ' +
            'offset or interval is taken and a manual step is started (reason SENT_NOW). ' +
            'Disputes, pauses, promises, exclusion, litigation and a step already taken today ' +
            'still stop it: the answer then has no action and says why in skips. A confirm-mode ' +
            'step waits for approval; the others go out with the next delivery round.',
          params: CustomerParams,
          querystring: CompanyQuery,
          body: z
            .object({ dryRun: z.boolean().optional().describe('only say what it would be') })
            .strict()
            .default({}),
          response: { 200: Plan, ...RUN_ERRORS },
        },
      },
      async (request) => {
        const { company } = request.query;
        const customer = request.params.code;
        const principal = await requireCustomer(request, db, 'collections:write', {
          company,
          customer,
        });
        const found = await resolveCompany(db, company);
        const dryRun = request.body.dryRun === true;
        const report = await runDunning(database, {
          company: found.code,
          asOf: todayIn(found.timezone),
          dryRun,
          now: new Date(),
          customers: [customer],
          sendNow: true,
        });
        if (!dryRun) {
          await writeAudit(db, actorOf(principal, request.ip), {
            action: 'customer.send_now',
            targetType: 'customer',
            targetId: customer,
            detail: {
              runId: report.runId,
              actions: report.actions.map((a) => `${a.step} (${a.currency})`),
              skips: report.skips.map((k) => k.code),
            },
          });
        }
        const { diff: _diff, ...plan } = report;
        return plan as unknown as Record<string, unknown>;
      },
    );

    app.post(
      '/api/actions/approve',
      {
        preParsing: permitBeforeBody('runs:approve'),
        schema: {
          tags: ['runs'],
          summary:
            'Approve actions awaiting approval, all or none (each id that cannot be approved is named)',
          querystring: CompanyQuery,
          body: z.object({ ids: z.array(z.number().int().min(1)).min(1).max(10_000) }).strict(),
          response: {
            200: z.object({ company: z.string(), approved: z.array(ActionView).readonly() }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'runs:approve');
        // The approval and its audit row commit together.
        const result = await db.transaction().execute(async (trx) => {
          const approved = await approveActions(trx, {
            company: request.query.company,
            ids: request.body.ids,
          });
          await writeAudit(trx, actorOf(principal, request.ip), {
            action: 'actions.approve',
            targetType: 'dunning_action',
            detail: { company: approved.company, ids: approved.approved.map((a) => a.id) },
          });
          return approved;
        });
        return result;
      },
    );
  };
}
