import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../store/database.ts';
import { importTable } from '../../imports/import-file.ts';
import { tableFromRecords } from '../../imports/record-table.ts';
import type { ImportKind } from '../../imports/columns.ts';
import { actorOf, writeAudit } from '../../auth/audit.ts';
import { requirePermission, permitBeforeBody } from '../auth/authenticate.ts';
import { CompanyQuery, ERRORS, LocalDateText, QueryBoolean } from '../schemas/common.ts';

/** Largest request body of an upsert: some 100,000 rows. */
export const LEDGER_BODY_LIMIT = 20 * 1024 * 1024;

const Cell = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

const UpsertBody = z
  .object({
    rows: z
      .array(z.record(z.string().min(1).max(100), Cell))
      .min(1)
      .max(200_000)
      .describe(
        'one object per row, keyed by the column names of the import file (docs/import.md)',
      ),
  })
  .strict();

const ImportReport = z
  .object({
    kind: z.string(),
    file: z.string(),
    company: z.string(),
    rows: z.number().int(),
    dryRun: z.boolean(),
    snapshot: z.boolean(),
    asOf: z.string(),
    batchId: z.number().int().nullable(),
    ignoredColumns: z.array(z.string()),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    settled: z.number().int(),
  })
  .meta({ id: 'ImportReport' });

const KINDS: readonly { path: string; kind: ImportKind }[] = [
  { path: 'customers', kind: 'customers' },
  { path: 'items', kind: 'items' },
  { path: 'payments', kind: 'payments' },
];

/**
 * The ERP upsert (ledger:import, usually an API token): the rows of an import file as
 * JSON, through the same validation and the same transaction as `relance import` — every
 * problem at once (row, field, value, expected), nothing applied when any row is wrong.
 */
export function ledgerImportRoutes(database: Database) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    for (const { path, kind } of KINDS) {
      app.put(
        `/api/ledger/${path}`,
        {
          bodyLimit: LEDGER_BODY_LIMIT,
          preParsing: permitBeforeBody('ledger:import'),
          schema: {
            tags: ['ledger'],
            summary: `Upsert ${kind} by natural key, all or nothing (the columns of a ${kind} import file)`,
            querystring: CompanyQuery.extend({
              dryRun: QueryBoolean.optional().describe('validate and count, change nothing'),
              asOf: LocalDateText.optional().describe(
                'business date recorded for settlements (default: today)',
              ),
            }),
            body: UpsertBody,
            response: { 200: ImportReport, ...ERRORS },
          },
        },
        async (request) => {
          const principal = requirePermission(request, 'ledger:import');
          const { table, sha256 } = tableFromRecords(kind, request.body.rows);
          const report = await importTable(
            database,
            { table, fileName: `api:${kind}`, sha256 },
            {
              kind,
              company: request.query.company,
              dryRun: request.query.dryRun,
              asOf: request.query.asOf,
            },
          );
          if (!report.dryRun) {
            await writeAudit(database.db, actorOf(principal, request.ip), {
              action: 'ledger.import',
              targetType: 'import_batch',
              targetId: report.batchId ?? undefined,
              detail: {
                kind,
                company: report.company,
                rows: report.rows,
                inserted: report.inserted,
                updated: report.updated,
                unchanged: report.unchanged,
              },
            });
          }
          return { ...report, ignoredColumns: [...report.ignoredColumns] };
        },
      );
    }
  };
}
