import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { decideOnCustomer } from '../../core/auth/portfolio.ts';
import type { Database } from '../../store/database.ts';
import { resolveCompany } from '../../store/companies.ts';
import { documentHash, getDocument, type StoredDocument } from '../../store/documents.ts';
import { requirePermission } from '../auth/authenticate.ts';
import { CompanyQuery, ERRORS } from '../schemas/common.ts';

const DocumentParams = z.object({ id: z.coerce.number().int().min(1).describe('document id') });

const DocumentMeta = z
  .object({
    id: z.number().int(),
    customer: z.string(),
    kind: z.string(),
    actionId: z.number().int().nullable(),
    template: z.string(),
    language: z.string(),
    templateVersion: z.number().int().describe('0: the built-in template'),
    mediaType: z.string(),
    subject: z.string().nullable(),
    sha256: z.string(),
    intact: z.boolean().describe('the content still has the SHA-256 recorded when it was stored'),
    bytes: z.number().int(),
    createdAt: z.string(),
    url: z.string(),
  })
  .meta({ id: 'DocumentMeta' });

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

/** Stored documents, byte for byte, for those who may see their customer (404 otherwise). */
export function documentRoutes(database: Database) {
  const db = database.db;

  /** The document and its customer's code, or NOT_FOUND worded as for a missing document. */
  async function visibleDocument(
    request: FastifyRequest,
    company: string | undefined,
    id: number,
  ): Promise<{ doc: StoredDocument; customer: string }> {
    const principal = requirePermission(request, 'customers:read');
    const found = await resolveCompany(db, company);
    const doc = await getDocument(db, found.id, id);
    const owner = await db
      .selectFrom('customers as c')
      .innerJoin('companies as co', 'co.id', 'c.company_id')
      .select(['c.code', 'c.collector', 'c.sales_owner', 'co.collectors_read_all'])
      .where('c.id', '=', doc.customerId)
      .executeTakeFirstOrThrow();
    const decision = decideOnCustomer(
      principal.role,
      principal.portfolio,
      'customers:read',
      owner,
      {
        collectorsReadAll: owner.collectors_read_all,
      },
    );
    if (decision !== 'allowed') {
      throw new AppError('NOT_FOUND', `no document ${id}`, [
        { field: 'document', value: String(id), expected: 'the id of a stored document' },
      ]);
    }
    return { doc, customer: owner.code };
  }

  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/documents/:id',
      {
        schema: {
          tags: ['documents'],
          summary:
            'A stored document as it was rendered: a letter as application/pdf, an e-mail as text/html',
          params: DocumentParams,
          querystring: CompanyQuery,
          response: { 200: z.any().describe('the document, in its media type'), ...ERRORS },
        },
      },
      async (request, reply) => {
        const { doc } = await visibleDocument(request, request.query.company, request.params.id);
        const content = doc.content ?? doc.contentText ?? '';
        const type = doc.mediaType.startsWith('text/')
          ? `${doc.mediaType}; charset=utf-8`
          : doc.mediaType;
        const name = `document-${doc.id}.${EXTENSIONS[doc.mediaType] ?? 'bin'}`;
        return (
          reply
            .type(type)
            .header('content-disposition', `inline; filename="${name}"`)
            // A stored e-mail is shown, never run: no script, no form, no same-origin access.
            .header(
              'content-security-policy',
              "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
            )
            .header('x-content-type-options', 'nosniff')
            .send(content)
        );
      },
    );

    app.get(
      '/api/documents/:id/meta',
      {
        schema: {
          tags: ['documents'],
          summary: "A stored document's description: kind, template and version, hash, size",
          params: DocumentParams,
          querystring: CompanyQuery,
          response: { 200: DocumentMeta, ...ERRORS },
        },
      },
      async (request) => {
        const { doc, customer } = await visibleDocument(
          request,
          request.query.company,
          request.params.id,
        );
        const content = doc.content ?? doc.contentText ?? '';
        return {
          id: doc.id,
          customer,
          kind: doc.kind,
          actionId: doc.actionId,
          template: doc.templateCode,
          language: doc.language,
          templateVersion: doc.templateVersion,
          mediaType: doc.mediaType,
          subject: doc.subject,
          sha256: doc.sha256,
          intact: documentHash(content) === doc.sha256,
          bytes: Buffer.byteLength(content),
          createdAt: doc.createdAt.toISOString(),
          url: `/api/documents/${doc.id}`,
        };
      },
    );
  };
}
