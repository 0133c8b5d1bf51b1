import { Command, InvalidArgumentError } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../core/errors.ts';
import { lettersBatch } from '../../delivery/letters-batch.ts';
import { listBatches } from '../../delivery/letter-batches.ts';
import { markBatchPosted } from '../../delivery/letters-posted.ts';
import { resolveCompany } from '../../store/companies.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';

export function lettersCommand(): Command {
  const command = new Command('letters').description(
    'letters: print batches (one PDF with the registered-letters list) and their posting (docs/delivery.md)',
  );
  command
    .command('batch')
    .description(
      'print the letters waiting (of one run, or all): one PDF, each letter on an odd page; asking again for a run prints the same batch',
    )
    .argument('[run]', 'run id (relance run prints it); default: every letter waiting', id('run'))
    .requiredOption('--out <file>', 'the PDF to write')
    .option('--batch <id>', 'print this batch again', id('batch'))
    .option('--company <code>', 'company (default: the only one)')
    .option('--json', 'print the page map as JSON')
    .action(
      async (
        run: number | undefined,
        o: { out: string; batch?: number; company?: string; json?: boolean },
      ) => {
        await withDatabase('relance letters batch', async ({ db }) => {
          const company = await resolveCompany(db, o.company);
          const batch = await lettersBatch(db, company.id, { runId: run, batchId: o.batch });
          const path = resolve(o.out);
          await writeFile(path, batch.pdf);
          if (o.json) {
            printJson({
              file: path,
              batchId: batch.batchId,
              reprint: batch.reprint,
              runId: batch.runId,
              asOf: batch.asOf,
              ...batch.pageMap,
              documents: batch.letters,
            });
            return;
          }
          const registered = batch.letters.filter((l) => l.registered).length;
          const list = batch.pageMap.registeredList;
          process.stdout.write(
            `batch ${batch.batchId}${batch.reprint ? ' (printed again)' : ''}` +
              `${batch.runId ? `, run ${batch.runId}` : ''} (${batch.asOf}): ` +
              `${batch.letters.length} letter(s), ${registered} registered, ` +
              `${batch.pageMap.totalPages} pages written to ${path}\n` +
              (list
                ? `registered-letters list on pages ${list.firstPage}–${list.firstPage + list.pageCount - 1}\n`
                : '') +
              `once posted: relance letters posted ${batch.batchId}` +
              (registered > 0 ? ' --tracking REFERENCE=NUMBER …' : '') +
              '\n',
          );
        });
      },
    );
  command
    .command('posted')
    .description('record that a print batch went to the post office: its letters become sent')
    .argument('<batch>', 'batch id (relance letters batch prints it)', id('batch'))
    .option(
      '--tracking <ref=number>',
      'tracking number of a registered letter, by its reference (or customer code); repeatable',
      collect,
      [] as string[],
    )
    .option(
      '--tracking-file <csv>',
      'tracking numbers from a CSV file with the columns reference,tracking',
    )
    .option('--posted-on <date>', 'the day it was posted (default: today)')
    .option('--company <code>', 'company (default: the only one)')
    .option('--json', 'print the report as JSON')
    .action(
      async (
        batch: number,
        o: {
          tracking: string[];
          trackingFile?: string;
          postedOn?: string;
          company?: string;
          json?: boolean;
        },
      ) => {
        const tracking = await trackingNumbers(o.tracking, o.trackingFile);
        await withDatabase('relance letters posted', async ({ db }) => {
          const company = await resolveCompany(db, o.company);
          const report = await markBatchPosted(db, company.id, {
            batchId: batch,
            tracking,
            postedOn: o.postedOn,
          });
          if (o.json) {
            printJson(report);
            return;
          }
          process.stdout.write(
            `batch ${report.batchId} posted on ${report.postedOn}: ${report.sent} letter(s) sent` +
              (report.skipped > 0 ? `, ${report.skipped} cancelled after printing` : '') +
              '\n' +
              report.letters
                .filter((l) => l.trackingNumber)
                .map((l) => `  ${l.reference} ${l.customer}: tracking ${l.trackingNumber}\n`)
                .join(''),
          );
        });
      },
    );
  command
    .command('list')
    .description('print batches, newest first: letters, pages, posted or not')
    .option('--company <code>', 'company (default: the only one)')
    .option('--json', 'print as JSON')
    .action(async (o: { company?: string; json?: boolean }) => {
      await withDatabase('relance letters list', async ({ db }) => {
        const company = await resolveCompany(db, o.company);
        const batches = await listBatches(db, company.id);
        if (o.json) {
          printJson(batches);
          return;
        }
        if (batches.length === 0) process.stdout.write('no print batch yet\n');
        for (const b of batches) {
          process.stdout.write(
            `batch ${b.id}${b.runId ? ` (run ${b.runId})` : ''}: ${b.letters} letter(s), ` +
              `${b.registered} registered, ${b.pages} pages, printed ${b.createdAt}, ` +
              `${b.postedOn ? `posted ${b.postedOn}` : 'not posted yet'}\n`,
          );
        }
      });
    });
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `REF=NUMBER` options and a CSV file (reference,tracking) into one map; bad entries throw. */
async function trackingNumbers(
  pairs: readonly string[],
  file: string | undefined,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) {
      throw new AppError('INVALID_INPUT', 'bad --tracking', [
        {
          field: '--tracking',
          value: pair,
          expected: 'REFERENCE=NUMBER, e.g. FRN-12=1A23456789012',
        },
      ]);
    }
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  if (file !== undefined) {
    let rows: Record<string, string>[];
    try {
      rows = parse(await readFile(resolve(file)), {
        columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        bom: true,
      }) as Record<string, string>[];
    } catch (error) {
      throw new AppError('INVALID_FILE', `cannot read the tracking file ${file}`, [
        { field: '--tracking-file', value: file, expected: `a CSV file: ${String(error)}` },
      ]);
    }
    const problems = rows.flatMap((r, i) =>
      r.reference && r.tracking
        ? []
        : [
            {
              row: i + 2,
              field: r.reference ? 'tracking' : 'reference',
              value: '',
              expected: 'the columns reference,tracking, both filled',
            },
          ],
    );
    if (problems.length > 0) {
      throw new AppError('INVALID_FILE', `the tracking file ${file} is incomplete`, problems);
    }
    for (const r of rows) out[r.reference!] = r.tracking!;
  }
  return out;
}

function id(what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new InvalidArgumentError(`got "${value}", expected a ${what} id (1, 2, …)`);
    return n;
  };
}
