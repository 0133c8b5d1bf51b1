import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.ts';

/**
 * The embedded database may be opened by one process at a time (PGlite is not
 * multi-process). A lock file holding the owner's pid guards the data folder;
 * a lock left by a process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'relance.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeFileSync(fd, JSON.stringify({ pid: process.pid, purpose }));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
        throw new AppError(
          'BUSY',
          `the data folder ${dataDir} is in use by process ${owner.pid} (${owner.purpose}); ` +
            'the embedded database serves one process at a time: stop that process, ' +
            'or set DATABASE_URL to use a PostgreSQL server shared by several processes',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new AppError('BUSY', `could not lock the data folder ${dataDir}`);
}

function readOwner(file: string): { pid: number; purpose: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; purpose?: unknown };
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, purpose: String(parsed.purpose ?? 'unknown') }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
