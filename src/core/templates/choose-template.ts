import { AppError } from '../errors.ts';
import { BASE_LANGUAGE, languageOf, type Template, type TemplateLanguage } from './types.ts';

/** The version of a template to use for a customer, and whether it is a fallback. */
export interface TemplateChoice {
  readonly template: Template;
  /** Set when the customer's language has no version: the language used instead. */
  readonly fallbackLanguage?: TemplateLanguage | undefined;
  /** One sentence for the customer's timeline saying what happened. */
  readonly fallbackNote?: string | undefined;
}

/**
 * Picks among the language versions of one template: the customer's language (from their
 * locale), else the company's language, else English. Throws NOT_FOUND when none exists.
 */
export function chooseTemplate(
  versions: readonly Template[],
  locale: string,
  companyLanguage: string,
): TemplateChoice {
  const requested = languageOf(locale);
  const company = languageOf(companyLanguage);
  const code = versions[0]?.code ?? '(none)';
  const find = (language: string) => versions.find((t) => t.language === language);
  const own = find(requested);
  if (own !== undefined) return { template: own };
  const tries: [string, string][] = [
    [company, 'the company language'],
    [BASE_LANGUAGE, 'the last fallback'],
  ];
  for (const [language, why] of tries) {
    const template = find(language);
    if (template !== undefined)
      return {
        template,
        fallbackLanguage: template.language,
        fallbackNote: `${code} has no ${requested} version: written in ${template.language} (${why})`,
      };
  }
  throw new AppError(
    'NOT_FOUND',
    `template ${code} has no version in ${requested}, ${company} (the company language) or ${BASE_LANGUAGE}`,
  );
}

/** Finds a template by code in a library and chooses its version as `chooseTemplate` does. */
export function findTemplate(
  library: readonly Template[],
  code: string,
  locale: string,
  companyLanguage: string,
): TemplateChoice {
  const versions = library.filter((t) => t.code === code);
  if (versions.length === 0)
    throw new AppError('NOT_FOUND', `no template ${code} in the template library`);
  return chooseTemplate(versions, locale, companyLanguage);
}
