import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type Problem } from '../../core/errors.ts';
import type { Database } from '../../store/database.ts';
import { resolveCompany } from '../../store/companies.ts';
import {
  checkTemplate,
  getTemplate,
  saveTemplates,
  templateLibrary,
  templateVersions,
  type LibraryTemplate,
} from '../../store/templates.ts';
import { previewStep } from '../../documents/preview.ts';
import type { ComposeKind } from '../../documents/compose-action.ts';
import { actorOf, writeAudit } from '../../auth/audit.ts';
import {
  requireCustomerRecord,
  requirePermission,
  permitBeforeBody,
} from '../auth/authenticate.ts';
import { CompanyQuery, ERRORS, LocalDateText } from '../schemas/common.ts';

const TemplateParams = z.object({
  code: z.string().min(1).max(64).describe('the template code'),
});

const TemplateView = z
  .object({
    code: z.string(),
    kind: z.string(),
    language: z.string(),
    version: z.number().int().describe('0: built in'),
    name: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string(),
    savedAt: z.string().nullable(),
  })
  .meta({ id: 'Template' });

const KINDS: readonly ComposeKind[] = [
  'email',
  'letter',
  'call_task',
  'sms',
  'notify_internal',
  'handover',
  'statement',
];

function view(t: LibraryTemplate): z.infer<typeof TemplateView> {
  return {
    code: t.code,
    kind: t.kind,
    language: t.language,
    version: t.version,
    name: t.name ?? null,
    subject: t.subject ?? null,
    body: t.body,
    savedAt: t.savedAt?.toISOString() ?? null,
  };
}

/** Document templates: the library in force, one code, saving new versions, previews. */
export function templateRoutes(database: Database) {
  const db = database.db;
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/templates',
      {
        schema: {
          tags: ['templates'],
          summary: 'The templates in force, per code and language: built in (version 0) or saved',
          querystring: CompanyQuery,
          response: { 200: z.object({ templates: z.array(TemplateView) }), ...ERRORS },
        },
      },
      async (request) => {
        requirePermission(request, 'customers:read');
        const company = await resolveCompany(db, request.query.company);
        return { templates: (await templateLibrary(db, company.id)).map(view) };
      },
    );

    app.get(
      '/api/templates/:code',
      {
        schema: {
          tags: ['templates'],
          summary: 'One template: every language in force, or one language (and a saved version)',
          params: TemplateParams,
          querystring: CompanyQuery.extend({
            lang: z.string().max(8).optional(),
            version: z.coerce.number().int().min(1).optional().describe('with lang'),
          }),
          response: { 200: z.object({ templates: z.array(TemplateView) }), ...ERRORS },
        },
      },
      async (request) => {
        requirePermission(request, 'customers:read');
        const company = await resolveCompany(db, request.query.company);
        const { lang, version } = request.query;
        const { code } = request.params;
        if (version !== undefined && lang === undefined) {
          throw new AppError('INVALID_INPUT', 'version needs lang', [
            { field: 'querystring.lang', value: '', expected: 'the language of the version' },
          ]);
        }
        const templates =
          lang !== undefined
            ? [await getTemplate(db, company.id, code, lang, version)]
            : await templateVersions(db, company.id, code);
        if (templates.length === 0) await getTemplate(db, company.id, code, 'en'); // NOT_FOUND
        return { templates: templates.map(view) };
      },
    );

    app.put(
      '/api/templates/:code',
      {
        preParsing: permitBeforeBody('scenarios:write'),
        schema: {
          tags: ['templates'],
          summary:
            'Save a template (one language) or a list (several languages): new versions of those that changed',
          params: TemplateParams,
          querystring: CompanyQuery,
          body: z.union([
            z.record(z.string(), z.unknown()),
            z.array(z.record(z.string(), z.unknown())).min(1).max(20),
          ]),
          response: {
            200: z.object({
              templates: z.array(
                z.object({
                  code: z.string(),
                  language: z.string(),
                  version: z.number().int(),
                  created: z.boolean(),
                }),
              ),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const principal = requirePermission(request, 'scenarios:write');
        const { code } = request.params;
        const list = Array.isArray(request.body) ? request.body : [request.body];
        const problems: Problem[] = [];
        list.forEach((t, i) => {
          if (t.code !== undefined && t.code !== code) {
            problems.push({
              field: Array.isArray(request.body) ? `body[${i}].code` : 'body.code',
              value: String(t.code),
              expected: `the code of the URL (${code}), or none`,
            });
          }
        });
        if (problems.length > 0)
          throw new AppError('INVALID_INPUT', 'wrong template code', problems);
        const withCode = list.map((t) => ({ ...t, code }));
        const company = await resolveCompany(db, request.query.company);
        return db.transaction().execute(async (trx) => {
          const results = await saveTemplates(
            trx,
            company.id,
            Array.isArray(request.body) ? withCode : withCode[0],
          );
          const created = results.filter((r) => r.created);
          if (created.length > 0) {
            await writeAudit(trx, actorOf(principal, request.ip), {
              action: 'template.save',
              targetType: 'template',
              targetId: code,
              detail: {
                company: company.code,
                versions: created.map((r) => `${r.language} v${r.version}`),
              },
            });
          }
          return { templates: results };
        });
      },
    );

    app.post(
      '/api/templates/preview',
      {
        schema: {
          tags: ['templates'],
          summary:
            "A step's template — or unsaved edits of one — rendered for a real customer: pdf (letter), html (e-mail) or md; nothing stored",
          querystring: CompanyQuery,
          body: z
            .object({
              customer: z.string().min(1).max(64),
              step: z.string().min(1).max(64).describe("a step of the customer's scenario"),
              scenario: z.string().min(1).max(64).optional().describe('default: the assigned one'),
              kind: z.enum(KINDS).optional().describe("which of the step's templates"),
              lang: z.string().max(8).optional(),
              currency: z.string().length(3).optional(),
              asOf: LocalDateText.optional(),
              format: z.enum(['html', 'pdf', 'md']),
              template: z
                .record(z.string(), z.unknown())
                .optional()
                .describe(
                  'an unsaved template ({ code, kind, language, name?, subject?, body }), checked as PUT /api/templates/{code} checks it and rendered instead of the saved one; nothing stored',
                ),
            })
            .strict(),
          response: { 200: z.any().describe('the rendered document'), ...ERRORS },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const { companyId } = await requireCustomerRecord(request, db, 'customers:read', {
          company: request.query.company,
          customer: b.customer,
        });
        const draft =
          b.template === undefined
            ? undefined
            : await checkTemplate(db, companyId, b.template, 'template.');
        const preview = await previewStep(db, {
          company: request.query.company,
          customer: b.customer,
          step: b.step,
          scenario: b.scenario,
          kind: b.kind,
          language: b.lang,
          currency: b.currency,
          asOf: b.asOf,
          format: b.format,
          draft,
        });
        const t = preview.rendered.template;
        const type =
          b.format === 'pdf'
            ? 'application/pdf'
            : b.format === 'html'
              ? 'text/html; charset=utf-8'
              : 'text/markdown; charset=utf-8';
        return reply
          .type(type)
          .header(
            'x-relance-template',
            `${t.code}; lang=${t.language}; version=${preview.draft ? 'draft' : t.version}`,
          )
          .header(
            'content-security-policy',
            "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
          )
          .header('x-content-type-options', 'nosniff')
          .send(preview.content);
      },
    );
  };
}
