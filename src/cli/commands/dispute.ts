import { Command, Option } from 'commander';
import { openDispute, type DisputeView } from '../../ledger/open-dispute.ts';
import { resolveDispute } from '../../ledger/resolve-dispute.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';

const companyOption = () => new Option('--company <code>', 'company (default: the only one)');

interface Options {
  reason?: string;
  company?: string;
  json?: boolean;
}

export function disputeCommand(): Command {
  const command = new Command('dispute').description(
    'disputed invoices stay on statements but leave the dunning flow until resolved',
  );
  command
    .command('open')
    .description('mark an open invoice disputed')
    .argument('<item>', 'invoice number')
    .requiredOption('--reason <text>', 'why the customer contests it')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (item: string, o: Options) => {
      await withDatabase('relance dispute open', async ({ db }) => {
        const view = await openDispute(db, { company: o.company, item, reason: o.reason });
        print(view, o.json, `${view.item} (${view.customer}) disputed: ${view.disputeReason}`);
      });
    });
  command
    .command('resolve')
    .description('end a dispute: the invoice is dunned again from the next run')
    .argument('<item>', 'invoice number')
    .option('--reason <text>', 'how it was resolved')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (item: string, o: Options) => {
      await withDatabase('relance dispute resolve', async ({ db }) => {
        const view = await resolveDispute(db, { company: o.company, item, reason: o.reason });
        print(view, o.json, `dispute on ${view.item} (${view.customer}) resolved`);
      });
    });
  // main.ts sets these on the command after its subcommands exist: set them on each too,
  // so that a usage error exits with 2 (not commander's 1) and shows the help.
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function print(view: DisputeView, json: boolean | undefined, text: string): void {
  if (json) printJson(view);
  else process.stdout.write(`${text}\n`);
}
