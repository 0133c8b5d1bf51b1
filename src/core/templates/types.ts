import type { ActionKind } from '../scenario/types.ts';

/**
 * A document template: a kind, a language, a code (the name scenarios use) and a body in
 * Markdown with `#Hashtags`. The same code exists once per language.
 */

/** What the template produces. */
export type TemplateKind = 'email' | 'letter' | 'call_script' | 'sms' | 'internal';
export const TEMPLATE_KINDS: readonly TemplateKind[] = [
  'email',
  'letter',
  'call_script',
  'sms',
  'internal',
];

/** Languages templates are written in (the hashtags' own words exist in these). */
export type TemplateLanguage = 'en' | 'fr' | 'de' | 'es';
export const TEMPLATE_LANGUAGES: readonly TemplateLanguage[] = ['en', 'fr', 'de', 'es'];

/** The language every template set must have: the last fallback. */
export const BASE_LANGUAGE: TemplateLanguage = 'en';

export interface Template {
  /** The code scenarios name (`reminder_email`): letters, digits, _ . - (at most 64). */
  readonly code: string;
  readonly kind: TemplateKind;
  readonly language: TemplateLanguage;
  /** What people see in lists (optional). */
  readonly name?: string | undefined;
  /**
   * One line of plain text with inline hashtags: required for e-mails and internal
   * notifications, optional for letters (the subject line), refused for call scripts and SMS.
   */
  readonly subject?: string | undefined;
  /** Markdown with `#Hashtags`. */
  readonly body: string;
}

/** Kinds that must have a subject, and kinds that cannot have one. */
export const SUBJECT_REQUIRED: readonly TemplateKind[] = ['email', 'internal'];
export const SUBJECT_REFUSED: readonly TemplateKind[] = ['call_script', 'sms'];

/** The template kind each scenario action needs (actions without a document are absent). */
export const TEMPLATE_KIND_FOR_ACTION: Readonly<Partial<Record<ActionKind, TemplateKind>>> = {
  email: 'email',
  letter: 'letter',
  call_task: 'call_script',
  sms: 'sms',
  notify_internal: 'internal',
  handover: 'internal',
};

export const TEMPLATE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** The part of a locale before the region, lower-case: 'fr-BE' → 'fr'. */
export function languageOf(locale: string): string {
  return (locale.split(/[-_]/)[0] ?? '').toLowerCase();
}

export function isTemplateLanguage(value: string): value is TemplateLanguage {
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(value);
}
