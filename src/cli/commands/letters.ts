import { Command, InvalidArgumentError } from 'commander';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { lettersBatch } from '../../documents/letters-batch.ts';
import { resolveCompany } from '../../store/companies.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';

export function lettersCommand(): Command {
  const command = new Command('letters').description(
    'letters of a run: one print batch PDF with the registered-letters list (docs/documents.md)',
  );
  command
    .command('batch')
    .description(
      'render every letter of the run (stored as documents) into one PDF, each on an odd page',
    )
    .argument('<run>', 'run id (relance run prints it)', runId)
    .requiredOption('--out <file>', 'the PDF to write')
    .option('--company <code>', 'company (default: the only one)')
    .option('--json', 'print the page map as JSON')
    .action(async (run: number, o: { out: string; company?: string; json?: boolean }) => {
      await withDatabase('relance letters batch', async ({ db }) => {
        const company = await resolveCompany(db, o.company);
        const batch = await lettersBatch(db, company.id, run);
        const path = resolve(o.out);
        await writeFile(path, batch.pdf);
        if (o.json) {
          printJson({
            file: path,
            runId: batch.runId,
            asOf: batch.asOf,
            ...batch.pageMap,
            documents: batch.letters,
          });
          return;
        }
        const registered = batch.letters.filter((l) => l.registered).length;
        process.stdout.write(
          `run ${batch.runId} (${batch.asOf}): ${batch.letters.length} letter(s), ${registered} registered, ` +
            `${batch.pageMap.totalPages} pages written to ${path}\n` +
            (batch.pageMap.registeredList
              ? `registered-letters list on pages ${batch.pageMap.registeredList.firstPage}–${
                  batch.pageMap.registeredList.firstPage +
                  batch.pageMap.registeredList.pageCount -
                  1
                }\n`
              : ''),
        );
      });
    });
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function runId(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(`got "${value}", expected a run id (1, 2, …)`);
  return n;
}
