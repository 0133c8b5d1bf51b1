import { Command } from 'commander';
import { configuredWorker } from '../../delivery/configured-worker.ts';
import type { DeliveryReport } from '../../delivery/worker.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseCount } from '../options.ts';

export function workerCommand(): Command {
  return new Command('worker')
    .description(
      'deliver the executable dunning actions: e-mail over SMTP (RELANCE_SMTP_URL, docs/delivery.md)',
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
            if (o.drain) {
              const report = await worker.drain();
              if (o.json) printJson(report);
              else process.stdout.write(`${summary(report)}\n`);
              return;
            }
            const poll = config.delivery.pollSeconds * 1000;
            process.stdout.write(
              `worker started (${database.backend}), polling every ${config.delivery.pollSeconds} s; ` +
                'stop with Ctrl-C or SIGTERM\n',
            );
            while (!worker.stopped) {
              const report = await worker.drain();
              if (Object.values(report).some((n) => n > 0)) log(summary(report));
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
