import type { Kysely, Selectable } from 'kysely';
import { diffDays, type LocalDate } from '../core/calendar/local-date.ts';
import { AppError } from '../core/errors.ts';
import type { ScenarioStep } from '../core/scenario/types.ts';
import type {
  RenderContact,
  RenderContext,
  RenderItem,
  RenderPerson,
  RenderPromise,
} from '../core/templates/context.ts';
import { penaltiesForTemplate } from '../core/templates/penalties-context.ts';
import { languageOf } from '../core/templates/types.ts';
import { addBusinessDays } from '../runs/business-calendar.ts';
import { todayIn } from '../store/companies.ts';
import type { CompaniesTable, CustomersTable, DB } from '../store/schema.ts';
import type { ReferenceRates } from '../core/penalties/reference-rates.ts';
import type { PenaltyResult } from '../core/penalties/types.ts';
import { itemPenalties } from './item-penalties.ts';
import { companyLines, creditTeamName, parsePerson, postalLines } from './parties.ts';

/**
 * The data a template is rendered from, loaded from the database for one customer, one
 * currency, one scenario step and one business date: the company profile, the customer and
 * its address, the contact written to (by the step's recipient roles), the collector and
 * the sales owner, the open items split overdue / not yet due / disputed, the penalties
 * (when asked), the payment deadline in business days of the company's country, the open
 * promise to pay. No portal link yet: templates must not need one.
 */

export { jurisdictionOf } from './item-penalties.ts';

export type CompanyRow = Selectable<CompaniesTable>;
export type CustomerRow = Selectable<CustomersTable>;

export interface ContextRequest {
  readonly company: CompanyRow;
  readonly customer: CustomerRow;
  readonly currency: string;
  readonly step?: ScenarioStep | undefined;
  readonly asOf: LocalDate;
  /** Exactly these items (an action's); default: every open item in the currency. */
  readonly itemNumbers?: readonly string[] | undefined;
  /** Compute late-payment penalties on the overdue invoices. */
  readonly penalties?: boolean | undefined;
  /** Reference rates (default: the shipped table and the user rate file). */
  readonly rates?: ReferenceRates | undefined;
  /** Write in this language instead of the customer's (preview --lang). */
  readonly language?: string | undefined;
  /** The promise to pay shown (default: the customer's latest open one in the currency). */
  readonly promiseId?: number | undefined;
}

export interface DocumentContext {
  readonly context: RenderContext;
  /** The customer's locale ('fr-BE'): amounts and dates are formatted in it. */
  readonly locale: string;
  /** The recipient's postal address lines ([] when there is none). */
  readonly postalLines: readonly string[];
  /** The collector's own e-mail address, when the customer record gives one (Reply-To). */
  readonly collectorEmail?: string | undefined;
  readonly salesOwnerEmail?: string | undefined;
  /** Penalties per invoice, as computed (empty unless asked). */
  readonly penaltyResults: readonly PenaltyResult[];
}

