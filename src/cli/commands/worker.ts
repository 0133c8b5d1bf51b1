import { Command } from 'commander';
import { configuredWorker } from '../../delivery/configured-worker.ts';
import { recordInbound } from '../../inbound/record-inbound.ts';
import { pollMailbox } from '../../inbound-imap/imap-poller.ts';
import { listCompanies, resolveCompany } from '../../store/companies.ts';
import { enqueueWebhooks } from '../../webhooks/enqueue.ts';
import { deliverWebhooks } from '../../webhooks/deliver.ts';
import type { DeliveryReport } from '../../delivery/worker.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseCount } from '../options.ts';

export function workerCommand(): Command {
  return new Command('worker')
    .description(
      'deliver the executable dunning actions: e-mail over SMTP (RELANCE_SMTP_URL), SMS, tasks; read bounces and replies (RELANCE_IMAP_URL); docs/delivery.md',
    )
    .option('--drain', 'deliver everything due now, then exit (cron, tests)')
    .option('--company <code>', 'only this company (default: every company)')
    .option('--concurrency <n>', 'messages in flight at once (default 8)', parseCount)
    .option('--json', 'with --drain: print the report as JSON')
    .action(
      async (o: { drain?: boolean; company?: string; concurrency?: number; json?: boolean }) => {
        await withDatabase('relance worker', async (database, config) => {
          const log = (line: string) =>
            process.stderr.write(`${new Date().toISOString()} ${line}\n`);
          const { worker, close } = await configuredWorker(database.db, config.delivery, {
            company: o.company,
            concurrency: o.concurrency || undefined,
            log: o.drain ? undefined : log,
          });
          let wake: (() => void) | undefined;
          const stop = () => {
            worker.stop();
            wake?.();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
          try {
            // Bounces and replies first: an address found invalid is not written to again.
            const readMailbox = async () => {
              const imap = config.delivery.imap;
              if (!imap) return;
              try {
                const r = await pollMailbox(imap, async (raw) => {
                  await recordInbound(database.db, raw, { source: 'imap' });
                });
                if (r.fetched > 0)
                  log(`mailbox: ${r.handled} message(s) recorded, ${r.failed} left`);
              } catch (error) {
                log(`mailbox not read: ${error instanceof Error ? error.message : String(error)}`);
              }
            };
            // Webhooks of the events recorded meanwhile (sent, failed, held, replies…).
            const fireWebhooks = async (): Promise<number> => {
              try {
                const scope = o.company
                  ? [await resolveCompany(database.db, o.company)]
                  : await listCompanies(database.db);
                for (const c of scope) await enqueueWebhooks(database.db, c.id);
                const r = await deliverWebhooks(database.db, {
                  companyId: o.company ? scope[0]?.id : undefined,
                });
                return r.delivered;
              } catch (error) {
                log(
                  `webhooks not delivered: ${error instanceof Error ? error.message : String(error)}`,
                );
                return 0;
              }
            };
            if (o.drain) {
              await readMailbox();
              const report = await worker.drain();
              const webhooks = await fireWebhooks();
              if (o.json) printJson({ ...report, webhooks });
              else process.stdout.write(`${summary(report)}, ${webhooks} webhook(s) delivered\n`);
              return;
            }
            const poll = config.delivery.pollSeconds * 1000;
            process.stdout.write(
              `worker started (${database.backend}), polling every ${config.delivery.pollSeconds} s; ` +
                'stop with Ctrl-C or SIGTERM\n',
            );
            while (!worker.stopped) {
              await readMailbox();
              const report = await worker.drain();
              const webhooks = await fireWebhooks();
              if (Object.values(report).some((n) => n > 0) || webhooks > 0) {
                log(`${summary(report)}, ${webhooks} webhook(s) delivered`);
              }
              if (worker.stopped) break;
              await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, poll);
                wake = () => {
                  clearTimeout(timer);
                  resolve();
                };
              });
            }
            process.stdout.write('worker stopped\n');
          } finally {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            close();
          }
        });
      },
    );
}

function summary(r: DeliveryReport): string {
  return (
    `${r.sent} sent, ${r.retried} to retry, ${r.failed} failed, ${r.cancelled} cancelled, ` +
    `${r.interrupted} interrupted, ${r.letters} letter(s) instead, ${r.enqueued} queued, ` +
    `${r.deferred} held back by the domain limit, ${r.tasks} task(s) created`
  );
}
