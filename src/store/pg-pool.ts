import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { isCopy } from './copy-payload.ts';
import { parseInt8 } from './type-parsers.ts';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return parseInt8; // int8 / bigint → safe JS number
    if (oid === 1082) return (v: string) => v; // date → 'YYYY-MM-DD'
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * A pg pool adapted for Kysely's PostgresDialect: bigint columns arrive as safe
 * numbers, dates as 'YYYY-MM-DD' strings, and a CopyPayload runs COPY FROM STDIN.
 */
export function createPgPool(connectionString: string, schema?: string): PostgresPool {
  const pool = new pg.Pool({
    connectionString,
    types,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        async query(sql: string, parameters: ReadonlyArray<unknown>) {
          const copy = isCopy(parameters);
          if (!copy) return client.query(sql, parameters as unknown[]);
          const stream = client.query(copyFrom(sql));
          await pipeline(Readable.from([copy.csv]), stream);
          return { command: 'COPY', rowCount: Number(stream.rowCount), rows: [] };
        },
        release: () => client.release(),
      } as unknown as PostgresPoolClient; // our query() only serves Kysely's (sql, params) form
    },
    end: () => pool.end(),
  };
}