export async function buildContext(
  db: Kysely<DB>,
  request: ContextRequest,
): Promise<DocumentContext> {
  const { company, customer, currency, step, asOf } = request;
  const companyLanguage = languageOf(company.locale) || 'en';
  const language = request.language ?? customer.language;
  const locale = language.includes('-') ? language : `${language}-${customer.country}`;

  const items = await loadItems(db, request);
  const overdue: RenderItem[] = [];
  const notDue: RenderItem[] = [];
  const disputed: RenderItem[] = [];
  for (const row of items) {
    // Paused items are out of the flow until their date: not claimed, not listed.
    if (!row.disputed && row.hold_until !== null && row.hold_until >= asOf) continue;
    const item: RenderItem = {
      number: row.number,
      type: row.type,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      currency: row.currency,
      amountMinor: row.amount_minor,
      openMinor: row.open_minor,
      ...(row.po_number ? { reference: row.po_number } : {}),
      ...(row.document_url ? { documentUrl: row.document_url } : {}),
      ...(row.disputed && row.dispute_reason ? { disputeReason: row.dispute_reason } : {}),
    };
    if (row.disputed) disputed.push(item);
    else if (diffDays(asOf, row.due_date) > 0) overdue.push(item);
    else notDue.push(item);
  }

  const penaltyResults = request.penalties
    ? await itemPenalties(db, {
        customerCountry: request.customer.country,
        asOf,
        rates: request.rates,
        rows: items,
        overdue,
      })
    : [];

  const contact = await findContact(db, customer.id, step?.recipients);
  const collector = parsePerson(customer.collector);
  const salesOwner = parsePerson(customer.sales_owner);
  const team: RenderPerson = {
    name: collector?.name ?? company.signature_name ?? creditTeamName(companyLanguage),
    ...(collector === undefined && company.signature_title
      ? { title: company.signature_title }
      : {}),
    ...((collector?.email ?? company.email) ? { email: collector?.email ?? company.email! } : {}),
    ...(company.phone ? { phone: company.phone } : {}),
  };
  const customerLines = postalLines(customer, company.country, companyLanguage);
  const ownLines = companyLines(company, companyLanguage);
  const context: RenderContext = {
    company: {
      name: company.name,
      language: companyLanguage,
      ...(ownLines.length > 0 ? { addressLines: ownLines } : {}),
      ...optional('phone', company.phone),
      ...optional('email', company.email),
      ...optional('website', company.website),
      ...optional('vatNumber', company.vat_number),
      ...optional('registration', company.registration),
      ...(company.iban
        ? { bankAccount: { iban: company.iban, ...(company.bic ? { bic: company.bic } : {}) } }
        : {}),
    },
    customer: {
      code: customer.code,
      name: customer.name,
      ...(customerLines.length > 0 ? { addressLines: customerLines } : {}),
    },
    ...(contact ? { contact } : {}),
    collector: team,
    ...(salesOwner ? { salesOwner } : {}),
    currency,
    items: { overdue, notDue, disputed },
    ...(request.penalties ? { penalties: penaltiesForTemplate(penaltyResults, currency) } : {}),
    ...(step
      ? {
          step: {
            id: step.id,
            name: step.name,
            kind: step.kind,
            ...(step.deadlineDays !== undefined ? { deadlineDays: step.deadlineDays } : {}),
            ...(step.salesCheckDays
              ? { objectionDeadline: addBusinessDays(company.country, asOf, step.salesCheckDays) }
              : {}),
          },
        }
      : {}),
    ...(await findPromise(db, company, customer.id, currency, request.promiseId)),
    today: asOf,
    paymentDeadline: addBusinessDays(company.country, asOf, step?.deadlineDays ?? 8),
  };
  return {
    context,
    locale,
    postalLines: customerLines,
    ...(collector?.email ? { collectorEmail: collector.email } : {}),
    ...(salesOwner?.email ? { salesOwnerEmail: salesOwner.email } : {}),
    penaltyResults,
  };
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

async function loadItems(db: Kysely<DB>, request: ContextRequest) {
  const numbers = request.itemNumbers;
  if (numbers !== undefined && numbers.length === 0) return [];
  return db
    .selectFrom('items')
    .select(['id', 'number', 'type', 'issue_date', 'due_date', 'currency'])
    .select(['amount_minor', 'open_minor', 'po_number', 'document_url'])
    .select(['disputed', 'dispute_reason', 'hold_until'])
    .where('company_id', '=', request.company.id)
    .where('customer_id', '=', request.customer.id)
    .where('currency', '=', request.currency)
    .where('open_minor', '<>', 0)
    .$if(numbers !== undefined, (q) => q.where('number', 'in', numbers!))
    .orderBy('due_date')
    .orderBy('number')
    .execute();
}

/** The first contact having one of the roles (in the roles' order), a valid one first. */
async function findContact(
  db: Kysely<DB>,
  customerId: number,
  recipients: readonly string[] | undefined,
): Promise<RenderContact | undefined> {
  const roles = recipients && recipients.length > 0 ? recipients : ['accounts_payable'];
  const rows = await db
    .selectFrom('contacts')
    .select(['name', 'role', 'email', 'phone', 'email_invalid_at'])
    .where('customer_id', '=', customerId)
    .where('role', 'in', [...roles])
    .orderBy('id')
    .execute();
  rows.sort(
    (a, b) =>
      Number(a.email_invalid_at !== null) - Number(b.email_invalid_at !== null) ||
      roles.indexOf(a.role) - roles.indexOf(b.role),
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    name: row.name,
    ...(row.email && row.email_invalid_at === null ? { email: row.email } : {}),
    ...(row.phone ? { phone: row.phone } : {}),
  };
}

/** The customer's latest open promise to pay in the currency, for the confirmation. */
async function findPromise(
  db: Kysely<DB>,
  company: CompanyRow,
  customerId: number,
  currency: string,
  promiseId?: number | undefined,
): Promise<{ promise?: RenderPromise }> {
  const row = await db
    .selectFrom('promises')
    .select(['promised_date', 'amount_minor', 'items', 'created_at'])
    .where('customer_id', '=', customerId)
    .where('currency', '=', currency)
    .$if(promiseId === undefined, (q) => q.where('status', '=', 'open'))
    .$if(promiseId !== undefined, (q) => q.where('id', '=', promiseId!))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return {};
  return {
    promise: {
      amountMinor: row.amount_minor,
      currency,
      payBy: row.promised_date,
      madeOn: todayIn(company.timezone, row.created_at),
      ...(row.items.length > 0 ? { items: row.items } : {}),
    },
  };
}

/** Penalty hashtags: a template using one needs the penalties computed. */
const PENALTY_TAGS = /#(?:Penalties|InterestTotal|InterestRate|CompensationTotal|ClaimTotal)\b/;

/** Whether a document needs penalties: a formal notice does, and any template that shows them. */
export function needsPenalties(
  stepKind: string | undefined,
  templates: readonly { subject?: string | undefined; body: string }[],
): boolean {
  if (stepKind === 'formal_notice') return true;
  return templates.some((t) => PENALTY_TAGS.test(t.body) || PENALTY_TAGS.test(t.subject ?? ''));
}

export function missingCustomer(code: string, company: string): AppError {
  return new AppError('NOT_FOUND', `no customer with code ${code} in company ${company}`, [
    { field: 'customer', value: code, expected: 'the code of an imported customer' },
  ]);
}
