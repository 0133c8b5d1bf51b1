import { Command, Option } from 'commander';
import { addPromise } from '../../ledger/add-promise.ts';
import { listPromises } from '../../ledger/list-promises.ts';
import { cancelPromise } from '../../ledger/cancel-promise.ts';
import type { PromiseView } from '../../ledger/promise-view.ts';
import { minorToDecimalString } from '../../core/money/format-money.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';

const companyOption = () => new Option('--company <code>', 'company (default: the only one)');

export function promiseCommand(): Command {
  const command = new Command('promise').description(
    'promises to pay: a promise pauses escalation in its currency until its date',
  );
  command
    .command('add')
    .description("record a customer's promise to pay")
    .argument('<customer>', 'customer code')
    .requiredOption('--date <date>', 'promised payment date, YYYY-MM-DD (today or later)')
    .requiredOption('--amount <amount>', 'amount promised, with a decimal point (1234.56)')
    .option('--currency <code>', "currency (default: the customer's)")
    .option(
      '--items <numbers>',
      'invoices promised, comma-separated (default: the overdue balance)',
    )
    .addOption(companyOption())
    .option('--json', 'print the promise as JSON')
    .action(
      async (
        customer: string,
        o: {
          date: string;
          amount: string;
          currency?: string;
          items?: string;
          company?: string;
          json?: boolean;
        },
      ) => {
        await withDatabase('relance promise add', async ({ db }) => {
          const promise = await addPromise(db, {
            company: o.company,
            customer,
            date: o.date,
            amount: o.amount,
            currency: o.currency,
            items: o.items?.split(','),
          });
          if (o.json) printJson(promise);
          else process.stdout.write(`promise #${promise.id} recorded: ${describe(promise)}\n`);
        });
      },
    );

  command
    .command('list')
    .description("list a customer's promises to pay (every status)")
    .argument('<customer>', 'customer code')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (customer: string, o: { company?: string; json?: boolean }) => {
      await withDatabase('relance promise list', async ({ db }) => {
        const list = await listPromises(db, { company: o.company, customer });
        if (o.json) printJson(list);
        else if (list.promises.length === 0) process.stdout.write(`${customer}: no promise\n`);
        else {
          for (const p of list.promises) {
            process.stdout.write(`#${p.id} ${p.status.padEnd(9)} ${describe(p)}\n`);
          }
        }
      });
    });

  command
    .command('cancel')
    .description('cancel an open promise to pay (escalation resumes)')
    .argument('<id>', 'promise id (relance promise list)')
    .addOption(companyOption())
    .option('--json', 'print the promise as JSON')
    .action(async (id: string, o: { company?: string; json?: boolean }) => {
      await withDatabase('relance promise cancel', async ({ db }) => {
        const promise = await cancelPromise(db, { company: o.company, id });
        if (o.json) printJson(promise);
        else process.stdout.write(`promise #${promise.id} cancelled: ${describe(promise)}\n`);
      });
    });
  // main.ts sets these on the command after its subcommands exist: set them on each too,
  // so that a usage error exits with 2 (not commander's 1) and shows the help.
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function describe(p: PromiseView): string {
  const what = p.items.length > 0 ? p.items.join(', ') : 'overdue balance';
  return `${p.customer} pays ${minorToDecimalString(p.amountMinor, p.currency)} ${p.currency} by ${p.promisedDate} (${what})`;
}
