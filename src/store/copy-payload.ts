import { CompiledQuery, type Kysely } from 'kysely';

/**
 * Bulk loading with PostgreSQL's COPY, on both back-ends.
 *
 * Kysely has no COPY API, so a COPY travels as a raw compiled query whose single
 * parameter is a `CopyPayload`; each back-end's connection recognises it and
 * streams the CSV text (PGlite through '/dev/blob', a server through COPY FROM STDIN).
 * Going through Kysely keeps the COPY inside the caller's transaction.
 */
export class CopyPayload {
  constructor(readonly csv: string) {}
}

export function isCopy(parameters: readonly unknown[]): CopyPayload | undefined {
  const first = parameters[0];
  return parameters.length === 1 && first instanceof CopyPayload ? first : undefined;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** Loads CSV rows (no header) into `table(columns)` inside the given Kysely executor. */
export async function copyCsvInto(
  db: Kysely<unknown>,
  table: string,
  columns: readonly string[],
  csv: string,
): Promise<void> {
  for (const name of [table, ...columns]) {
    if (!IDENT.test(name))
      throw new Error(`copyCsvInto: unsafe identifier ${JSON.stringify(name)}`);
  }
  if (csv.length === 0) return;
  const text = `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  await db.executeQuery(CompiledQuery.raw(text, [new CopyPayload(csv)]));
}

/** Quotes one CSV field for COPY (FORMAT csv): empty string stays unquoted = NULL. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (text === '') return '""';
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
