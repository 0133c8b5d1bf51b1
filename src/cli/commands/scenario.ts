import { Command, InvalidArgumentError, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import { resolveCompany } from '../../store/companies.ts';
import {
  ensureDefaultScenarios,
  getAssignmentRules,
  getScenario,
  listScenarios,
  saveScenario,
  setAssignmentRules,
} from '../../store/scenarios.ts';
import { validateScenario } from '../../core/scenario/validate-scenario.ts';
import { knownTemplateCodes } from '../../store/templates.ts';
import { AppError } from '../../core/errors.ts';
import {
  formatOfPath,
  readStructuredFile,
  toStructuredText,
  type StructuredFormat,
} from '../../imports/structured-file.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { definitionOf, renderRules, renderScenarioList } from './scenario-output.ts';

interface CompanyOption {
  company?: string;
  json?: boolean;
}

const companyOption = () => new Option('--company <code>', 'company (default: the only one)');

export function scenarioCommand(): Command {
  const command = new Command('scenario').description(
    'collection scenarios: list, export, import, seed the defaults, assignment rules (docs/scenarios.md)',
  );
  command
    .command('list')
    .description('list the scenarios (latest version of each)')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (opts: CompanyOption) => {
      await withDatabase('relance scenario list', async ({ db }) => {
        const company = await resolveCompany(db, opts.company);
        const scenarios = await listScenarios(db, company.id);
        if (opts.json) {
          printJson(
            scenarios.map((s) => ({
              code: s.code,
              name: s.name,
              version: s.version,
              steps: s.steps.length,
              catchUp: s.catchUp,
              savedAt: s.savedAt.toISOString(),
            })),
          );
        } else process.stdout.write(renderScenarioList(scenarios));
      });
    });

  command
    .command('export')
    .description('write a scenario as YAML or JSON (to edit it and import it again)')
    .argument('<code>', 'scenario code')
    .option('--version <n>', 'version to export (default: the latest)', parseVersion)
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
        opts: CompanyOption & { version?: number; format?: StructuredFormat; out?: string },
      ) => {
        await withDatabase('relance scenario export', async ({ db }) => {
          const company = await resolveCompany(db, opts.company);
          const scenario = await getScenario(db, company.id, code, opts.version);
          const format = opts.format ?? (opts.out ? formatOfPath(opts.out) : undefined) ?? 'yaml';
          const text = toStructuredText(
            definitionOf(scenario),
            format,
            `Relance scenario "${scenario.code}", version ${scenario.version} of company ${company.code}.\n` +
              'Edit it, then load it with: relance scenario import FILE (see docs/scenarios.md)',
          );
          if (opts.out === undefined) process.stdout.write(text);
          else {
            await writeFile(opts.out, text);
            process.stdout.write(
              `scenario ${scenario.code} version ${scenario.version} written to ${opts.out}\n`,
            );
          }
        });
      },
    );

  command
    .command('import')
    .description('save a scenario from a .yaml, .yml or .json file (a new version if it changed)')
    .argument('<file>', 'the scenario file')
    .addOption(companyOption())
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: CompanyOption) => {
      const { value, fileName } = await readStructuredFile(file);
      await withDatabase('relance scenario import', async ({ db }) => {
        const company = await resolveCompany(db, opts.company, { createIfNone: true });
        // Templates a step may name: the built-in ones and the company's own.
        const known = await knownTemplateCodes(db, company.id);
        const scenario = withFileName(fileName, () => validateScenario(value, known));
        const saved = await saveScenario(db, company.id, scenario);
        if (opts.json) printJson({ company: company.code, file: fileName, ...saved });
        else {
          process.stdout.write(
            saved.created
              ? `scenario ${saved.code}: version ${saved.version} saved from ${fileName}\n`
              : `scenario ${saved.code}: no change, still version ${saved.version}\n`,
          );
        }
      });
    });

  command
    .command('defaults')
    .description('create the standard scenarios (default, key_accounts, no_pre_dunning) if missing')
    .addOption(companyOption())
    .option('--json', 'print the result as JSON')
    .action(async (opts: CompanyOption) => {
      await withDatabase('relance scenario defaults', async ({ db }) => {
        const company = await resolveCompany(db, opts.company, { createIfNone: true });
        const results = await ensureDefaultScenarios(db, company.id);
        if (opts.json) printJson({ company: company.code, scenarios: results });
        else {
          for (const r of results) {
            process.stdout.write(
              r.created
                ? `${r.code}: created (version ${r.version})\n`
                : `${r.code}: already there (version ${r.version}), left as it is\n`,
            );
          }
        }
      });
    });

  command
    .command('rules')
    .description('show the assignment rules, or replace them from a .yaml or .json file')
    .option('--set <file>', 'replace the rules with the list in this file')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (opts: CompanyOption & { set?: string }) => {
      const input = opts.set === undefined ? undefined : await readStructuredFile(opts.set);
      await withDatabase('relance scenario rules', async ({ db }) => {
        const company = await resolveCompany(db, opts.company);
        if (input) {
          const list = isRulesDocument(input.value) ? input.value.rules : input.value;
          await withFileName(input.fileName, () => setAssignmentRules(db, company.id, list));
        }
        const rules = await getAssignmentRules(db, company.id);
        if (opts.json) printJson(rules);
        else process.stdout.write(renderRules(rules));
      });
    });
  // main.ts sets these on `scenario` after its subcommands exist: set them on each too.
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function isRulesDocument(value: unknown): value is { rules: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'rules' in value;
}

/** Names the file in an INVALID_INPUT message (problems keep their field paths). */
function withFileName<T>(fileName: string, work: () => T): T {
  const rename = (error: unknown): never => {
    if (error instanceof AppError && error.code === 'INVALID_INPUT') {
      throw new AppError(error.code, `${fileName}: ${error.message}`, error.problems);
    }
    throw error;
  };
  try {
    const result = work();
    return (result instanceof Promise ? result.catch(rename) : result) as T;
  } catch (error) {
    return rename(error);
  }
}

function parseVersion(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError(`got "${value}", expected a version number (1, 2, …)`);
  return n;
}
