import type { Kysely, Selectable } from 'kysely';
import { AppError, type Problem } from '../core/errors.ts';
import { didYouMean } from '../core/text/closest.ts';
import { DEFAULT_TEMPLATES } from '../core/templates/defaults/index.ts';
import { validateTemplate, validateTemplates } from '../core/templates/validate-template.ts';
import type { Template, TemplateLanguage } from '../core/templates/types.ts';
import type { DB, TemplatesTable } from './schema.ts';

/** A template version in force for a company: its own (version ≥ 1) or the built-in one (0). */
export interface LibraryTemplate extends Template {
  readonly version: number;
  /** When the company saved it; undefined for a built-in default. */
  readonly savedAt?: Date | undefined;
}

export interface TemplateSaveResult {
  readonly code: string;
  readonly language: TemplateLanguage;
  readonly version: number;
  /** False when the template equals the one in force (nothing was written). */
  readonly created: boolean;
}

const key = (t: { code: string; language: string }) => `${t.code}|${t.language}`;

function fromRow(row: Selectable<TemplatesTable>): LibraryTemplate {
  return {
    code: row.code,
    kind: row.kind,
    language: row.language,
    ...(row.name !== null ? { name: row.name } : {}),
    ...(row.subject !== null ? { subject: row.subject } : {}),
    body: row.body,
    version: row.version,
    savedAt: row.created_at,
  };
}

/** The latest version of each of the company's own templates, by code then language. */
export async function companyTemplates(
  db: Kysely<DB>,
  companyId: number,
): Promise<LibraryTemplate[]> {
  const rows = await db
    .selectFrom('templates as t')
    .selectAll('t')
    .where('t.company_id', '=', companyId)
    .where(({ eb, selectFrom }) =>
      eb(
        't.version',
        '=',
        selectFrom('templates as l')
          .select((e) => e.fn.max('l.version').as('max'))
          .whereRef('l.company_id', '=', 't.company_id')
          .whereRef('l.code', '=', 't.code')
          .whereRef('l.language', '=', 't.language'),
      ),
    )
    .orderBy('t.code')
    .orderBy('t.language')
    .execute();
  return rows.map(fromRow);
}

/**
 * Every template in force for the company: the built-in defaults (version 0), each replaced
 * by the company's own latest version of the same code and language, plus its own codes.
 */
export async function templateLibrary(
  db: Kysely<DB>,
  companyId: number,
): Promise<LibraryTemplate[]> {
  const byKey = new Map<string, LibraryTemplate>();
  for (const t of DEFAULT_TEMPLATES) byKey.set(key(t), { ...t, version: 0 });
  for (const t of await companyTemplates(db, companyId)) byKey.set(key(t), t);
  return [...byKey.values()].sort(
    (a, b) => a.code.localeCompare(b.code) || a.language.localeCompare(b.language),
  );
}

/** Every language version in force of one template code (empty when the code is unknown). */
export async function templateVersions(
  db: Kysely<DB>,
  companyId: number,
  code: string,
): Promise<LibraryTemplate[]> {
  return (await templateLibrary(db, companyId)).filter((t) => t.code === code);
}

/** The template codes a scenario of the company may name: the defaults' and its own. */
export async function knownTemplateCodes(
  db: Kysely<DB>,
  companyId: number,
): Promise<ReadonlySet<string>> {
  const own = await db
    .selectFrom('templates')
    .select('code')
    .distinct()
    .where('company_id', '=', companyId)
    .execute();
  return new Set([...DEFAULT_TEMPLATES.map((t) => t.code), ...own.map((r) => r.code)]);
}

/**
 * One template as exported: a language version in force (the given version of the
 * company's own, when asked). NOT_FOUND names the codes or versions that exist.
 */
export async function getTemplate(
  db: Kysely<DB>,
  companyId: number,
  code: string,
  language: string,
  version?: number,
): Promise<LibraryTemplate> {
  if (version !== undefined) {
    const row = await db
      .selectFrom('templates')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('code', '=', code)
      .where('language', '=', language as TemplateLanguage)
      .where('version', '=', version)
      .executeTakeFirst();
    if (row) return fromRow(row);
  }
  const library = await templateLibrary(db, companyId);
  const found = library.find((t) => t.code === code && t.language === language);
  if (found && version === undefined) return found;
  const codes = [...new Set(library.map((t) => t.code))];
  const problem: Problem = !library.some((t) => t.code === code)
    ? { field: 'code', value: code, expected: `a template code${didYouMean(code, codes)}` }
    : version !== undefined
      ? {
          field: 'version',
          value: String(version),
          expected: `a saved version of ${code} in ${language} (the latest is ${found?.version ?? 'none'})`,
        }
      : {
          field: 'language',
          value: language,
          expected: `a language ${code} exists in: ${library
            .filter((t) => t.code === code)
            .map((t) => t.language)
            .join(', ')}`,
        };
  throw new AppError('NOT_FOUND', `no template ${code} (${language})`, [problem]);
}

