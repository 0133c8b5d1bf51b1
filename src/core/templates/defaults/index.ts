import type { Template } from '../types.ts';
import { DE_CUSTOMER } from './de-customer.ts';
import { DE_INTERNAL } from './de-internal.ts';
import { EN_CUSTOMER } from './en-customer.ts';
import { EN_INTERNAL } from './en-internal.ts';
import { ES_CUSTOMER } from './es-customer.ts';
import { ES_INTERNAL } from './es-internal.ts';
import { FR_CUSTOMER } from './fr-customer.ts';
import { FR_INTERNAL } from './fr-internal.ts';
import { inLanguage } from './make.ts';

/**
 * The template set every company starts with: every template the standard scenarios name,
 * plus the hand-over notice, the promise-to-pay confirmation and an SMS, in English,
 * French, German and Spanish. One module per language and audience (customer / internal).
 */
export const DEFAULT_TEMPLATES: readonly Template[] = [
  ...inLanguage('en', [...EN_CUSTOMER, ...EN_INTERNAL]),
  ...inLanguage('fr', [...FR_CUSTOMER, ...FR_INTERNAL]),
  ...inLanguage('de', [...DE_CUSTOMER, ...DE_INTERNAL]),
  ...inLanguage('es', [...ES_CUSTOMER, ...ES_INTERNAL]),
];

/** Templates of the default set that no standard scenario names: the shell uses them directly. */
export const EXTRA_TEMPLATE_CODES = {
  /** A letter telling the customer the claim goes to collection (with the hand-over step). */
  handoverNotice: 'handover_notice_letter',
  /** The written confirmation of a promise to pay taken on the phone. */
  promiseConfirmation: 'promise_confirmation_email',
  /** A short SMS reminder, for scenarios that add an sms action. */
  reminderSms: 'reminder_sms',
} as const;

/** Data beyond the basics that a default template needs, for the shell to load. */
export type TemplateNeed =
  | 'contact'
  | 'salesOwner'
  | 'penalties'
  | 'paymentDeadline'
  | 'objectionDeadline'
  | 'promise'
  | 'companyAddress';

/**
 * What each default template reads beyond the basics every context has (company name and
 * language, customer code and name, collector name and e-mail, items, today, step): a test
 * checks that each is enough and each is needed.
 */
export const DEFAULT_TEMPLATE_NEEDS: Readonly<Record<string, readonly TemplateNeed[]>> = {
  pre_dunning_email: [],
  reminder_email: [],
  reminder_sms: [],
  level1_email: ['paymentDeadline'],
  level1_call: ['contact', 'paymentDeadline'],
  level2_letter: ['paymentDeadline'],
  level2_call: ['contact', 'paymentDeadline'],
  level2_notify_sales: ['salesOwner', 'objectionDeadline'],
  key_account_notify_sales: ['salesOwner'],
  key_account_letter: ['paymentDeadline'],
  formal_notice_letter: ['penalties', 'paymentDeadline', 'companyAddress'],
  formal_notice_notify: ['penalties', 'paymentDeadline'],
  handover_task: [],
  handover_notice_letter: ['penalties'],
  promise_confirmation_email: ['promise'],
};
