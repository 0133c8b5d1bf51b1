import { Command, InvalidArgumentError, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import { AppError } from '../../core/errors.ts';
import type { Template } from '../../core/templates/types.ts';
import {
  formatOfPath,
  readStructuredFile,
  toStructuredText,
  type StructuredFormat,
} from '../../imports/structured-file.ts';
import { resolveCompany } from '../../store/companies.ts';
import {
  getTemplate,
  saveTemplates,
  templateLibrary,
  templateVersions,
  type LibraryTemplate,
} from '../../store/templates.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';

const companyOption = () => new Option('--company <code>', 'company (default: the only one)');

export function templateCommand(): Command {
  const command = new Command('template').description(
    'document templates: list, export, import (docs/templates.md)',
  );
  command
    .command('list')
    .description('the templates in force: built-in (version 0) or your own, per language')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (o: { company?: string; json?: boolean }) => {
      await withDatabase('relance template list', async ({ db }) => {
        const company = await resolveCompany(db, o.company);
        const library = await templateLibrary(db, company.id);
        if (o.json) {
          printJson(
            library.map((t) => ({
              code: t.code,
              kind: t.kind,
              language: t.language,
              version: t.version,
              name: t.name ?? null,
              savedAt: t.savedAt?.toISOString() ?? null,
            })),
          );
        } else process.stdout.write(renderList(library));
      });
    });

  command
    .command('export')
    .description('write a template as YAML or JSON: every language, or the one given')
    .argument('<code>', 'template code')
    .option('--lang <language>', 'only this language (en, fr, de, es)')
    .option('--version <n>', 'a saved version (with --lang; default: the one in force)', version)
    .addOption(
      new Option('--format <format>', 'yaml or json (default: from --out, else yaml)').choices([
        'yaml',
        'json',
      ]),
    )
    .option('--out <file>', 'write to this file instead of the standard output')
    .addOption(companyOption())
    .action(
      async (
        code: string,
        o: {
          lang?: string;
          version?: number;
          format?: StructuredFormat;
          out?: string;
          company?: string;
        },
      ) => {
        await withDatabase('relance template export', async ({ db }) => {
          const company = await resolveCompany(db, o.company);
          if (o.version !== undefined && o.lang === undefined) {
            throw new AppError('INVALID_INPUT', '--version needs --lang', [
              { field: 'lang', value: '', expected: 'the language of the version to export' },
            ]);
          }
          const templates =
            o.lang !== undefined
              ? [await getTemplate(db, company.id, code, o.lang, o.version)]
              : await templateVersions(db, company.id, code);
          if (templates.length === 0) await getTemplate(db, company.id, code, 'en'); // NOT_FOUND
          const format = o.format ?? (o.out ? formatOfPath(o.out) : undefined) ?? 'yaml';
          const value = o.lang !== undefined ? plain(templates[0]!) : templates.map(plain);
          const versions = templates.map((t) => `${t.language} v${t.version}`).join(', ');
          const text = toStructuredText(
            value,
            format,
            `Relance template "${code}" (${versions}) of company ${company.code}; version 0 is built in.\n` +
              'Edit it, then load it with: relance template import FILE (see docs/templates.md)',
          );
          if (o.out === undefined) process.stdout.write(text);
          else {
            await writeFile(o.out, text);
            process.stdout.write(`template ${code} (${versions}) written to ${o.out}\n`);
          }
        });
      },
    );

  command
    .command('import')
    .description(
      'save templates from a .yaml, .yml or .json file (one or a list); new versions only when changed',
    )
    .argument('<file>', 'the template file')
    .addOption(companyOption())
    .option('--json', 'print the result as JSON')
    .action(async (file: string, o: { company?: string; json?: boolean }) => {
      const { value, fileName } = await readStructuredFile(file);
      await withDatabase('relance template import', async ({ db }) => {
        const company = await resolveCompany(db, o.company, { createIfNone: true });
        let results;
        try {
          results = await saveTemplates(db, company.id, value);
        } catch (error) {
          if (error instanceof AppError && error.code === 'INVALID_INPUT')
            throw new AppError(error.code, `${fileName}: ${error.message}`, error.problems);
          throw error;
        }
        if (o.json) printJson({ company: company.code, file: fileName, templates: results });
        else {
          for (const r of results) {
            process.stdout.write(
              r.created
                ? `${r.code} (${r.language}): version ${r.version} saved from ${fileName}\n`
                : `${r.code} (${r.language}): no change, still version ${r.version}${r.version === 0 ? ' (built in)' : ''}\n`,
            );
          }
        }
      });
    });
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

/** The fields of a template file, in their usual order. */
function plain(t: LibraryTemplate): Template {
  return {
    code: t.code,
    kind: t.kind,
    language: t.language,
    ...(t.name !== undefined ? { name: t.name } : {}),
    ...(t.subject !== undefined ? { subject: t.subject } : {}),
    body: t.body,
  };
}

function renderList(library: readonly LibraryTemplate[]): string {
  const codes = [...new Set(library.map((t) => t.code))];
  const rows = codes.map((code) => {
    const versions = library.filter((t) => t.code === code);
    return [
      code,
      versions[0]!.kind,
      versions.map((t) => (t.version === 0 ? t.language : `${t.language} v${t.version}`)).join(' '),
    ];
  });
  const head = ['code', 'kind', 'languages (vN: your version N; plain: built in)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return (
    [head, ...rows]
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

function version(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(`got "${value}", expected a version number (1, 2, …)`);
  return n;
}
