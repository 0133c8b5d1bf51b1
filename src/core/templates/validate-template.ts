import { AppError, type Problem } from '../errors.ts';
import { Problems, fields, knownKeys, oneOf } from '../scenario/scenario-fields.ts';
import { hashtagProblems } from './check-hashtags.ts';
import {
  SUBJECT_REFUSED,
  SUBJECT_REQUIRED,
  TEMPLATE_CODE_PATTERN,
  TEMPLATE_KINDS,
  TEMPLATE_LANGUAGES,
  isTemplateLanguage,
  languageOf,
  type Template,
} from './types.ts';

const TEMPLATE_FIELDS = ['code', 'kind', 'language', 'name', 'subject', 'body'] as const;
export const MAX_BODY = 100_000;
export const MAX_SUBJECT = 300;

/**
 * Checks a template when it is saved or imported (parsed from JSON, YAML or a form): its
 * fields and every hashtag of its subject and body. Returns the template (trimmed subject,
 * '\n' line endings) or throws `AppError('INVALID_INPUT')` listing every problem at once.
 */
export function validateTemplate(input: unknown): Template {
  const p = new Problems();
  const template = readTemplate(p, '', input);
  if (template === undefined || p.size > 0) throw invalid(describe(input), p.items);
  return template;
}

/**
 * Checks a list of templates (an import file): each one as `validateTemplate` does, one
 * template per code and language, and every language of a code of the same kind.
 */
export function validateTemplates(input: unknown): Template[] {
  const p = new Problems();
  if (!Array.isArray(input)) {
    p.add('templates', input, 'a list of templates');
    throw invalid('templates', p.items);
  }
  const read = input.map((item: unknown, i) => readTemplate(p, `templates[${i}].`, item));
  const firstOf = new Map<string, number>();
  const kindOf = new Map<string, number>();
  read.forEach((t, i) => {
    if (t === undefined) return;
    const key = `${t.code}|${t.language}`;
    const first = firstOf.get(key);
    if (first !== undefined) {
      p.add(
        `templates[${i}].language`,
        t.language,
        `one template per code and language (templates[${first}] is ${t.code} in ${t.language} too)`,
      );
    } else firstOf.set(key, i);
    const same = kindOf.get(t.code);
    const model = same === undefined ? undefined : read[same];
    if (model === undefined) kindOf.set(t.code, i);
    else if (model.kind !== t.kind) {
      p.add(
        `templates[${i}].kind`,
        t.kind,
        `${model.kind} like templates[${same}] ${t.code} (${model.language}): every language of a template is the same kind`,
      );
    }
  });
  if (p.size > 0) {
    const count = p.size === 1 ? '1 problem' : `${p.size} problems`;
    throw new AppError('INVALID_INPUT', `invalid templates: ${count}`, p.items);
  }
  return read as Template[];
}

function describe(input: unknown): string {
  const { code, language } = (input ?? {}) as { code?: unknown; language?: unknown };
  if (typeof code !== 'string') return 'template';
  return typeof language === 'string' ? `template ${code} (${language})` : `template ${code}`;
}

function invalid(what: string, problems: readonly Problem[]): AppError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new AppError('INVALID_INPUT', `invalid ${what}: ${count}`, problems);
}

function readTemplate(p: Problems, prefix: string, value: unknown): Template | undefined {
  const path = prefix.replace(/\.$/, '');
  const input = fields(p, path === '' ? 'template' : path, value, 'a template');
  if (!input) return undefined;
  const before = p.size;
  knownKeys(p, path, input, TEMPLATE_FIELDS);

  let code: string | undefined;
  if (typeof input.code === 'string' && TEMPLATE_CODE_PATTERN.test(input.code)) code = input.code;
  else
    p.add(
      `${prefix}code`,
      input.code,
      'a template code: letters, digits, _ . - (at most 64, starting with a letter or digit)',
    );

  const kind = oneOf(p, `${prefix}kind`, input.kind, TEMPLATE_KINDS);

  let language: Template['language'] | undefined;
  if (typeof input.language === 'string' && isTemplateLanguage(input.language))
    language = input.language;
  else {
    const near = typeof input.language === 'string' ? languageOf(input.language) : '';
    const hint = isTemplateLanguage(near) ? ` (did you mean "${near}"?)` : '';
    p.add(`${prefix}language`, input.language, `one of ${TEMPLATE_LANGUAGES.join(', ')}${hint}`);
  }

  let name: string | undefined;
  if (input.name !== undefined) {
    if (typeof input.name === 'string' && input.name.trim() !== '' && input.name.length <= 200)
      name = input.name.trim();
    else p.add(`${prefix}name`, input.name, 'a template name (text of 1 to 200 characters)');
  }

  const subject = readSubject(p, prefix, input.subject, kind);

  let body: string | undefined;
  if (typeof input.body === 'string' && input.body.trim() !== '' && input.body.length <= MAX_BODY)
    body = input.body.replace(/\r\n?/g, '\n');
  else
    p.add(
      `${prefix}body`,
      typeof input.body === 'string' && input.body.length > MAX_BODY
        ? `${input.body.length} characters`
        : input.body,
      `the text of the template, in Markdown (1 to ${MAX_BODY} characters)`,
    );

  // With an unknown kind, hashtags are still checked, by the rules every kind shares.
  const rules = kind ?? 'letter';
  if (subject !== undefined) p.items.push(...hashtagProblems(rules, 'subject', subject, prefix));
  if (body !== undefined) p.items.push(...hashtagProblems(rules, 'body', body, prefix));

  if (p.size > before || code === undefined || kind === undefined || language === undefined)
    return undefined;
  return {
    code,
    kind,
    language,
    ...(name !== undefined ? { name } : {}),
    ...(subject !== undefined ? { subject } : {}),
    body: body!,
  };
}

function readSubject(
  p: Problems,
  prefix: string,
  value: unknown,
  kind: Template['kind'] | undefined,
): string | undefined {
  const field = `${prefix}subject`;
  if (kind !== undefined && SUBJECT_REFUSED.includes(kind)) {
    if (value !== undefined) p.add(field, value, `no subject: ${kind} templates have none`);
    return undefined;
  }
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
    if (kind !== undefined && SUBJECT_REQUIRED.includes(kind)) {
      const what = kind === 'email' ? 'an e-mail needs one' : 'an internal notification needs one';
      p.add(
        field,
        value,
        `a subject (one line of text, at most ${MAX_SUBJECT} characters): ${what}`,
      );
    }
    return undefined;
  }
  if (typeof value !== 'string' || /[\r\n]/.test(value) || value.trim().length > MAX_SUBJECT) {
    p.add(field, value, `a subject on one line of text, at most ${MAX_SUBJECT} characters`);
    return undefined;
  }
  return value.trim();
}
