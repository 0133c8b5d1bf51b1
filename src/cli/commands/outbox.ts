import { Command, Option } from 'commander';
import {
  OUTBOX_STATES,
  cancelOutbox,
  confirmOutbox,
  listOutbox,
  retryOutbox,
  type OutboxView,
} from '../../delivery/outbox-admin.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';

const companyOption = () => new Option('--company <code>', 'company (default: the only one)');

export function outboxCommand(): Command {
  const command = new Command('outbox').description(
    'the delivery queue: list it, send a row again, cancel one, confirm an interrupted one',
  );
  command
    .command('list')
    .description('list outbox rows (e-mails, letters, SMS, tasks), oldest first')
    .addOption(new Option('--state <state>', 'only this state').choices(OUTBOX_STATES))
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (o: { state?: string; company?: string; json?: boolean }) => {
      await withDatabase('relance outbox list', async ({ db }) => {
        const list = await listOutbox(db, { company: o.company, state: o.state });
        if (o.json) printJson(list);
        else if (list.rows.length === 0) process.stdout.write('no outbox row\n');
        else process.stdout.write(list.rows.map(line).join(''));
      });
    });
  command
    .command('retry')
    .description('send a failed, unknown or pending row again now')
    .argument('<id>', 'outbox row id (relance outbox list)')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: { company?: string; json?: boolean }) => {
      await withDatabase('relance outbox retry', async ({ db }) => {
        print(await retryOutbox(db, { company: o.company, id }), o.json);
      });
    });
  command
    .command('cancel')
    .description('cancel a row not yet delivered (pending, failed or unknown)')
    .argument('<id>', 'outbox row id')
    .requiredOption('--reason <text>', 'why (kept in the timeline)')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: { reason: string; company?: string; json?: boolean }) => {
      await withDatabase('relance outbox cancel', async ({ db }) => {
        print(await cancelOutbox(db, { company: o.company, id, reason: o.reason }), o.json);
      });
    });
  command
    .command('confirm')
    .description('record that an unknown row (worker stopped while sending) did go out')
    .argument('<id>', 'outbox row id')
    .option('--note <text>', 'how it was checked (kept in the timeline)')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: { note?: string; company?: string; json?: boolean }) => {
      await withDatabase('relance outbox confirm', async ({ db }) => {
        print(await confirmOutbox(db, { company: o.company, id, note: o.note }), o.json);
      });
    });
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function print(row: OutboxView, json: boolean | undefined): void {
  if (json) printJson(row);
  else process.stdout.write(line(row));
}

function line(r: OutboxView): string {
  const note =
    r.state === 'sent'
      ? (r.response ?? '')
      : r.state === 'cancelled'
        ? (r.cancelReason ?? '')
        : r.state === 'pending' && r.attempts > 0
          ? `next attempt ${r.nextAttemptAt}: ${r.lastError ?? ''}`
          : (r.lastError ?? '');
  return (
    `#${r.id} ${r.customer} ${r.channel} ${r.state} attempts=${r.attempts} to ${r.recipient || '(none)'}` +
    `${note ? ` — ${note}` : ''}\n`
  );
}
