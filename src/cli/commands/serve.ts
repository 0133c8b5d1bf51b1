import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../store/database.ts';
import { seedDemo } from '../../imports/demo-files.ts';
import { ensureDemoAdmin } from '../../auth/demo-admin.ts';
import { todayIn } from '../../store/companies.ts';
import { parseTimeOfDay } from '../../core/calendar/time-of-day.ts';
import type { DunningSchedule } from '../../runs/scheduled-dunning.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('start the HTTP server: the web UI at /, the API under /api (docs at /api/docs)')
    .option('--port <n>', 'port (default 3000, or PORT)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1, or RELANCE_HOST)')
    .option(
      '--demo',
      'load the demo ledger when the database has no customer yet, and create the demo admin (its password printed once)',
    )
    .option(
      '--schedule <HH:MM>',
      "run the day's dunning for every company at this local time (default: RELANCE_RUN_AT)",
      parseScheduleOption,
    )
    .action(async (o: { port?: string; host?: string; demo?: boolean; schedule?: string }) => {
      const config = loadConfig();
      const database = await openDatabase({
        url: config.databaseUrl,
        dataDir: config.dataDir,
        purpose: 'relance serve',
      });
      let closeServer: (() => Promise<void>) | undefined;
      let schedule: DunningSchedule | undefined;
      let demoAdmin: { email: string; password?: string } | undefined;
      try {
        if (o.demo) {
          const any = await database.db
            .selectFrom('customers')
            .select('id')
            .limit(1)
            .executeTakeFirst();
          if (!any) {
            process.stdout.write(
              'empty database: loading the demo ledger (200 customers, 2,000 items)…\n',
            );
            await seedDemo(database, {
              customers: 200,
              items: 2000,
              seed: 1,
              asOf: todayIn('Europe/Paris'),
            });
          }
          demoAdmin = await ensureDemoAdmin(database.db);
        }
        const port = o.port === undefined ? config.port : Number(o.port);
        // Fastify loads only for the server, not for every relance command.
        const { startServer } = await import('../../api/server.ts');
        const server = await startServer(database, {
          host: o.host ?? config.host,
          port,
          trustProxy: config.trustProxy,
        });
        const { url } = server;
        closeServer = server.close;
        process.stdout.write(
          `Relance is running at ${url} (database: ${database.backend} ${database.location})\n`,
        );
        const example = await database.db
          .selectFrom('customers')
          .select('code')
          .orderBy('code')
          .limit(1)
          .executeTakeFirst();
        if (demoAdmin?.password !== undefined)
          // The only time this password is ever shown: it is stored as a hash only.
          process.stdout.write(
            `demo admin created: sign in as ${demoAdmin.email} with password ${demoAdmin.password}\n` +
              `  (shown this once; add your own users with relance user add)\n`,
          );
        else if (demoAdmin)
          process.stdout.write(
            `demo admin ${demoAdmin.email} exists (its password was printed on the first start)\n`,
          );
        if (example)
          process.stdout.write(
            `API: sign in with POST ${url}/api/session {"email","password"}, then try ` +
              `${url}/api/customers/${encodeURIComponent(example.code)}/account\n`,
          );
        const runAt = o.schedule ?? config.runAt;
        if (runAt) {
          const log = (line: string) =>
            process.stdout.write(`${new Date().toISOString()} ${line}\n`);
          const { scheduleDunningRuns } = await import('../../runs/scheduled-dunning.ts');
          schedule = await scheduleDunningRuns(database, { time: runAt, log });
          for (const c of schedule.companies)
            log(
              `dunning run of ${c.company} daily at ${runAt} ${c.timezone}, next ${c.next?.toISOString()}`,
            );
          if (schedule.companies.length === 0) log('no company yet: no dunning run scheduled');
        }
      } catch (error) {
        await schedule?.stop();
        await closeServer?.();
        await database.close();
        throw error;
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      process.stdout.write('stopping…\n');
      await schedule?.stop();
      await closeServer?.();
      await database.close();
    });
}

function parseScheduleOption(value: string): string {
  if (!parseTimeOfDay(value))
    throw new InvalidArgumentError(`got "${value}", expected a time of day written HH:MM`);
  return value;
}
