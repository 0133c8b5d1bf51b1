import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { recordInbound, type InboundReport } from '../../inbound/record-inbound.ts';
import { pollMailbox } from '../../inbound-imap/imap-poller.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { MAX_INBOUND_BYTES } from '../../inbound/record-inbound.ts';

export function inboundCommand(): Command {
  const command = new Command('inbound').description(
    'mail to the collection address: bounces mark addresses invalid (letter instead), replies become tasks (docs/delivery.md)',
  );
  command
    .command('read')
    .description('record raw e-mails (.eml files, or - for standard input: an MTA pipe)')
    .argument('<files...>', 'RFC 822 messages; - reads one from standard input')
    .option('--json', 'print the reports as JSON')
    .action(async (files: string[], o: { json?: boolean }) => {
      const raws: { name: string; raw: Buffer }[] = [];
      for (const file of files) {
        if (file === '-') raws.push({ name: 'stdin', raw: await readAll() });
        else {
          try {
            raws.push({ name: file, raw: await readFile(resolve(file)) });
          } catch (error) {
            throw new AppError('INVALID_FILE', `cannot read ${file}`, [
              { field: 'file', value: file, expected: `a readable file: ${String(error)}` },
            ]);
          }
        }
      }
      await withDatabase('relance inbound read', async ({ db }) => {
        const reports: (InboundReport & { file: string })[] = [];
        for (const { name, raw } of raws) {
          reports.push({ file: name, ...(await recordInbound(db, raw, { source: 'cli' })) });
        }
        if (o.json) printJson(reports);
        else for (const r of reports) process.stdout.write(`${line(r.file, r)}\n`);
      });
    });
  command
    .command('poll')
    .description('read the unseen messages of the mailbox RELANCE_IMAP_URL once')
    .option('--limit <n>', 'at most this many messages')
    .action(async (o: { limit?: string }) => {
      await withDatabase('relance inbound poll', async ({ db }, config) => {
        const imap = config.delivery.imap;
        if (!imap) {
          throw new AppError('CONFIG', 'no mailbox to read', [
            {
              field: 'RELANCE_IMAP_URL',
              value: '',
              expected: 'imaps://user:password@host:993/INBOX (docs/delivery.md)',
            },
          ]);
        }
        const kinds = new Map<string, number>();
        const result = await pollMailbox(
          imap,
          async (raw) => {
            const r = await recordInbound(db, raw, { source: 'imap' });
            const key = r.duplicate ? 'duplicate' : r.kind;
            kinds.set(key, (kinds.get(key) ?? 0) + 1);
          },
          { limit: o.limit === undefined ? undefined : Number(o.limit) },
        );
        process.stdout.write(
          `${result.fetched} message(s) read, ${result.handled} recorded, ${result.failed} left for the next poll` +
            (kinds.size > 0 ? ` (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')})` : '') +
            '\n',
        );
      });
    });
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function line(file: string, r: InboundReport): string {
  const who = r.customer ? `customer ${r.customer}` : 'no customer';
  const extra = [
    r.duplicate ? 'already recorded' : '',
    r.invalidated ? `${r.invalidated} address(es) marked invalid` : '',
    r.letterId ? `letter #${r.letterId} instead` : '',
    r.taskId ? `task #${r.taskId}` : '',
  ].filter(Boolean);
  return `${file}: ${r.kind}, ${who}: ${r.detail}${extra.length ? ` [${extra.join(', ')}]` : ''}`;
}

/** Standard input, as bytes (up to one byte over the limit, which the recorder refuses). */
async function readAll(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    chunks.push(b);
    size += b.length;
    if (size > MAX_INBOUND_BYTES) break;
  }
  return Buffer.concat(chunks);
}
