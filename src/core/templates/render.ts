import { AppError, type Problem } from '../errors.ts';
import { hashtagProblems, partField, type TemplatePart } from './check-hashtags.ts';
import { chooseTemplate, type TemplateChoice } from './choose-template.ts';
import type { RenderContext } from './context.ts';
import { markdownText, plainText, safeUrl } from './escape.ts';
import { formattingLocale } from './format.ts';
import type { HashtagValue, ValueEnv } from './hashtag-types.ts';
import { findHashtag } from './hashtags.ts';
import { LABELS } from './labels.ts';
import { scanTemplate, type TagPart } from './scan.ts';
import { languageOf, type Template, type TemplateKind, type TemplateLanguage } from './types.ts';

export interface RenderedTemplate {
  readonly code: string;
  readonly kind: TemplateKind;
  /** The language of the version used. */
  readonly language: TemplateLanguage;
  /** The locale amounts and dates were formatted in. */
  readonly locale: string;
  /** Plain text, one line (e-mails, internal notifications, letters that have one). */
  readonly subject?: string | undefined;
  /** The body in Markdown (GFM tables), every value from data escaped. */
  readonly markdown: string;
  /** SMS only: the body as plain text (values unescaped, `\#` as '#'), ready to send. */
  readonly text?: string | undefined;
  /** Hashtag names (without '#') in order of first use, subject first. */
  readonly usedHashtags: readonly string[];
  /** Set when the customer's language had no version: the language used instead. */
  readonly fallbackLanguage?: TemplateLanguage | undefined;
  /** Says so in one sentence, for the timeline. */
  readonly fallbackNote?: string | undefined;
}

/**
 * Expands a template for one customer. `template` is one version, or every language version
 * of the code (then the customer's language is chosen, else the company's, else English).
 * `locale` is the customer's ('fr-BE'): amounts and dates are formatted in it when the
 * template is in its language, else in the template's language with the same region.
 * Throws `AppError('INVALID_INPUT')` naming every hashtag that is unknown or misplaced, or
 * whose data is missing: a document is never produced with a hole in it.
 */
export function renderTemplate(
  template: Template | readonly Template[],
  context: RenderContext,
  locale: string,
): RenderedTemplate {
  const choice: TemplateChoice = isList(template)
    ? chooseTemplate(template, locale, context.company.language)
    : single(template, locale);
  const chosen = choice.template;
  const { code, kind, language } = chosen;
  const label = `${code} (${language})`;

  const invalid = [
    ...(chosen.subject !== undefined ? hashtagProblems(kind, 'subject', chosen.subject) : []),
    ...hashtagProblems(kind, 'body', chosen.body),
  ];
  if (invalid.length > 0) throw failure(`template ${label} is invalid`, invalid);

  const env: ValueEnv = {
    ctx: context,
    locale: formattingLocale(language, locale),
    labels: LABELS[language],
  };
  const expander = new Expander(env);
  const subject = chosen.subject === undefined ? undefined : expander.subject(chosen.subject);
  const markdown = expander.body(chosen.body);
  if (expander.problems.length > 0)
    throw failure(
      `cannot render ${label} for customer ${context.customer.code}`,
      expander.problems,
    );
  const text = kind === 'sms' ? expander.plain(chosen.body) : undefined;
  return {
    code,
    kind,
    language,
    locale: env.locale,
    ...(subject !== undefined ? { subject } : {}),
    markdown,
    ...(text !== undefined ? { text } : {}),
    usedHashtags: [...expander.used],
    ...(choice.fallbackLanguage !== undefined
      ? { fallbackLanguage: choice.fallbackLanguage, fallbackNote: choice.fallbackNote }
      : {}),
  };
}

function isList(template: Template | readonly Template[]): template is readonly Template[] {
  return Array.isArray(template);
}

function single(template: Template, locale: string): TemplateChoice {
  const requested = languageOf(locale);
  if (requested === template.language) return { template };
  return {
    template,
    fallbackLanguage: template.language,
    fallbackNote: `${template.code} rendered in ${template.language}: no ${requested} version was given`,
  };
}

function failure(what: string, problems: readonly Problem[]): AppError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new AppError('INVALID_INPUT', `${what}: ${count}`, problems);
}

/** The output ends at the start of a line, a list item or a quote: where blocks can open. */
const LINE_START = /^[ \t]*(?:(?:[-+*]|\d{1,9}[.)]|>)[ \t]+)*$/;
const atLineStart = (out: string) => LINE_START.test(out.slice(out.lastIndexOf('\n') + 1));

/** Expands the hashtags of one document, each evaluated once, and collects what is missing. */
class Expander {
  readonly used = new Set<string>();
  readonly problems: Problem[] = [];
  private readonly values = new Map<string, HashtagValue>();

  constructor(private readonly env: ValueEnv) {}

  private value(tag: TagPart, part: TemplatePart): HashtagValue | undefined {
    this.used.add(tag.name);
    let value = this.values.get(tag.name);
    if (value === undefined) {
      const hashtag = findHashtag(tag.name);
      if (hashtag === undefined) return undefined; // refused by hashtagProblems already
      value = hashtag.value(this.env);
      if ('url' in value && safeUrl(value.url) === undefined)
        value = { missing: `http or https address for it (got ${JSON.stringify(value.url)})` };
      this.values.set(tag.name, value);
    }
    if ('missing' in value) {
      this.problems.push({
        field: partField('', part, tag.line),
        value: `#${tag.name}`,
        expected: `a value, but the data has no ${value.missing}`,
      });
      return undefined;
    }
    return value;
  }

  /** One line of plain text: values as they are (controls removed), `\#` becomes '#'. */
  subject(text: string): string {
    return plainText(this.plainParts(text, 'subject'));
  }

  /** A body as plain text (SMS): the same, line breaks kept. */
  plain(text: string): string {
    return `${this.plainParts(text, 'body').trimEnd()}\n`;
  }

  private plainParts(text: string, part: TemplatePart): string {
    let out = '';
    for (const piece of scanTemplate(text)) {
      if (piece.type === 'text') {
        out += piece.text.replace(/\\#/g, '#');
        continue;
      }
      const value = this.value(piece, part);
      if (value === undefined) continue;
      if ('text' in value) out += plainText(value.text);
      else if ('url' in value) out += safeUrl(value.url) ?? '';
    }
    return out;
  }

  /** Markdown: text values escaped, links as autolinks or destinations, blocks on their own. */
  body(text: string): string {
    let out = '';
    let afterBlock = false;
    for (const part of scanTemplate(text)) {
      if (part.type === 'text') {
        let chunk = part.text;
        if (afterBlock) {
          chunk = chunk.replace(/^[ \t]+/, '');
          if (/^\n[^\n]/.test(chunk)) chunk = `\n${chunk}`;
          afterBlock = false;
        }
        out += chunk;
        continue;
      }
      const value = this.value(part, 'body');
      if (value === undefined) continue;
      if ('markdown' in value) {
        out = out.replace(/[ \t]+$/, '');
        if (out !== '' && !out.endsWith('\n\n')) out += out.endsWith('\n') ? '\n' : '\n\n';
        out += value.markdown;
        afterBlock = true;
      } else if ('url' in value) {
        const url = safeUrl(value.url) ?? '';
        out += part.inLinkDestination ? url : `<${url}>`;
      } else if ('text' in value) out += markdownText(value.text, atLineStart(out));
    }
    return `${out.trimEnd()}\n`;
  }
}
