import { Command, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { importFile, type ImportReport } from '../../imports/import-file.ts';
import { IMPORT_KINDS, type ImportKind } from '../../imports/columns.ts';
import { DATE_FORMATS, type DateFormat } from '../../core/calendar/local-date.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseDateOption, parsePositiveNumber } from '../options.ts';

export function importCommand(): Command {
  return new Command('import')
    .description('import customers, contacts, items or payments from a CSV or XLSX file')
    .addArgument(
      new Command().createArgument('<kind>', 'what the file holds').choices(IMPORT_KINDS),
    )
    .argument('<file>', 'a .csv (UTF-8, "," or ";" separated) or .xlsx file')
    .option('--company <code>', 'company to import into (default: the only one)')
    .option(
      '--snapshot',
      'items only: the file lists every open item; settle open items it does not list',
    )
    .option('--dry-run', 'validate and show what would change, then change nothing')
    .option(
      '--as-of <date>',
      'business date recorded for settlements (default: today in the company time zone)',
      parseDateOption,
    )
    .addOption(
      new Option('--decimal <format>', 'decimal separator of amounts')
        .choices(['dot', 'comma'])
        .default('dot'),
    )
    .addOption(
      new Option('--date-format <format>', 'how dates are written')
        .choices(DATE_FORMATS)
        .default('YYYY-MM-DD'),
    )
    .option(
      '--delimiter <char>',
      'CSV delimiter (default: guessed from the header among , ; and tab)',
    )
    .option(
      '--max-size <MB>',
      'largest file accepted, in MB (default 32, or RELANCE_IMPORT_MAX_MB)',
      parsePositiveNumber,
    )
    .option('--json', 'print the report as JSON')
    .action(async (kind: ImportKind, file: string, opts: ImportCliOptions) => {
      await withDatabase(`relance import ${kind}`, async (database, config) => {
        const progress = createProgress(opts.json === true);
        try {
          const report = await importFile(database, {
            kind,
            path: file,
            company: opts.company,
            snapshot: opts.snapshot,
            dryRun: opts.dryRun,
            asOf: opts.asOf,
            formats: { decimal: opts.decimal, dateFormat: opts.dateFormat },
            delimiter: opts.delimiter,
            maxBytes: (opts.maxSize ?? config.importMaxMb) * 1_000_000,
            onProgress: progress.update,
          });
          progress.stop();
          if (opts.json) printJson(report);
          else printReport(report);
        } finally {
          progress.stop();
        }
      });
    });
}

interface ImportCliOptions {
  company?: string;
  snapshot?: boolean;
  dryRun?: boolean;
  asOf?: string;
  decimal: 'dot' | 'comma';
  dateFormat: DateFormat;
  delimiter?: string;
  maxSize?: number;
  json?: boolean;
}

function printReport(r: ImportReport): void {
  const lines = [
    `${r.dryRun ? 'DRY RUN — nothing was changed. ' : ''}${r.kind} from ${r.file} into company ${r.company}:`,
    `  rows ${r.rows} · inserted ${r.inserted} · updated ${r.updated} · unchanged ${r.unchanged}` +
      (r.snapshot ? ` · settled (not in snapshot) ${r.settled} as of ${r.asOf}` : ''),
  ];
  if (r.ignoredColumns.length > 0) lines.push(`  ignored columns: ${r.ignoredColumns.join(', ')}`);
  if (r.batchId !== null) lines.push(`  import batch #${r.batchId}`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** A progress bar on stderr for long imports, only when a person is watching. */
function createProgress(quiet: boolean) {
  let bar: SingleBar | undefined;
  let phase = '';
  return {
    update(next: string, done: number, total: number) {
      if (quiet || !process.stderr.isTTY || total < 20_000) return;
      if (next !== phase) {
        bar?.stop();
        phase = next;
        bar = new SingleBar(
          {
            format: `${next.padEnd(8)} [{bar}] {percentage}% {value}/{total}`,
            stream: process.stderr,
          },
          Presets.shades_classic,
        );
        bar.start(total, done);
      } else bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
