import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from './core/errors.ts';
import { parseTimeOfDay } from './core/calendar/time-of-day.ts';
import { DEFAULT_MAX_IMPORT_MB } from './imports/read-table.ts';

/** Settings of a Relance process: environment variables win over the config file. */
export interface Config {
  /** PostgreSQL server; when absent the embedded database in dataDir is used. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly importMaxMb: number;
  /** Local time ('HH:MM', each company's time zone) of the daily run in `relance serve`. */
  readonly runAt: string | undefined;
}

interface FileConfig {
  databaseUrl?: string;
  dataDir?: string;
  host?: string;
  port?: number;
  importMaxMb?: number;
  runAt?: string;
}

/**
 * Reads `relance.config.json` (or the file named by RELANCE_CONFIG) and the
 * environment: DATABASE_URL, RELANCE_DATA_DIR, RELANCE_HOST, PORT / RELANCE_PORT,
 * RELANCE_IMPORT_MAX_MB, RELANCE_RUN_AT.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const path = resolve(env.RELANCE_CONFIG ?? 'relance.config.json');
  let file: FileConfig = {};
  if (existsSync(path)) {
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as FileConfig;
    } catch (error) {
      throw new AppError('CONFIG', `config file ${path} is not valid JSON: ${String(error)}`);
    }
  } else if (env.RELANCE_CONFIG) {
    throw new AppError('CONFIG', `config file ${path} (RELANCE_CONFIG) does not exist`);
  }
  const port = number('PORT', env.RELANCE_PORT ?? env.PORT, file.port, 3000);
  return {
    databaseUrl: env.DATABASE_URL || file.databaseUrl || undefined,
    dataDir: env.RELANCE_DATA_DIR || file.dataDir || './data',
    host: env.RELANCE_HOST || file.host || '127.0.0.1',
    port,
    importMaxMb: number(
      'RELANCE_IMPORT_MAX_MB',
      env.RELANCE_IMPORT_MAX_MB,
      file.importMaxMb,
      DEFAULT_MAX_IMPORT_MB,
    ),
    runAt: runAt(env.RELANCE_RUN_AT || file.runAt || undefined),
  };
}

function runAt(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!parseTimeOfDay(value.trim())) {
    throw new AppError('CONFIG', 'RELANCE_RUN_AT must be a time of day written HH:MM', [
      { field: 'RELANCE_RUN_AT', value, expected: 'HH:MM on a 24-hour clock, e.g. 07:00' },
    ]);
  }
  return value.trim();
}

function number(
  name: string,
  envValue: string | undefined,
  fileValue: number | undefined,
  fallback: number,
): number {
  const raw = envValue ?? (fileValue === undefined ? undefined : String(fileValue));
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && name !== 'PORT')) {
    throw new AppError(
      'CONFIG',
      `${name} must be a ${name === 'PORT' ? 'non-negative' : 'positive'} number`,
      [
        {
          field: name,
          value: raw,
          expected: `a ${name === 'PORT' ? 'non-negative' : 'positive'} number`,
        },
      ],
    );
  }
  return value;
}
