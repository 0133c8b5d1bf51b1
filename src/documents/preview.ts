import type { Kysely } from 'kysely';
import type { LocalDate } from '../core/calendar/local-date.ts';
import { AppError } from '../core/errors.ts';
import type { ReferenceRates } from '../core/penalties/reference-rates.ts';
import {
  isTemplateLanguage,
  TEMPLATE_KIND_FOR_ACTION,
  TEMPLATE_LANGUAGES,
  type Template,
  type TemplateKind,
} from '../core/templates/types.ts';
import { resolveCompany, todayIn } from '../store/companies.ts';
import type { DB, DocumentKind } from '../store/schema.ts';
import { buildContext, missingCustomer, needsPenalties } from './build-context.ts';
import { versionsFor, templateCodeFor, type ComposeKind } from './compose-action.ts';
import { stepForCustomer } from './find-step.ts';
import type { FontSet } from './pdf/fonts.ts';
import { renderDocument, requirePostalAddress, type RenderedDocument } from './render-document.ts';

/**
 * `relance preview`: a step's template rendered for a real customer as it stands, as a PDF
 * letter, an HTML e-mail or Markdown. Nothing is stored.
 */

export type PreviewFormat = 'pdf' | 'html' | 'md';

export interface PreviewRequest {
  readonly company?: string | undefined;
  readonly customer: string;
  readonly step: string;
  /** Default: the scenario the customer is assigned to. */
  readonly scenario?: string | undefined;
  readonly language?: string | undefined;
  readonly currency?: string | undefined;
  readonly asOf?: LocalDate | undefined;
  readonly format: PreviewFormat;
  /** Which of the step's templates (default: chosen by the format). */
  readonly kind?: ComposeKind | undefined;
  readonly rates?: ReferenceRates | undefined;
  readonly fonts?: FontSet | undefined;
  /**
   * An unsaved template (checked by the caller, as a save would): rendered instead of the
   * step's saved one, in its own language; the step gives the context (deadline, penalties).
   */
  readonly draft?: Template | undefined;
}

export interface Preview {
  /** PDF bytes, or text (HTML, Markdown). */
  readonly content: Buffer | string;
  readonly rendered: RenderedDocument;
  readonly customer: string;
  readonly scenario: string;
  readonly step: string;
  readonly currency: string;
  readonly asOf: LocalDate;
  /** The action kind whose template was used. */
  readonly kind: ComposeKind;
  /** True when an unsaved template was rendered. */
  readonly draft: boolean;
}

/** The action kind that uses each kind of template (for a draft). */
const KIND_OF_TEMPLATE: Readonly<Record<TemplateKind, ComposeKind>> = {
  email: 'email',
  letter: 'letter',
  call_script: 'call_task',
  sms: 'sms',
  internal: 'notify_internal',
};

/** The step's templates each format prefers, in order. */
const PREFERENCE: Readonly<Record<PreviewFormat, readonly ComposeKind[]>> = {
  pdf: ['letter', 'email', 'handover', 'notify_internal', 'call_task', 'sms'],
  html: ['email', 'letter', 'notify_internal', 'handover', 'call_task', 'sms'],
  md: ['email', 'letter', 'call_task', 'notify_internal', 'handover', 'sms'],
};

/** How each format lays a document out. */
const LAYOUT: Readonly<Record<PreviewFormat, DocumentKind | undefined>> = {
  pdf: 'letter',
  html: 'email',
  md: undefined,
};

export async function previewStep(db: Kysely<DB>, request: PreviewRequest): Promise<Preview> {
  const problems = [];
  if (request.language !== undefined && !isTemplateLanguage(request.language)) {
    problems.push({
      field: 'lang',
      value: request.language,
      expected: `one of ${TEMPLATE_LANGUAGES.join(', ')}`,
    });
  }
  const draft = request.draft;
  if (draft && request.language !== undefined && request.language !== draft.language) {
    problems.push({
      field: 'lang',
      value: request.language,
      expected: `${draft.language}, the language of the template, or none`,
    });
  }
  if (
    draft &&
    request.kind !== undefined &&
    (request.kind === 'statement' || TEMPLATE_KIND_FOR_ACTION[request.kind] !== draft.kind)
  ) {
    problems.push({
      field: 'kind',
      value: request.kind,
      expected: `${KIND_OF_TEMPLATE[draft.kind]}, the action kind of a ${draft.kind} template, or none`,
    });
  }
  if (problems.length > 0) throw new AppError('INVALID_INPUT', 'cannot preview', problems);
  const companyRef = await resolveCompany(db, request.company);
  const company = await db
    .selectFrom('companies')
    .selectAll()
    .where('id', '=', companyRef.id)
    .executeTakeFirstOrThrow();
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('company_id', '=', company.id)
    .where('code', '=', request.customer)
    .executeTakeFirst();
  if (!customer) throw missingCustomer(request.customer, company.code);
  const open = await db
    .selectFrom('items')
    .select(['currency'])
    .select((e) => e.fn.sum<number>('open_minor').as('open'))
    .where('customer_id', '=', customer.id)
    .where('open_minor', '<>', 0)
    .groupBy('currency')
    .execute();
  const exposure = Object.fromEntries(open.map((o) => [o.currency, Number(o.open)]));
  const currency =
    request.currency?.toUpperCase() ??
    (open.some((o) => o.currency === customer.currency)
      ? customer.currency
      : (open[0]?.currency ?? customer.currency));
  const { scenario, step } = await stepForCustomer(
    db,
    company.id,
    customer,
    request.step,
    exposure,
    request.scenario,
  );
  const kinds = draft
    ? [request.kind ?? KIND_OF_TEMPLATE[draft.kind]]
    : request.kind
      ? [request.kind]
      : PREFERENCE[request.format].filter(
          (k) => k === 'statement' || templateCodeFor(step, k) !== undefined,
        );
  const kind = kinds[0];
  if (kind === undefined) {
    throw new AppError('INVALID_INPUT', `step ${step.id} has no template to preview`, [
      { field: 'step', value: step.id, expected: 'a step whose actions name templates' },
    ]);
  }
  // Markdown: the body as written (an SMS as its text).
  const layout: DocumentKind = LAYOUT[request.format] ?? (kind === 'sms' ? 'sms' : 'internal');
  if (layout === 'letter') requirePostalAddress(customer, company);
  const versions = draft
    ? [{ ...draft, version: 0 }]
    : await versionsFor(db, company.id, step, kind);
  const asOf = request.asOf ?? todayIn(company.timezone);
  const doc = await buildContext(db, {
    company,
    customer,
    currency,
    step,
    asOf,
    penalties: needsPenalties(step.kind, versions),
    rates: request.rates,
    language: draft?.language ?? request.language,
  });
  const rendered = await renderDocument({
    kind: kind === 'statement' && layout === 'letter' ? 'statement' : layout,
    versions,
    doc,
    company,
    customer,
    reference: customer.code,
    fonts: request.fonts,
  });
  const text = rendered.contentText ?? rendered.markdown;
  const content =
    rendered.content ??
    (request.format === 'md' && rendered.subject
      ? `Subject: ${rendered.subject}\n\n${text}`
      : text);
  return {
    content,
    rendered,
    customer: customer.code,
    scenario: scenario.code,
    step: step.id,
    currency,
    asOf,
    kind,
    draft: draft !== undefined,
  };
}
