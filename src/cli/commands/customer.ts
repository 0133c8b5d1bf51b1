import { Command, Option } from 'commander';
import { excludeCustomer, includeCustomer } from '../../ledger/exclude-customer.ts';
import { setAccountStatus, type ManualAccountStatus } from '../../ledger/set-account-status.ts';

import { creditStatus, type CreditStatus } from '../../ledger/credit-status.ts';
import { minorToDecimalString } from '../../core/money/format-money.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseDateOption } from '../options.ts';

const companyOption = () => new Option('--company <code>', 'company (default: the only one)');

interface Options {
  reason?: string;
  company?: string;
  json?: boolean;
}

export function customerCommand(): Command {
  const command = new Command('customer').description(
    'customer accounts: credit status, block, litigation, release, exclusion from dunning',
  );
  command
    .command('status')
    .description('may the customer take new orders? (docs/credit-status.md)')
    .argument('<code>', 'customer code')
    .option(
      '--as-of <date>',
      'business date (default: today in the company time zone)',
      parseDateOption,
    )
    .addOption(companyOption())
    .option('--json', 'print JSON (format in docs/credit-status.md)')
    .action(async (code: string, o: Options & { asOf?: string }) => {
      await withDatabase('relance customer status', async ({ db }) => {
        const status = await creditStatus(db, o.company, code, o.asOf);
        if (o.json) printJson(status);
        else process.stdout.write(renderStatus(status));
      });
    });
  command
    .command('exclude')
    .description('take an active customer out of dunning')
    .argument('<code>', 'customer code')
    .option('--reason <text>', 'why')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (code: string, o: Options) => {
      await withDatabase('relance customer exclude', async ({ db }) => {
        print(
          await excludeCustomer(db, { company: o.company, customer: code, reason: o.reason }),
          o,
        );
      });
    });
  command
    .command('include')
    .description('bring an excluded customer back into dunning')
    .argument('<code>', 'customer code')
    .option('--reason <text>', 'why')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (code: string, o: Options) => {
      await withDatabase('relance customer include', async ({ db }) => {
        print(
          await includeCustomer(db, { company: o.company, customer: code, reason: o.reason }),
          o,
        );
      });
    });
  const manual: [string, ManualAccountStatus, string][] = [
    ['block', 'blocked', 'block the account for new orders (the run never lifts it)'],
    ['litigation', 'litigation', 'hand the account over to litigation'],
    ['release', 'active', 'release a blocked, held or litigation account: new orders again'],
  ];
  for (const [verb, status, description] of manual) {
    command
      .command(verb)
      .description(description)
      .argument('<code>', 'customer code')
      .option('--reason <text>', status === 'active' ? 'why' : 'why (required)')
      .addOption(companyOption())
      .option('--json', 'print JSON')
      .action(async (code: string, o: Options) => {
        await withDatabase(`relance customer ${verb}`, async ({ db }) => {
          print(
            await setAccountStatus(db, {
              company: o.company,
              customer: code,
              status,
              reason: o.reason,
            }),
            o,
          );
        });
      });
  }
  // main.ts sets these on the command after its subcommands exist: set them on each too,
  // so that a usage error exits with 2 (not commander's 1) and shows the help.
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function print(
  change: { customer: string; status: string; previousStatus: string },
  o: Options,
): void {
  if (o.json) printJson(change);
  else {
    process.stdout.write(
      `customer ${change.customer}: ${change.previousStatus} → ${change.status}\n`,
    );
  }
}

function renderStatus(s: CreditStatus): string {
  const money = (minor: number, currency: string) =>
    `${minorToDecimalString(minor, currency)} ${currency}`;
  const c = s.customer.currency;
  const lines = [
    `${s.customer.code} — ${s.customer.name} as of ${s.asOf}: ${s.status.toUpperCase()}, ` +
      `${s.mayTakeOrders ? 'may take new orders' : 'no new orders'}`,
  ];
  for (const r of s.reasons) {
    lines.push(`  ${r.code}: ${r.detail}${r.since ? ` (since ${r.since})` : ''}`);
  }
  lines.push(
    `  exposure ${money(s.exposureMinor, c)}` +
      (s.creditLimitMinor === null
        ? ' · no credit limit'
        : ` · limit ${money(s.creditLimitMinor, c)}`),
  );
  for (const [currency, minor] of Object.entries(s.overdueMinor)) {
    lines.push(`  overdue ${money(minor, currency)}`);
  }
  return lines.join('\n') + '\n';
}
