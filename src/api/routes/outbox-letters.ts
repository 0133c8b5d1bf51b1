import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import { resolveCompany } from '../../store/companies.ts';
import { lettersBatch } from '../../delivery/letters-batch.ts';
import { getBatch, listBatches } from '../../delivery/letter-batches.ts';
import { AppError } from '../../core/errors.ts';
import { markBatchPosted } from '../../delivery/letters-posted.ts';
import { actorOf, writeAudit } from '../../auth/audit.ts';
import { requirePermission, permitBeforeBody } from '../auth/authenticate.ts';
import { CompanyQuery, ERRORS, ErrorBody, LocalDateText } from '../schemas/common.ts';

const BatchParams = z.object({ id: z.coerce.number().int().min(1).describe('print batch id') });

const Letter = z.object({
  outboxId: z.number().int(),
  actionId: z.number().int(),
  customer: z.string(),
  documentId: z.number().int(),
  registered: z.boolean(),
  reference: z.string(),
  pages: z.number().int(),
});

const BatchMade = z
  .object({
    batchId: z.number().int(),
    reprint: z.boolean().describe('the batch had been made before: nothing changed'),
    runId: z.number().int().nullable(),
    asOf: z.string(),
    pages: z.number().int(),
    pageMap: z.record(z.string(), z.unknown()).describe('where each letter and list starts'),
    letters: z.array(Letter),
    url: z.string().describe('the PDF: GET it to print (again)'),
  })
  .meta({ id: 'LetterBatch' });

const BatchView = z.object({
  id: z.number().int(),
  runId: z.number().int().nullable(),
  letters: z.number().int(),
  registered: z.number().int(),
  pages: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  postedOn: z.string().nullable(),
  url: z.string(),
});

const pdfUrl = (id: number) => `/api/letters/batches/${id}/pdf`;

/**
 * Letters: print batches (one PDF, each letter on an odd page, the registered-letters
 * list), re-prints, posting with tracking numbers (docs/delivery.md). Every letter of the
 * company is in a batch, so these need runs:approve.
 */
export function letterRoutes(database: Database) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/letters/batches',
      {
        preParsing: permitBeforeBody('runs:approve'),
        schema: {
          tags: ['letters'],
          summary:
            'Print the letters waiting (of one run, or all); asking again for a run gives the same batch',
          querystring: CompanyQuery,
          body: z
            .object({ runId: z.number().int().min(1).optional() })
            .strict()
            .default({}),
          response: { 200: BatchMade, ...ERRORS, 409: ErrorBody },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'runs:approve');
        const company = await resolveCompany(db, request.query.company);
        const batch = await lettersBatch(db, company.id, { runId: request.body.runId });
        if (!batch.reprint) {
          await writeAudit(db, actorOf(principal, request.ip), {
            action: 'letters.batch',
            targetType: 'letter_batch',
            targetId: batch.batchId,
            detail: { runId: batch.runId, letters: batch.letters.length },
          });
        }
        return {
          batchId: batch.batchId,
          reprint: batch.reprint,
          runId: batch.runId,
          asOf: batch.asOf,
          pages: batch.pageMap.totalPages,
          pageMap: batch.pageMap as unknown as Record<string, unknown>,
          letters: [...batch.letters],
          url: pdfUrl(batch.batchId),
        };
      },
    );

    app.get(
      '/api/letters/batches',
      {
        schema: {
          tags: ['letters'],
          summary: 'Print batches, newest first: letters, pages, posted or not',
          querystring: CompanyQuery,
          response: {
            200: z.object({ batches: z.array(BatchView) }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        requirePermission(request, 'runs:approve');
        const company = await resolveCompany(db, request.query.company);
        const batches = await listBatches(db, company.id);
        return { batches: batches.map((b) => ({ ...b, url: pdfUrl(b.id) })) };
      },
    );

    app.get(
      '/api/letters/batches/:id',
      {
        schema: {
          tags: ['letters'],
          summary:
            'One print batch with its letters: customer, reference, registered (needs a tracking number), state',
          params: BatchParams,
          querystring: CompanyQuery,
          response: {
            200: BatchView.extend({
              letters: z.array(
                z.object({
                  outboxId: z.number().int(),
                  customer: z.string(),
                  reference: z.string(),
                  registered: z.boolean(),
                  state: z.string().describe('printed; sent once posted; cancelled if pulled'),
                }),
              ),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        requirePermission(request, 'runs:approve');
        const company = await resolveCompany(db, request.query.company);
        const batch = await getBatch(db, company.id, request.params.id);
        if (!batch) {
          throw new AppError('NOT_FOUND', `no print batch ${request.params.id}`, [
            {
              field: 'batch',
              value: String(request.params.id),
              expected: 'the id of a print batch of the company',
            },
          ]);
        }
        return { ...batch, url: pdfUrl(batch.id) };
      },
    );

    app.get(
      '/api/letters/batches/:id/pdf',
      {
        schema: {
          tags: ['letters'],
          summary: 'The PDF of a print batch (printed again from the stored documents)',
          params: BatchParams,
          querystring: CompanyQuery,
          response: {
            200: z.any().describe('application/pdf'),
            ...ERRORS,
          },
        },
      },
      async (request, reply) => {
        requirePermission(request, 'runs:approve');
        const company = await resolveCompany(db, request.query.company);
        const batch = await lettersBatch(db, company.id, { batchId: request.params.id });
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="letters-${batch.batchId}.pdf"`)
          .send(batch.pdf);
      },
    );

    app.post(
      '/api/letters/batches/:id/posted',
      {
        preParsing: permitBeforeBody('runs:approve'),
        schema: {
          tags: ['letters'],
          summary:
            'Record that a batch went to the post office: its letters become sent (tracking numbers of registered letters by reference)',
          params: BatchParams,
          querystring: CompanyQuery,
          body: z
            .object({
              tracking: z.record(z.string().min(1).max(100), z.string().min(1).max(100)).optional(),
              postedOn: LocalDateText.optional(),
            })
            .strict()
            .default({}),
          response: { 200: z.record(z.string(), z.unknown()), ...ERRORS, 409: ErrorBody },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'runs:approve');
        const company = await resolveCompany(db, request.query.company);
        const report = await markBatchPosted(db, company.id, {
          batchId: request.params.id,
          tracking: request.body.tracking,
          postedOn: request.body.postedOn,
        });
        await writeAudit(db, actorOf(principal, request.ip), {
          action: 'letters.posted',
          targetType: 'letter_batch',
          targetId: report.batchId,
          detail: { postedOn: report.postedOn, sent: report.sent, skipped: report.skipped },
        });
        return report as unknown as Record<string, unknown>;
      },
    );
  };
}
