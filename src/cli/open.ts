import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../store/database.ts';

/** Opens the configured database (migrating it), runs `work`, and always closes it. */
export async function withDatabase<T>(
  purpose: string,
  work: (database: Database, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    purpose,
  });
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}
