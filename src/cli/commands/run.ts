import { Command } from 'commander';
import { runDunning, type RunReport } from '../../runs/run-dunning.ts';
import { resolveCompany, todayIn } from '../../store/companies.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseDateOption } from '../options.ts';

export function runCommand(): Command {
  return new Command('run')
    .description("plan the day's collection actions for every customer (docs/plan-format.md)")
    .option(
      '--as-of <date>',
      'business date of the run (default: today in the company time zone)',
      parseDateOption,
    )
    .option('--company <code>', 'company (default: the only one)')
    .option('--dry-run', 'show what would happen and why; store nothing')
    .option('--force', 'run even when the ledger is older than the company allows')
    .option('--json', 'print the plan as JSON')
    .action(
      async (o: {
        asOf?: string;
        company?: string;
        dryRun?: boolean;
        force?: boolean;
        json?: boolean;
      }) => {
        await withDatabase('relance run', async (database) => {
          const company = await resolveCompany(database.db, o.company);
          const report = await runDunning(database, {
            company: company.code,
            asOf: o.asOf ?? todayIn(company.timezone),
            dryRun: o.dryRun,
            force: o.force,
            now: new Date(),
          });
          if (o.json) printJson(report);
          else process.stdout.write(renderRun(report));
        });
      },
    );
}

function renderRun(r: RunReport): string {
  const counts = new Map<string, number>();
  for (const s of r.skips) counts.set(s.code, (counts.get(s.code) ?? 0) + 1);
  const lines = [
    `${r.dryRun ? 'DRY RUN — nothing stored. ' : ''}run of ${r.asOf} for ${r.company}: ${r.customers} customers with open items, ` +
      `${r.actions.length} action(s)${r.dryRun ? '' : ' created'}, ${r.skips.length} skip(s)`,
  ];
  if (counts.size > 0)
    lines.push(`  skips: ${[...counts].map(([c, n]) => `${c} ${n}`).join(' · ')}`);
  for (const a of r.actions) {
    lines.push(
      `  ${a.customer} ${a.currency} ${a.step} [${a.kinds.join('+')}] ${a.mode} overdue ${a.overdueMinor} — ${a.reasons.join(', ')}`,
    );
  }
  return lines.join('\n') + '\n';
}
