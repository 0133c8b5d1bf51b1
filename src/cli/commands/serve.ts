import { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../store/database.ts';
import { startServer } from '../../api/server.ts';
import { seedDemo } from '../../imports/demo-files.ts';
import { todayIn } from '../../store/companies.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('start the HTTP server (GET /health, GET /api/customers/:code/account)')
    .option('--port <n>', 'port (default 3000, or PORT)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1, or RELANCE_HOST)')
    .option('--demo', 'load the demo ledger when the database has no customer yet')
    .action(async (o: { port?: string; host?: string; demo?: boolean }) => {
      const config = loadConfig();
      const database = await openDatabase({
        url: config.databaseUrl,
        dataDir: config.dataDir,
        purpose: 'relance serve',
      });
      let closeServer: (() => Promise<void>) | undefined;
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
        }
        const port = o.port === undefined ? config.port : Number(o.port);
        const server = await startServer(database, { host: o.host ?? config.host, port });
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
        if (example)
          process.stdout.write(
            `try ${url}/api/customers/${encodeURIComponent(example.code)}/account\n`,
          );
      } catch (error) {
        await database.close();
        throw error;
      }
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      process.stdout.write('stopping…\n');
      await closeServer?.();
      await database.close();
    });
}
