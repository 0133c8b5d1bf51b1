/**
 * The API server of the latency benchmark, in a process of its own so that the load
 * generator does not share its event loop: `node --import tsx bench/api-server-child.ts
 * '<json: { url?, schema?, dataDir? }>'` prints `listening <url>` and serves until killed.
 */
import { openDatabase } from '../src/store/database.ts';
import { startServer } from '../src/api/server.ts';

const target = JSON.parse(process.argv[2] ?? '{}') as {
  url?: string;
  schema?: string;
  dataDir?: string;
};
const database = await openDatabase(
  target.url
    ? { url: target.url, schema: target.schema, migrate: false }
    : { dataDir: target.dataDir, migrate: false },
);
const server = await startServer(database, { host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${server.url}\n`);
const stop = () => {
  void server
    .close()
    .then(() => database.close())
    .then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
