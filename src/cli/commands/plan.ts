import { Command, Option } from 'commander';
import { listActions } from '../../ledger/list-actions.ts';
import { approveActions } from '../../ledger/approve-actions.ts';
import { ACTION_STATES, type ActionView } from '../../ledger/action-view.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseDateOption } from '../options.ts';

const companyOption = () => new Option('--company <code>', 'company (default: the only one)');

export function planCommand(): Command {
  const command = new Command('plan').description(
    'the stored dunning actions: list them, approve those awaiting approval',
  );
  command
    .command('list')
    .description('list dunning actions (every date unless --as-of)')
    .addOption(new Option('--state <state>', 'only this state').choices(ACTION_STATES))
    .option('--as-of <date>', 'only actions of this business date', parseDateOption)
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (o: { state?: string; asOf?: string; company?: string; json?: boolean }) => {
      await withDatabase('relance plan list', async ({ db }) => {
        const list = await listActions(db, { company: o.company, state: o.state, asOf: o.asOf });
        if (o.json) printJson(list);
        else if (list.actions.length === 0) process.stdout.write('no action\n');
        else process.stdout.write(list.actions.map(line).join(''));
      });
    });
  command
    .command('approve')
    .description('approve actions awaiting approval: the ids given, or --all')
    .argument('[ids...]', 'action ids (relance plan list --state awaiting_approval)')
    .option('--all', 'approve every action awaiting approval')
    .option('--as-of <date>', 'with --all: only actions of this business date', parseDateOption)
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(
      async (
        ids: string[],
        o: { all?: boolean; asOf?: string; company?: string; json?: boolean },
      ) => {
        await withDatabase('relance plan approve', async ({ db }) => {
          const result = await approveActions(db, {
            company: o.company,
            ids,
            all: o.all,
            asOf: o.asOf,
          });
          if (o.json) printJson(result);
          else {
            process.stdout.write(
              `${result.approved.length} action(s) approved\n` + result.approved.map(line).join(''),
            );
          }
        });
      },
    );
  // main.ts sets these on the command after its subcommands exist: set them on each too,
  // so that a usage error exits with 2 (not commander's 1) and shows the help.
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function line(a: ActionView): string {
  return (
    `#${a.id} ${a.asOf} ${a.customer} ${a.currency} ${a.step} [${a.kinds.join('+')}] ` +
    `${a.state} overdue ${a.overdueMinor} — ${a.reasons.join(', ')}\n`
  );
}
