import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import { EXTRA_TEMPLATE_CODES } from '../core/templates/defaults/index.ts';
import { findPromiseDocument, storeDocument } from '../store/documents.ts';
import { todayIn } from '../store/companies.ts';
import type { DB } from '../store/schema.ts';
import { templateVersions } from '../store/templates.ts';
import { buildContext } from './build-context.ts';
import { storedContext, type ComposedDocument, type ComposeOptions } from './compose-action.ts';
import { renderDocument } from './render-document.ts';

/**
 * The written confirmation of a promise to pay taken on the phone: an e-mail from the
 * company's `promise_confirmation_email` template (date, amount and items agreed), rendered
 * once per promise and stored, so that a retried send is the same message.
 */
export async function composePromiseConfirmation(
  db: Kysely<DB>,
  promiseId: number,
  options: ComposeOptions = {},
): Promise<ComposedDocument> {
  const stored = await findPromiseDocument(db, promiseId, 'email');
  if (stored) return { document: stored, created: false };
  const promise = await db
    .selectFrom('promises')
    .select(['id', 'company_id', 'customer_id', 'currency', 'items', 'created_at'])
    .where('id', '=', promiseId)
    .executeTakeFirst();
  if (!promise) {
    throw new AppError('NOT_FOUND', `no promise ${promiseId}`, [
      { field: 'promise', value: String(promiseId), expected: 'the id of a promise to pay' },
    ]);
  }
  const company = await db
    .selectFrom('companies')
    .selectAll()
    .where('id', '=', promise.company_id)
    .executeTakeFirstOrThrow();
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', promise.customer_id)
    .executeTakeFirstOrThrow();
  const code = EXTRA_TEMPLATE_CODES.promiseConfirmation;
  const versions = await templateVersions(db, company.id, code);
  if (versions.length === 0) {
    throw new AppError('NOT_FOUND', `no template ${code}`, [
      { field: 'template', value: code, expected: 'a default template or one of the company' },
    ]);
  }
  // Written the day the promise was taken, in the company's time zone.
  const asOf = todayIn(company.timezone, promise.created_at);
  const doc = await buildContext(db, {
    company,
    customer,
    currency: promise.currency,
    asOf,
    itemNumbers: promise.items.length > 0 ? promise.items : undefined,
    promiseId: promise.id,
  });
  const rendered = await renderDocument({
    kind: 'email',
    versions,
    doc,
    company,
    customer,
    reference: `${customer.code}-P${promise.id}`,
    fonts: options.fonts,
  });
  return storeDocument(db, {
    companyId: company.id,
    customerId: customer.id,
    actionId: null,
    promiseId: promise.id,
    kind: 'email',
    templateCode: rendered.template.code,
    language: rendered.template.language,
    templateVersion: rendered.template.version,
    mediaType: rendered.mediaType,
    context: storedContext(rendered, doc.locale, doc.context, false),
    content: rendered.content,
    contentText: rendered.contentText,
    plainText: rendered.plainText,
    subject: rendered.subject,
    asOf,
    fallbackNote: rendered.fallbackNote,
  });
}
