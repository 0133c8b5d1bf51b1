import { Command } from 'commander';
import { runDunning, type RunReport } from '../../runs/run-dunning.ts';
import { resolveCompany, todayIn } from '../../store/companies.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseDateOption } from '../options.ts';
import { minorToDecimalString } from '../../core/money/format-money.ts';
import { AppError } from '../../core/errors.ts';

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
    .option(
      '--customer <code>',
      'only this customer (repeat the option for several)',
      (code: string, previous: string[] = []) => [...previous, code],
    )
    .option(
      '--send-now',
      "with --customer: take each one's next step now, ahead of its schedule (reason SENT_NOW)",
    )
    .option('--json', 'print the plan as JSON')
    .action(
      async (o: {
        asOf?: string;
        company?: string;
        dryRun?: boolean;
        force?: boolean;
        customer?: string[];
        sendNow?: boolean;
        json?: boolean;
      }) => {
        if (o.sendNow && !o.customer) {
          throw new AppError('INVALID_INPUT', '--send-now needs --customer', [
            { field: '--customer', value: '', expected: 'the customer(s) to send a step to now' },
          ]);
        }
        await withDatabase('relance run', async (database) => {
          const company = await resolveCompany(database.db, o.company);
          const report = await runDunning(database, {
            company: company.code,
            asOf: o.asOf ?? todayIn(company.timezone),
            dryRun: o.dryRun,
            force: o.force,
            now: new Date(),
            customers: o.customer,
            sendNow: o.sendNow,
          });
          if (o.json) printJson(report);
          else process.stdout.write(renderRun(report, o.customer !== undefined));
        });
      },
    );
}

function renderRun(r: RunReport, skipDetails: boolean): string {
  const c = r.counts;
  const lines = [
    `${r.dryRun ? 'DRY RUN — nothing stored. ' : ''}run of ${r.asOf} for ${r.company}: ` +
      `${r.customers} customers with open items, ${c.actions} action(s)` +
      `${r.dryRun ? '' : ' created'}, ${c.skips} skip(s)`,
  ];
  if (!r.businessDay) lines.push(`  ${r.asOf} is not a business day: every step waits`);
  const skips = Object.entries(c.skipsByCode);
  if (skips.length > 0) lines.push(`  skips: ${skips.map(([k, n]) => `${k} ${n}`).join(' · ')}`);
  // A run for some customers says why each of their skips happened.
  if (skipDetails) {
    for (const k of r.skips) {
      lines.push(`    ${k.customer}${k.currency ? ` ${k.currency}` : ''} ${k.code}: ${k.detail}`);
    }
  }
  if (r.cancelled.length > 0) {
    lines.push(`  cancelled before planning: ${r.cancelled.length}`);
    for (const x of r.cancelled)
      lines.push(`    #${x.id} ${x.customer} ${x.currency} ${x.step} — ${x.reason}: ${x.detail}`);
  }
  if (r.holds.held.length > 0) lines.push(`  accounts put on hold: ${r.holds.held.join(', ')}`);
  if (r.holds.released.length > 0)
    lines.push(`  accounts released: ${r.holds.released.join(', ')}`);
  for (const a of r.actions) {
    lines.push(
      `  ${a.customer} ${a.currency} ${a.step} [${a.kinds.join('+')}] ${a.mode} ` +
        `overdue ${minorToDecimalString(a.overdueMinor, a.currency)} — ${a.reasons.join(', ')}`,
    );
  }
  if (r.diff) {
    const d = r.diff;
    lines.push(
      d.against
        ? `  compared with run ${d.against.runId} of ${d.against.asOf}: ` +
            `${d.added.length} new, ${d.removed.length} no longer planned, ${d.unchanged} unchanged`
        : '  no stored run to compare with',
    );
    for (const e of d.added) lines.push(`    + ${e.customer} ${e.currency} ${e.step}`);
    for (const e of d.removed) lines.push(`    - ${e.customer} ${e.currency} ${e.step}`);
  }
  return lines.join('\n') + '\n';
}
