import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { Database } from '../../store/database.ts';
import { resolveCompany } from '../../store/companies.ts';
import { completeTask } from '../../tasks/complete-task.ts';
import { listPortfolioTasks } from '../../tasks/list-portfolio-tasks.ts';
import { loadTaskViews, type TaskView as Task } from '../../tasks/task-view.ts';
import { requirePermission } from '../auth/authenticate.ts';
import { ERRORS, LocalDateText } from '../schemas/common.ts';
import {
  audited,
  Company,
  DisputeView,
  IdParams,
  ItemNumber,
  PromiseView,
  promiseJson,
  requireOwner,
  TaskView,
  Text,
} from './collections-shared.ts';

const KINDS = ['call_task', 'handover', 'notify_internal', 'reply'] as const;
const OUTCOMES = [
  'promise',
  'dispute',
  'paid_already',
  'wrong_contact',
  'no_answer',
  'done',
] as const;

const CompleteBody = z.strictObject({
  outcome: z
    .enum(OUTCOMES)
    .describe('call tasks: promise, dispute, paid_already, wrong_contact, no_answer; others: done'),
  date: LocalDateText.optional().describe('promise: the promised payment date'),
  amount: z
    .string()
    .max(32)
    .optional()
    .describe('promise: the amount promised, a decimal string (1234.56)'),
  currency: z.string().max(3).optional().describe("promise: default the task's currency"),
  items: z.array(ItemNumber).max(500).optional().describe('promise: the invoices promised'),
  item: ItemNumber.optional().describe('dispute: the invoice disputed'),
  reason: Text(500).optional().describe('dispute: why'),
  note: Text(1000).optional().describe('what was said (required: paid_already, wrong_contact)'),
});

const CompleteResult = z.object({
  task: TaskView,
  promise: PromiseView.optional(),
  confirmationId: z.number().int().optional().describe('the written confirmation to send'),
  dispute: DisputeView.optional(),
  followUp: TaskView.optional().describe('no_answer: the call of the next business day'),
});

/** A task view with its contact copied (the response schema's objects are mutable). */
const taskJson = (t: Task) => ({ ...t, contact: t.contact && { ...t.contact } });

/** The worklist and task outcomes (docs/api.md, "Tasks"). */
export function taskRoutes(database: Database) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/tasks',
      {
        schema: {
          tags: ['tasks'],
          summary:
            "The worklist by due date: a collector's customers' tasks, a sales person's escalations",
          querystring: Company.extend({
            state: z.enum(['open', 'done', 'cancelled', 'all']).default('open'),
            assignee: z.string().min(1).max(200).optional().describe('assignee name, any case'),
            kind: z.enum(KINDS).optional(),
            due_before: LocalDateText.optional().describe('due on or before this date'),
            page: z.coerce.number().int().min(1).max(100_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: {
            200: z.object({
              total: z.number().int(),
              page: z.number().int(),
              pageSize: z.number().int(),
              rows: z.array(TaskView),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'customers:read');
        const q = request.query;
        const page = await listPortfolioTasks(db, {
          company: q.company,
          portfolio: principal.portfolio,
          state: q.state,
          assignee: q.assignee,
          kind: q.kind,
          dueBefore: q.due_before,
          page: q.page,
          pageSize: q.pageSize,
        });
        return { ...page, rows: page.rows.map(taskJson) };
      },
    );

    app.post(
      '/api/tasks/:id/complete',
      {
        schema: {
          tags: ['tasks'],
          summary:
            'Complete an open task with its outcome (promise, dispute… recorded in one transaction)',
          params: IdParams.describe('the task id'),
          querystring: Company,
          body: CompleteBody,
          response: { 200: CompleteResult, ...ERRORS },
        },
      },
      async (request) => {
        const { company } = request.query;
        const id = request.params.id;
        const code = (await resolveCompany(db, company)).code;
        const notFound = () =>
          new AppError('NOT_FOUND', `no task #${id} in company ${code}`, [
            { field: 'id', value: String(id), expected: 'a task number (relance task list)' },
          ]);
        const [task] = await loadTaskViews(db, [id]);
        if (!task) throw notFound();
        // Answering an internal escalation is its own permission (sales may); the rest is
        // collections work.
        const permission =
          task.kind === 'notify_internal' ? 'escalations:answer' : 'collections:write';
        const principal = await requireOwner(
          request,
          db,
          permission,
          { company, customer: task.customer },
          notFound,
        );
        const result = await audited(
          db,
          request,
          principal,
          (trx) => completeTask(trx, { company, id, ...request.body }),
          (r) => ({
            action: 'task.complete',
            targetType: 'task',
            targetId: r.task.id,
            detail: {
              customer: r.task.customer,
              kind: r.task.kind,
              outcome: r.task.outcome,
              promiseId: r.promise?.id,
              item: r.dispute?.item,
              followUpId: r.followUp?.id,
            },
          }),
        );
        return {
          ...result,
          task: taskJson(result.task),
          promise: result.promise && promiseJson(result.promise),
          followUp: result.followUp && taskJson(result.followUp),
        };
      },
    );
  };
}
