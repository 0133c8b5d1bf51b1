import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { DEFAULT_SCENARIOS } from '../../core/scenario/default-scenarios.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import { validateScenario } from '../../core/scenario/validate-scenario.ts';
import type { Database } from '../../store/database.ts';
import { resolveCompany } from '../../store/companies.ts';
import { findScenario, getScenario, listScenarios, saveScenario } from '../../store/scenarios.ts';
import { knownTemplateCodes } from '../../store/templates.ts';
import { actorOf, writeAudit } from '../../auth/audit.ts';
import { requirePermission, permitBeforeBody } from '../auth/authenticate.ts';
import { CompanyQuery, ERRORS } from '../schemas/common.ts';

const ScenarioParams = z.object({
  code: z.string().min(1).max(64).describe('the scenario code'),
});

const Definition = z
  .record(z.string(), z.unknown())
  .describe('a scenario definition: code, name, catchUp, steps (docs/scenarios.md)');

const ScenarioView = z
  .object({
    code: z.string(),
    name: z.string(),
    version: z.number().int().describe('0: the built-in default, not saved yet'),
    steps: z.number().int(),
    catchUp: z.boolean(),
    savedAt: z.string().nullable(),
  })
  .meta({ id: 'ScenarioSummary' });

/** The editable part of a scenario (what PUT takes and GET gives). */
function definitionOf(s: Scenario): Record<string, unknown> {
  return { code: s.code, name: s.name, catchUp: s.catchUp, steps: s.steps };
}

/**
 * Collection scenarios: the company's, plus the built-in defaults it has not saved yet
 * (version 0, what a run would use); a PUT saves a new version when the definition changed.
 */
export function scenarioRoutes(database: Database) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/scenarios',
      {
        schema: {
          tags: ['scenarios'],
          summary: 'The scenarios (latest version of each; built-in defaults as version 0)',
          querystring: CompanyQuery,
          response: { 200: z.object({ scenarios: z.array(ScenarioView) }), ...ERRORS },
        },
      },
      async (request) => {
        requirePermission(request, 'customers:read');
        const company = await resolveCompany(db, request.query.company);
        const stored = await listScenarios(db, company.id);
        const builtIn = DEFAULT_SCENARIOS.filter((d) => !stored.some((s) => s.code === d.code));
        const scenarios = [
          ...stored.map((s) => ({ ...s, savedAt: s.savedAt.toISOString() })),
          ...builtIn.map((s) => ({ ...s, version: 0, savedAt: null })),
        ]
          .map((s) => ({
            code: s.code,
            name: s.name,
            version: s.version,
            steps: s.steps.length,
            catchUp: s.catchUp,
            savedAt: s.savedAt,
          }))
          .sort((a, b) => a.code.localeCompare(b.code));
        return { scenarios };
      },
    );

    app.get(
      '/api/scenarios/:code',
      {
        schema: {
          tags: ['scenarios'],
          summary: 'One scenario: its definition (the latest version, or the one asked for)',
          params: ScenarioParams,
          querystring: CompanyQuery.extend({
            version: z.coerce.number().int().min(1).optional(),
          }),
          response: {
            200: z.object({
              version: z.number().int(),
              savedAt: z.string().nullable(),
              definition: Definition,
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        requirePermission(request, 'customers:read');
        const company = await resolveCompany(db, request.query.company);
        const { code } = request.params;
        const version = request.query.version;
        const builtIn = DEFAULT_SCENARIOS.find((d) => d.code === code);
        if (version === undefined && builtIn && !(await findScenario(db, company.id, code))) {
          return { version: 0, savedAt: null, definition: definitionOf(builtIn) };
        }
        const s = await getScenario(db, company.id, code, version);
        return {
          version: s.version,
          savedAt: s.savedAt.toISOString(),
          definition: definitionOf(s),
        };
      },
    );

    app.put(
      '/api/scenarios/:code',
      {
        preParsing: permitBeforeBody('scenarios:write'),
        schema: {
          tags: ['scenarios'],
          summary:
            'Save a scenario (a new version when it changed); every problem of the definition at once',
          params: ScenarioParams,
          querystring: CompanyQuery,
          body: Definition,
          response: {
            200: z.object({ code: z.string(), version: z.number().int(), created: z.boolean() }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'scenarios:write');
        const { code } = request.params;
        const body = request.body;
        if (body.code !== undefined && body.code !== code) {
          throw new AppError('INVALID_INPUT', `the body is scenario ${String(body.code)}`, [
            {
              field: 'body.code',
              value: String(body.code),
              expected: `the code of the URL (${code}), or none`,
            },
          ]);
        }
        const company = await resolveCompany(db, request.query.company);
        // Templates a step may name: the built-in ones and the company's own.
        const known = await knownTemplateCodes(db, company.id);
        const scenario = validateScenario({ ...body, code }, known);
        return db.transaction().execute(async (trx) => {
          const saved = await saveScenario(trx, company.id, scenario);
          if (saved.created) {
            await writeAudit(trx, actorOf(principal, request.ip), {
              action: 'scenario.save',
              targetType: 'scenario',
              targetId: saved.code,
              detail: { company: company.code, version: saved.version },
            });
          }
          return saved;
        });
      },
    );
  };
}