/**
 * Saves templates read from a file (one template or a list): every problem of every
 * template at once, and a code keeps the kind it has in the library. A template equal to
 * the version in force (the company's latest, else the built-in default) writes nothing;
 * otherwise it becomes the next version of its code and language. All or nothing.
 */
export async function saveTemplates(
  db: Kysely<DB>,
  companyId: number,
  input: unknown,
): Promise<TemplateSaveResult[]> {
  const templates = Array.isArray(input) ? validateTemplates(input) : [validateTemplate(input)];
  const run = async (trx: Kysely<DB>) => {
    // Serialises the saves of one company: versions are numbered without gaps or clashes.
    await trx
      .selectFrom('companies')
      .select('id')
      .where('id', '=', companyId)
      .forUpdate()
      .execute();
    const library = await templateLibrary(trx, companyId);
    const problems = kindProblems(library, templates, (i) =>
      Array.isArray(input) ? `templates[${i}].kind` : 'kind',
    );
    if (problems.length > 0) throw invalidTemplates(problems);
    const results: TemplateSaveResult[] = [];
    for (const t of templates) {
      const current = library.find((l) => l.code === t.code && l.language === t.language);
      if (current && same(current, t)) {
        results.push({
          code: t.code,
          language: t.language,
          version: current.version,
          created: false,
        });
        continue;
      }
      const latest = await trx
        .selectFrom('templates')
        .select((e) => e.fn.max('version').as('max'))
        .where('company_id', '=', companyId)
        .where('code', '=', t.code)
        .where('language', '=', t.language)
        .executeTakeFirst();
      const version = (latest?.max ?? 0) + 1;
      await trx
        .insertInto('templates')
        .values({
          company_id: companyId,
          code: t.code,
          language: t.language,
          version,
          kind: t.kind,
          name: t.name ?? null,
          subject: t.subject ?? null,
          body: t.body,
        })
        .execute();
      results.push({ code: t.code, language: t.language, version, created: true });
    }
    return results;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/**
 * Checks one template exactly as saveTemplates does — its fields, every hashtag (problems name
 * the line) and the kind its code has in the library — and stores nothing: the preview of
 * unsaved edits. `prefix` goes before each problem's field (`template.`).
 */
export async function checkTemplate(
  db: Kysely<DB>,
  companyId: number,
  input: unknown,
  prefix = '',
): Promise<Template> {
  const withPrefix = (problems: readonly Problem[]) =>
    problems.map((p) => ({ ...p, field: `${prefix}${p.field}` }));
  let template: Template;
  try {
    template = validateTemplate(input);
  } catch (error) {
    if (!(error instanceof AppError) || prefix === '') throw error;
    throw new AppError(error.code, error.message, withPrefix(error.problems));
  }
  const problems = kindProblems(await templateLibrary(db, companyId), [template], () => 'kind');
  if (problems.length > 0) throw invalidTemplates(withPrefix(problems));
  return template;
}

/** A code keeps its kind: every language of a template is the same kind. */
function kindProblems(
  library: readonly LibraryTemplate[],
  templates: readonly Template[],
  field: (index: number) => string,
): Problem[] {
  const problems: Problem[] = [];
  templates.forEach((t, i) => {
    const other = library.find((l) => l.code === t.code && l.kind !== t.kind);
    if (other) {
      problems.push({
        field: field(i),
        value: t.kind,
        expected: `${other.kind}: ${t.code} is ${article(other.kind)} in ${other.language} already (every language of a template is the same kind)`,
      });
    }
  });
  return problems;
}

function invalidTemplates(problems: readonly Problem[]): AppError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new AppError('INVALID_INPUT', `invalid templates: ${count}`, problems);
}

function same(a: Template, b: Template): boolean {
  return (
    a.kind === b.kind &&
    (a.name ?? null) === (b.name ?? null) &&
    (a.subject ?? null) === (b.subject ?? null) &&
    a.body === b.body
  );
}

function article(kind: string): string {
  return kind === 'email' || kind === 'internal' ? `an ${kind}` : `a ${kind}`;
}
