import { Command, Option } from 'commander';
import { listCompanies, resolveCompany } from '../../store/companies.ts';
import {
  addEndpoint,
  listEndpoints,
  removeEndpoint,
  type EndpointView,
} from '../../webhooks/endpoints.ts';
import { enqueueWebhooks } from '../../webhooks/enqueue.ts';
import { deliverWebhooks } from '../../webhooks/deliver.ts';
import { DELIVERY_STATES, listDeliveries } from '../../webhooks/delivery-log.ts';
import { WEBHOOK_EVENT_TYPES } from '../../webhooks/event-types.ts';
import { withDatabase } from '../open.ts';
import { printJson } from '../output.ts';
import { parseCount, parsePositiveNumber } from '../options.ts';

const companyOption = () => new Option('--company <code>', 'company (default: the only one)');

export function webhookCommand(): Command {
  const command = new Command('webhook').description(
    'outgoing webhooks: signed HTTP POSTs of timeline events, retried, with a delivery log',
  );
  command
    .command('add')
    .description('add an endpoint; it receives the events recorded from now on')
    .argument('<url>', 'http:// or https:// URL receiving the POSTs')
    .requiredOption(
      '--events <types>',
      `event types, comma-separated, or * for all: ${Object.keys(WEBHOOK_EVENT_TYPES).join(', ')}`,
    )
    .option(
      '--secret <secret>',
      'signing secret, 16 characters or more (default: generated and printed once)',
    )
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(
      async (
        url: string,
        o: { events: string; secret?: string; company?: string; json?: boolean },
      ) => {
        await withDatabase('relance webhook add', async ({ db }) => {
          const { endpoint, generatedSecret } = await addEndpoint(db, {
            company: o.company,
            url,
            events: o.events,
            secret: o.secret,
          });
          if (o.json) printJson({ ...endpoint, secret: generatedSecret ?? endpoint.secret });
          else {
            process.stdout.write(
              `webhook #${endpoint.id} added: ${endpoint.url} (events: ${endpoint.events.join(', ')})\n`,
            );
            if (generatedSecret) {
              process.stdout.write(
                `signing secret: ${generatedSecret}\n` +
                  '  shown this once: give it to the receiver now (relance webhook list shows it masked)\n',
              );
            }
          }
        });
      },
    );

  command
    .command('list')
    .description('the endpoints, secrets masked, with their delivery counts')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (o: { company?: string; json?: boolean }) => {
      await withDatabase('relance webhook list', async ({ db }) => {
        const list = await listEndpoints(db, { company: o.company });
        if (o.json) printJson(list);
        else if (list.length === 0) process.stdout.write('no webhook endpoint\n');
        else process.stdout.write(list.map(endpointLine).join(''));
      });
    });

  command
    .command('remove')
    .description('remove an endpoint: its pending deliveries fail, its log is kept')
    .argument('<id>', 'endpoint id (relance webhook list)')
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: { company?: string; json?: boolean }) => {
      await withDatabase('relance webhook remove', async ({ db }) => {
        const endpoint = await removeEndpoint(db, { company: o.company, id });
        if (o.json) printJson(endpoint);
        else process.stdout.write(`webhook #${endpoint.id} removed: ${endpoint.url}\n`);
      });
    });

  command
    .command('deliver')
    .description('turn new timeline events into deliveries and send those due (for cron and tests)')
    .option('--timeout <seconds>', 'per request (default 10)', parsePositiveNumber)
    .option(
      '--max-attempts <n>',
      'attempts before a delivery fails for good (default 10)',
      parseCount,
    )
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(
      async (o: { timeout?: number; maxAttempts?: number; company?: string; json?: boolean }) => {
        await withDatabase('relance webhook deliver', async ({ db }) => {
          const companies = o.company
            ? [await resolveCompany(db, o.company)]
            : await listCompanies(db);
          let enqueued = 0;
          for (const c of companies) enqueued += (await enqueueWebhooks(db, c.id)).enqueued;
          const report = await deliverWebhooks(db, {
            companyId: o.company ? companies[0]?.id : undefined,
            timeoutMs: o.timeout === undefined ? undefined : Math.round(o.timeout * 1000),
            maxAttempts: o.maxAttempts || undefined,
          });
          if (o.json) printJson({ enqueued, ...report });
          else {
            process.stdout.write(
              `${enqueued} delivery(ies) enqueued; ${report.attempted} attempted: ${report.delivered} delivered, ` +
                `${report.retried} to retry, ${report.failed} failed\n`,
            );
          }
        });
      },
    );

  command
    .command('log')
    .description('the delivery log, newest first')
    .addOption(new Option('--state <state>', 'only this state').choices(DELIVERY_STATES))
    .option('--endpoint <id>', 'only this endpoint')
    .option('--limit <n>', 'at most this many (default 50)', parseCount)
    .addOption(companyOption())
    .option('--json', 'print JSON')
    .action(
      async (o: {
        state?: string;
        endpoint?: string;
        limit?: number;
        company?: string;
        json?: boolean;
      }) => {
        await withDatabase('relance webhook log', async ({ db }) => {
          const list = await listDeliveries(db, o);
          if (o.json) printJson(list);
          else if (list.length === 0) process.stdout.write('no delivery\n');
          else {
            process.stdout.write(
              list
                .map((d) => {
                  const last = d.lastStatus !== null ? ` HTTP ${d.lastStatus}` : '';
                  const error = d.state !== 'delivered' && d.lastError ? ` — ${d.lastError}` : '';
                  const next = d.nextAttemptAt ? ` next ${d.nextAttemptAt}` : '';
                  return `#${d.id} ${d.eventId} ${d.type} → #${d.endpointId} ${d.url}: ${d.state}, ${d.attempts} attempt(s)${last}${next}${error}\n`;
                })
                .join(''),
            );
          }
        });
      },
    );
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

function endpointLine(e: EndpointView): string {
  return (
    `#${e.id} ${e.url} events ${e.events.join(',')} secret ${e.secret} · ` +
    `${e.delivered} delivered, ${e.pending} pending, ${e.failed} failed\n`
  );
}
