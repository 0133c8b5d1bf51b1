import { sql, type Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import { didYouMean } from '../core/text/closest.ts';
import type { AssignmentRule, Scenario, ScenarioVersion } from '../core/scenario/types.ts';
import { validateScenario } from '../core/scenario/validate-scenario.ts';
import { validateAssignmentRules } from '../core/scenario/assign-scenario.ts';
import { DEFAULT_SCENARIOS } from '../core/scenario/default-scenarios.ts';
import type { DB } from './schema.ts';
import { withScenarioTables, type ScenarioDB } from './scenario-tables.ts';

/** A scenario version as stored, with when it was saved. */
export interface StoredScenario extends ScenarioVersion {
  readonly savedAt: Date;
}

export interface SaveResult {
  readonly code: string;
  readonly version: number;
  /** False when the definition equals the latest version (nothing was written). */
  readonly created: boolean;
}

/**
 * Saves a scenario for a company. A new version is written only when the definition
 * differs from the latest one (compared as canonical JSON); saving the same definition
 * again returns the latest version with `created: false`. Concurrent saves of one code
 * are serialised by the row lock on `scenarios`.
 */
export async function saveScenario(
  db: Kysely<DB>,
  companyId: number,
  scenario: Scenario,
): Promise<SaveResult> {
  // Normalised (defaults, field order) so equal definitions compare equal.
  const definition = validateScenario(scenario, null);
  const text = canonicalJson(definition);
  return inTransaction(withScenarioTables(db), async (trx) => {
    const { id } = await trx
      .insertInto('scenarios')
      .values({ company_id: companyId, code: definition.code, name: definition.name })
      .onConflict((oc) =>
        oc.columns(['company_id', 'code']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    const latest = await trx
      .selectFrom('scenario_versions')
      .select(['version', 'definition'])
      .where('scenario_id', '=', id)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (
      latest &&
      canonicalJson(fromStored(latest.definition, definition.code, latest.version)) === text
    ) {
      return { code: definition.code, version: latest.version, created: false };
    }
    const version = (latest?.version ?? 0) + 1;
    await trx
      .insertInto('scenario_versions')
      .values({ scenario_id: id, version, definition: sql`cast(${text} as jsonb)` })
      .execute();
    return { code: definition.code, version, created: true };
  });
}

/** The latest version of a scenario (or the version asked for), or undefined. */
export async function findScenario(
  db: Kysely<DB>,
  companyId: number,
  code: string,
  version?: number,
): Promise<StoredScenario | undefined> {
  let query = selectVersions(withScenarioTables(db), companyId)
    .where('s.code', '=', code)
    .orderBy('v.version', 'desc')
    .limit(1);
  if (version !== undefined) query = query.where('v.version', '=', version);
  const row = await query.executeTakeFirst();
  return row && toStored(row);
}

/** Like findScenario, but a missing scenario or version is a NOT_FOUND error naming what exists. */
export async function getScenario(
  db: Kysely<DB>,
  companyId: number,
  code: string,
  version?: number,
): Promise<StoredScenario> {
  const found = await findScenario(db, companyId, code, version);
  if (found) return found;
  const latest = version === undefined ? undefined : await findScenario(db, companyId, code);
  if (latest) {
    throw new AppError('NOT_FOUND', `scenario ${code} has no version ${version}`, [
      {
        field: 'version',
        value: String(version),
        expected: `a version from 1 to ${latest.version}`,
      },
    ]);
  }
  const codes = (await listScenarios(db, companyId)).map((s) => s.code);
  throw new AppError('NOT_FOUND', `no scenario ${code}`, [
    {
      field: 'scenario',
      value: code,
      expected:
        codes.length === 0
          ? 'an existing scenario: there are none yet (relance scenario defaults creates the standard ones)'
          : `an existing scenario${didYouMean(code, codes)}: ${codes.join(', ')}`,
    },
  ]);
}

/** The latest version of every scenario of the company, by code. */
export async function listScenarios(db: Kysely<DB>, companyId: number): Promise<StoredScenario[]> {
  const sdb = withScenarioTables(db);
  const rows = await selectVersions(sdb, companyId)
    .where(({ eb, selectFrom }) =>
      eb(
        'v.version',
        '=',
        selectFrom('scenario_versions as latest')
          .select((e) => e.fn.max('latest.version').as('max'))
          .whereRef('latest.scenario_id', '=', 's.id'),
      ),
    )
    .orderBy('s.code')
    .execute();
  return rows.map(toStored);
}

/**
 * Creates the default scenarios the company does not have yet; never touches existing
 * ones (a company's own edits of `default` are kept). Safe to run any number of times.
 */
export async function ensureDefaultScenarios(
  db: Kysely<DB>,
  companyId: number,
): Promise<SaveResult[]> {
  const results: SaveResult[] = [];
  for (const scenario of DEFAULT_SCENARIOS) {
    const existing = await findScenario(db, companyId, scenario.code);
    results.push(
      existing
        ? { code: scenario.code, version: existing.version, created: false }
        : await saveScenario(db, companyId, scenario),
    );
  }
  return results;
}

/**
 * Replaces the company's assignment rules (in order: the first match wins). The rules are
 * checked here — as received from a file or a request, every problem at once, and each
 * must name an existing scenario of the company.
 */
export async function setAssignmentRules(
  db: Kysely<DB>,
  companyId: number,
  rules: readonly AssignmentRule[] | unknown,
): Promise<AssignmentRule[]> {
  const known = new Set((await listScenarios(db, companyId)).map((s) => s.code));
  const checked = validateAssignmentRules(rules, known);
  await inTransaction(withScenarioTables(db), async (trx) => {
    await trx.deleteFrom('scenario_assignments').where('company_id', '=', companyId).execute();
    if (checked.length === 0) return;
    await trx
      .insertInto('scenario_assignments')
      .values(
        checked.map((rule, i) => ({
          company_id: companyId,
          position: i + 1,
          rule: sql`cast(${canonicalJson(rule)} as jsonb)`,
        })),
      )
      .execute();
  });
  return checked;
}

export async function getAssignmentRules(
  db: Kysely<DB>,
  companyId: number,
): Promise<AssignmentRule[]> {
  const rows = await withScenarioTables(db)
    .selectFrom('scenario_assignments')
    .select('rule')
    .where('company_id', '=', companyId)
    .orderBy('position')
    .execute();
  return validateAssignmentRules(
    rows.map((r) => parseJson(r.rule)),
    null,
  );
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function selectVersions(sdb: Kysely<ScenarioDB>, companyId: number) {
  return sdb
    .selectFrom('scenarios as s')
    .innerJoin('scenario_versions as v', 'v.scenario_id', 's.id')
    .select(['s.code', 'v.version', 'v.definition', 'v.created_at'])
    .where('s.company_id', '=', companyId);
}

function toStored(row: { code: string; version: number; definition: unknown; created_at: Date }) {
  const scenario = fromStored(row.definition, row.code, row.version);
  return { ...scenario, version: row.version, savedAt: row.created_at };
}

/** Reads a stored definition back (normalised field order); a bad one is an internal error. */
function fromStored(definition: unknown, code: string, version: number): Scenario {
  try {
    return validateScenario(parseJson(definition), null);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw new AppError(
      'INTERNAL',
      `stored scenario ${code} version ${version} is not valid: ${error.message}`,
      error.problems,
    );
  }
}

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

async function inTransaction<T>(
  db: Kysely<ScenarioDB>,
  work: (trx: Kysely<ScenarioDB>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
