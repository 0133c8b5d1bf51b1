import { Command, Option } from 'commander';
import { placeHold } from '../../ledger/place-hold.ts';
import { releaseHold } from '../../ledger/release-hold.ts';
import type { HoldView } from '../../ledger/hold-target.ts';
import { AppError } from '../../core/errors.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';

interface TargetOptions {
  customer?: boolean;
  item?: boolean;
  company?: string;
  json?: boolean;
}

const targetOptions = (c: Command) =>
  c
    .option('--customer', 'the code is a customer code')
    .option('--item', 'the code is an item number')
    .addOption(new Option('--company <code>', 'company (default: the only one)'))
    .option('--json', 'print JSON');

export function holdCommand(): Command {
  const command = targetOptions(
    new Command('hold')
      .description(
        'pause dunning of a customer (or of one item) until a date; `hold release` ends the pause',
      )
      .enablePositionalOptions()
      .argument('<target>', 'a customer code, else an item number')
      .option('--until <date>', 'last paused day, YYYY-MM-DD (today or later; required)')
      .option('--reason <text>', 'why dunning waits (required)'),
  ).action(async (target: string, o: TargetOptions & { until?: string; reason?: string }) => {
    await withDatabase('relance hold', async ({ db }) => {
      const view = await placeHold(db, {
        company: o.company,
        target,
        kind: kindOf(o),
        until: o.until,
        reason: o.reason,
      });
      print(view, o.json, `paused until ${view.holdUntil}: ${view.holdReason}`);
    });
  });
  command.addCommand(
    targetOptions(
      new Command('release')
        .description('end a pause before its date')
        .argument('<target>', 'a customer code, else an item number'),
    ).action(async (target: string, o: TargetOptions) => {
      await withDatabase('relance hold release', async ({ db }) => {
        const view = await releaseHold(db, { company: o.company, target, kind: kindOf(o) });
        print(view, o.json, 'pause released');
      });
    }),
  );
  // main.ts sets these on the command after its subcommands exist: set them on each too,
  // so that a usage error exits with 2 (not commander's 1) and shows the help.
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function kindOf(o: TargetOptions): 'customer' | 'item' | undefined {
  if (o.customer && o.item) {
    throw new AppError('INVALID_INPUT', 'say --customer or --item, not both', [
      { field: 'target', value: '--customer --item', expected: 'one of --customer, --item' },
    ]);
  }
  return o.customer ? 'customer' : o.item ? 'item' : undefined;
}

function print(view: HoldView, json: boolean | undefined, text: string): void {
  if (json) printJson(view);
  else {
    const what = view.item ? `item ${view.item} of ${view.customer}` : `customer ${view.customer}`;
    process.stdout.write(`${what}: ${text}\n`);
  }
}
