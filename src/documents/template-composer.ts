import { AppError } from '../core/errors.ts';
import {
  isEmailAddress,
  type ComposedEmail,
  type EmailAttachment,
  type MailAddress,
} from '../core/delivery/email-message.ts';
import type { Composer } from '../delivery/composer.ts';
import type { Company } from '../store/companies.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { StoredDocument } from '../store/documents.ts';
import {
  composeAction,
  loadAction,
  STATEMENT_STEPS,
  type ComposeOptions,
  type LoadedAction,
} from './compose-action.ts';
import { composePromiseConfirmation } from './compose-confirmation.ts';
import { parsePerson } from './parties.ts';
import { invoiceAttachments, type InvoiceAttachmentOptions } from './invoice-attachments.ts';

export interface TemplateComposerOptions extends ComposeOptions {
  /**
   * The From address when the company profile has no e-mail (`relance company set --email`):
   * the deployment's RELANCE_MAIL_FROM, say. Without either, composing fails (CONFIG).
   */
  readonly fromFallback?: ((company: Company) => MailAddress | undefined) | undefined;
  /** Fetching and attaching the invoices' own PDFs (docs/delivery.md, "Invoice PDFs"). */
  readonly invoices?: InvoiceAttachmentOptions | undefined;
}

/**
 * The delivery worker's composer built on templates: the e-mail of an outbox row is the
 * action's e-mail document (rendered once and stored, so a retry sends the same message),
 * from the company's collection address, Reply-To the collector when the customer record
 * gives an address, to the row's recipients, the sales owner in copy when the step notifies
 * them, and for level 2 and formal notices the statement of account as a PDF; then the PDF of
 * each invoice of the action that has a document address (invoice-attachments.ts) — an invoice
 * not available yet for a temporary reason holds the e-mail back (the worker retries).
 */
export function templateComposer(options: TemplateComposerOptions = {}): Composer {
  return async (db, row) => {
    const { company, customer, email, attachments, copySales } =
      row.action_id === null
        ? await promiseMessage(db, row.promise_id, options)
        : await actionMessage(db, row.action_id, row.attempts || 1, options);
    const summary: Company = {
      id: company.id,
      code: company.code,
      name: company.name,
      country: company.country,
      currency: company.currency,
      timezone: company.timezone,
      locale: company.locale,
    };
    const from =
      company.email && isEmailAddress(company.email)
        ? { name: company.name, address: company.email }
        : options.fromFallback?.(summary);
    if (!from) {
      throw new AppError('CONFIG', `company ${company.code} has no collection e-mail address`, [
        {
          field: 'email',
          value: '',
          expected: `the address e-mails come from: relance company set --email credit@example.com --company ${company.code}`,
        },
      ]);
    }
    const addresses = row.recipient
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (addresses.length === 0) {
      throw new AppError('INVALID_INPUT', `customer ${customer.code} has no valid e-mail address`, [
        { field: 'recipient', value: '', expected: 'a contact or customer e-mail address' },
      ]);
    }
    const contacts = await db
      .selectFrom('contacts')
      .select(['name', 'email'])
      .where('customer_id', '=', customer.id)
      .execute();
    const nameOf = (address: string) =>
      contacts.find((k) => k.email?.trim().toLowerCase() === address.toLowerCase())?.name ??
      customer.name;
    const collector = parsePerson(customer.collector);
    const salesOwner = parsePerson(customer.sales_owner);
    const cc =
      copySales &&
      salesOwner?.email !== undefined &&
      !addresses.some((a) => a.toLowerCase() === salesOwner.email!.toLowerCase())
        ? [{ name: salesOwner.name, address: salesOwner.email }]
        : undefined;
    return {
      from,
      ...(collector?.email ? { replyTo: { name: collector.name, address: collector.email } } : {}),
      to: addresses.map((address) => ({ name: nameOf(address), address })),
      ...(cc ? { cc } : {}),
      subject: email.subject ?? '',
      html: email.contentText ?? '',
      text: email.plainText ?? '',
      ...(attachments.length > 0 ? { attachments } : {}),
    } satisfies ComposedEmail;
  };
}

interface Message {
  readonly company: LoadedAction['company'];
  readonly customer: LoadedAction['customer'];
  readonly email: StoredDocument;
  readonly attachments: readonly EmailAttachment[];
  /** The step notifies the sales owner: they get a copy. */
  readonly copySales: boolean;
}

/** A dunning action's e-mail, with the statement for level 2 and formal notices, and invoices. */
async function actionMessage(
  db: Kysely<DB>,
  actionId: number,
  attempt: number,
  options: TemplateComposerOptions,
): Promise<Message> {
  const action = await loadAction(db, actionId);
  const { company, customer, step } = action;
  const email = (await composeAction(db, actionId, 'email', options)).document;
  const attachments: EmailAttachment[] = [];
  if (STATEMENT_STEPS.has(step.kind)) {
    const statement = (await composeAction(db, actionId, 'statement', options)).document;
    attachments.push({
      filename: `statement-${customer.code}-${action.currency}.pdf`.replace(/[^\w.-]+/g, '_'),
      contentType: 'application/pdf',
      content: statement.content!,
    });
  }
  attachments.push(
    ...(await invoiceAttachments(
      db,
      {
        id: action.id,
        companyId: company.id,
        customerId: customer.id,
        currency: action.currency,
        timezone: company.timezone,
        items: action.items,
      },
      attachments,
      attempt,
      options.invoices,
    )),
  );
  const copySales = step.actions.some(
    (a) => a.kind === 'notify_internal' && a.role === 'sales_owner',
  );
  return { company, customer, email, attachments, copySales };
}

/** The written confirmation of a promise to pay. */
async function promiseMessage(
  db: Kysely<DB>,
  promiseId: number | null,
  options: ComposeOptions,
): Promise<Message> {
  if (promiseId === null) throw new AppError('INTERNAL', 'an outbox row without action or promise');
  const email = (await composePromiseConfirmation(db, promiseId, options)).document;
  const company = await db
    .selectFrom('companies')
    .selectAll()
    .where('id', '=', email.companyId)
    .executeTakeFirstOrThrow();
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', email.customerId)
    .executeTakeFirstOrThrow();
  return { company, customer, email, attachments: [], copySales: false };
}
