import type { Principal } from '../core/auth/principal.ts';
import type { LocalDate } from '../core/calendar/local-date.ts';
import type { Company } from '../store/companies.ts';
import type { Database } from '../store/database.ts';
import { importTable } from '../imports/import-file.ts';
import type { ImportKind } from '../imports/columns.ts';
import type { ReadResult } from '../imports/read-table.ts';
import type { ValueFormats } from '../imports/fields.ts';
import { runDunning } from '../runs/run-dunning.ts';
import type { JobTracker } from './job-tracker.ts';

/** An import of a file already read and parsed (the upload is checked before the job starts). */
export function startImportJob(
  tracker: JobTracker,
  database: Database,
  input: {
    readonly company: Company;
    readonly principal: Principal;
    readonly file: ReadResult;
    readonly kind: ImportKind;
    readonly snapshot: boolean;
    readonly dryRun: boolean;
    readonly asOf?: LocalDate | undefined;
    readonly formats?: Partial<ValueFormats> | undefined;
  },
): Promise<{ id: number; followToken: string }> {
  const { file } = input;
  return tracker.start(
    {
      companyId: input.company.id,
      kind: 'import',
      principal: input.principal,
      params: {
        importKind: input.kind,
        file: file.fileName,
        bytes: file.bytes,
        sha256: file.sha256,
        rows: file.table.rows.length,
        snapshot: input.snapshot,
        dryRun: input.dryRun,
        ...(input.asOf ? { asOf: input.asOf } : {}),
      },
    },
    async (report) => {
      const result = await importTable(database, file, {
        kind: input.kind,
        path: file.fileName,
        company: input.company.code,
        snapshot: input.snapshot,
        dryRun: input.dryRun,
        asOf: input.asOf,
        formats: input.formats,
        onProgress: (phase, done, total) => report({ phase, done, total }),
      });
      return { ...result };
    },
  );
}

/**
 * A dunning run in the background. The job keeps the run's figures (the actions themselves
 * are read from the run: GET /api/runs/ID/actions), so its row stays small at any size.
 */
export function startRunJob(
  tracker: JobTracker,
  database: Database,
  input: {
    readonly company: Company;
    readonly principal: Principal;
    readonly asOf: LocalDate;
    readonly force: boolean;
  },
): Promise<{ id: number; followToken: string }> {
  return tracker.start(
    {
      companyId: input.company.id,
      kind: 'run',
      principal: input.principal,
      params: { asOf: input.asOf, force: input.force },
    },
    async (report) => {
      const run = await runDunning(database, {
        company: input.company.code,
        asOf: input.asOf,
        force: input.force,
        now: new Date(),
        collect: false,
        onProgress: report,
      });
      return {
        runId: run.runId,
        asOf: run.asOf,
        company: run.company,
        customers: run.customers,
        businessDay: run.businessDay,
        counts: run.counts,
        cancelled: run.cancelled.length,
        held: run.holds.held.length,
        released: run.holds.released.length,
      };
    },
  );
}
