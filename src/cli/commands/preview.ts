import { Command, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { previewStep, type PreviewFormat } from '../../documents/preview.ts';
import type { ComposeKind } from '../../documents/compose-action.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseDateOption } from '../options.ts';

const FORMATS: Readonly<Record<string, PreviewFormat>> = {
  '.pdf': 'pdf',
  '.html': 'html',
  '.htm': 'html',
  '.md': 'md',
};

const KINDS: readonly ComposeKind[] = [
  'email',
  'letter',
  'call_task',
  'sms',
  'notify_internal',
  'handover',
  'statement',
];

interface Options {
  customer: string;
  step: string;
  out: string;
  lang?: string;
  currency?: string;
  asOf?: string;
  scenario?: string;
  kind?: ComposeKind;
  company?: string;
  json?: boolean;
}

export function previewCommand(): Command {
  return new Command('preview')
    .description(
      "render a step's template for a real customer: .pdf (letter), .html (e-mail) or .md; nothing is stored",
    )
    .requiredOption('--customer <code>', 'customer code')
    .requiredOption('--step <id>', "step of the customer's scenario (reminder, formal_notice, …)")
    .requiredOption('--out <file>', 'FILE.pdf, FILE.html or FILE.md')
    .option('--lang <language>', "write in this language (default: the customer's)")
    .option('--currency <code>', "the account's currency to show (default: the customer's)")
    .option('--as-of <date>', 'date of the document (default: today)', parseDateOption)
    .option('--scenario <code>', 'take the step from this scenario (default: the assigned one)')
    .addOption(new Option('--kind <kind>', "which of the step's templates").choices(KINDS))
    .option('--company <code>', 'company (default: the only one)')
    .option('--json', 'print what was written as JSON')
    .action(async (o: Options) => {
      const format = FORMATS[extname(o.out).toLowerCase()];
      if (format === undefined) {
        throw new AppError('INVALID_INPUT', 'cannot tell the format from the file name', [
          { field: 'out', value: o.out, expected: 'a file ending in .pdf, .html or .md' },
        ]);
      }
      await withDatabase('relance preview', async ({ db }) => {
        const preview = await previewStep(db, {
          company: o.company,
          customer: o.customer,
          step: o.step,
          scenario: o.scenario,
          language: o.lang,
          currency: o.currency,
          asOf: o.asOf,
          format,
          kind: o.kind,
        });
        const path = resolve(o.out);
        await writeFile(path, preview.content);
        const r = preview.rendered;
        if (o.json) {
          printJson({
            file: path,
            format,
            customer: preview.customer,
            scenario: preview.scenario,
            step: preview.step,
            kind: preview.kind,
            currency: preview.currency,
            asOf: preview.asOf,
            template: r.template,
            subject: r.subject ?? null,
            fallback: r.fallbackNote ?? null,
            pages: r.pageCount ?? null,
          });
          return;
        }
        const version = r.template.version === 0 ? 'built in' : `version ${r.template.version}`;
        const pages = r.pageCount !== undefined ? `, ${r.pageCount} page(s)` : '';
        process.stdout.write(
          `${preview.customer} · ${preview.scenario}/${preview.step} · ${r.template.code} (${r.template.language}, ${version}) · ${preview.currency} as of ${preview.asOf}\n` +
            (r.fallbackNote ? `note: ${r.fallbackNote}\n` : '') +
            `written to ${path} (${format}${pages})\n`,
        );
      });
    });
}
