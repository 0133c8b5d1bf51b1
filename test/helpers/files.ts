import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** A temporary folder for one test file's inputs. */
export function tempDir(prefix = 'relance-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `content` to `dir/name` and returns the path. */
export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** CSV text from a header and rows (cells joined by `sep`, one line each). */
export function csv(header: string, ...rows: string[]): string {
  return [header, ...rows].join('\n') + '\n';
}
