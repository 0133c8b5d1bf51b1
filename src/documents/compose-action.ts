import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.ts';
import type { ReferenceRates } from '../core/penalties/reference-rates.ts';
import type { ActionKind, ScenarioStep } from '../core/scenario/types.ts';
import { TEMPLATE_KIND_FOR_ACTION } from '../core/templates/types.ts';
import { findActionDocument, storeDocument, type StoredDocument } from '../store/documents.ts';
import type { DB, DocumentKind } from '../store/schema.ts';
import { templateVersions, type LibraryTemplate } from '../store/templates.ts';
import {
  buildContext,
  needsPenalties,
  type CompanyRow,
  type CustomerRow,
} from './build-context.ts';
import { stepOfAction } from './find-step.ts';
import type { FontSet } from './pdf/fonts.ts';
import { renderDocument, requirePostalAddress, type RenderedDocument } from './render-document.ts';
import { statementTemplates } from './statement-template.ts';

/**
 * Produces the documents of a dunning action and stores each one (documents table,
 * DOCUMENT_RENDERED in the timeline). Idempotent: an action renders each kind once, and
 * composing again returns the stored document unchanged, whatever changed since.
 */

/** What can be composed for an action: its action kinds, and the statement attached to e-mails. */
export type ComposeKind = Exclude<ActionKind, 'hold_account'> | 'statement';

export const DOCUMENT_KIND_OF: Readonly<Record<ComposeKind, DocumentKind>> = {
  email: 'email',
  letter: 'letter',
  call_task: 'call_script',
  sms: 'sms',
  notify_internal: 'internal',
  handover: 'internal',
  statement: 'statement',
};

/** Steps whose e-mails carry the statement of account as a PDF. */
export const STATEMENT_STEPS: ReadonlySet<string> = new Set(['level_2', 'formal_notice']);

export interface ComposeOptions {
  /** Reference rates for penalties (default: the shipped table and the user rate file). */
  readonly rates?: ReferenceRates | undefined;
  readonly fonts?: FontSet | undefined;
}

export interface ComposedDocument {
  readonly document: StoredDocument;
  /** False when the document had been stored before. */
  readonly created: boolean;
}

/** The action with what composing it needs. */
export interface LoadedAction {
  readonly id: number;
  readonly type: 'step' | 'sales_check';
  readonly asOf: string;
  readonly currency: string;
  readonly items: readonly string[];
  readonly stepKind: string;
  readonly company: CompanyRow;
  readonly customer: CustomerRow;
  readonly step: ScenarioStep;
}

export async function loadAction(db: Kysely<DB>, actionId: number): Promise<LoadedAction> {
  const action = await db
    .selectFrom('dunning_actions')
    .selectAll()
    .where('id', '=', actionId)
    .executeTakeFirst();
  if (!action) {
    throw new AppError('NOT_FOUND', `no dunning action ${actionId}`, [
      { field: 'action', value: String(actionId), expected: 'the id of a planned action' },
    ]);
  }
  const company = await db
    .selectFrom('companies')
    .selectAll()
    .where('id', '=', action.company_id)
    .executeTakeFirstOrThrow();
  const customer = await db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', action.customer_id)
    .executeTakeFirstOrThrow();
  return {
    id: action.id,
    type: action.type,
    asOf: action.as_of,
    currency: action.currency,
    items: action.items,
    stepKind: action.step_kind,
    company,
    customer,
    step: await stepOfAction(db, company.id, action),
  };
}

/**
 * The template code a step uses for an action kind. An e-mail that fell back to a letter
 * (no e-mail address) is written with the step's e-mail template, laid out as a letter.
 */
export function templateCodeFor(step: ScenarioStep, kind: ActionKind): string | undefined {
  const own = step.actions.find((a) => a.kind === kind)?.template;
  if (own !== undefined) return own;
  if (kind === 'letter') return step.actions.find((a) => a.kind === 'email')?.template;
  return undefined;
}

/** Every language version of the template of `kind` in the step, or the built-in statement. */
export async function versionsFor(
  db: Kysely<DB>,
  companyId: number,
  step: ScenarioStep,
  kind: ComposeKind,
): Promise<LibraryTemplate[]> {
  if (kind === 'statement')
    return statementTemplates(step.kind === 'formal_notice').map((t) => ({ ...t, version: 0 }));
  const code = templateCodeFor(step, kind);
  if (code === undefined) {
    throw new AppError('INVALID_INPUT', `step ${step.id} has no template for ${kind}`, [
      {
        field: `steps.${step.id}.actions`,
        value: kind,
        expected: `an action of kind ${kind} naming a template (kind ${TEMPLATE_KIND_FOR_ACTION[kind] ?? kind})`,
      },
    ]);
  }
  const versions = await templateVersions(db, companyId, code);
  if (versions.length === 0) {
    throw new AppError('NOT_FOUND', `no template ${code} (step ${step.id}, ${kind})`, [
      { field: 'template', value: code, expected: 'a default template or one of the company' },
    ]);
  }
  return versions;
}

/** Renders (once) and stores the document of `kind` for the action. */
export async function composeAction(
  db: Kysely<DB>,
  actionId: number,
  kind: ComposeKind,
  options: ComposeOptions = {},
): Promise<ComposedDocument> {
  const documentKind = DOCUMENT_KIND_OF[kind];
  const stored = await findActionDocument(db, actionId, documentKind);
  if (stored) return { document: stored, created: false };
  const action = await loadAction(db, actionId);
  if (documentKind === 'letter') requirePostalAddress(action.customer, action.company);
  const versions = await versionsFor(db, action.company.id, action.step, kind);
  const doc = await buildContext(db, {
    company: action.company,
    customer: action.customer,
    currency: action.currency,
    step: action.step,
    asOf: action.asOf,
    itemNumbers: action.items,
    penalties: needsPenalties(action.step.kind, versions),
    rates: options.rates,
  });
  const rendered = await renderDocument({
    kind: documentKind,
    versions,
    doc,
    company: action.company,
    customer: action.customer,
    reference: `${action.customer.code}-${action.id}`,
    fonts: options.fonts,
  });
  const registered =
    kind === 'letter' && action.step.actions.some((a) => a.kind === 'letter' && a.registered);
  return storeDocument(db, {
    companyId: action.company.id,
    customerId: action.customer.id,
    actionId: action.id,
    kind: documentKind,
    templateCode: rendered.template.code,
    language: rendered.template.language,
    templateVersion: rendered.template.version,
    mediaType: rendered.mediaType,
    context: storedContext(rendered, doc.locale, doc.context, registered),
    content: rendered.content,
    contentText: rendered.contentText,
    plainText: rendered.plainText,
    subject: rendered.subject,
    asOf: action.asOf,
    fallbackNote: rendered.fallbackNote,
  });
}

/** What a document keeps of its making: the render context, and the letter as laid out. */
export interface StoredContext {
  readonly locale: string;
  readonly template: RenderedDocument['template'];
  readonly render: unknown;
  readonly markdown: string;
  readonly letter?: RenderedDocument['letter'];
  readonly registered?: boolean;
  readonly pageCount?: number;
}

export function storedContext(
  rendered: RenderedDocument,
  locale: string,
  render: unknown,
  registered: boolean,
): StoredContext {
  return {
    locale,
    template: rendered.template,
    render,
    markdown: rendered.markdown,
    ...(rendered.letter ? { letter: { ...rendered.letter, markdown: '' } } : {}),
    ...(registered ? { registered } : {}),
    ...(rendered.pageCount !== undefined ? { pageCount: rendered.pageCount } : {}),
  };
}
