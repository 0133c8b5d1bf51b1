import { AppError } from '../core/errors.ts';
import { letterWindowOf } from '../core/company/profile.ts';
import { formatDate } from '../core/templates/format.ts';
import { renderTemplate, type RenderedTemplate } from '../core/templates/render.ts';
import { languageOf, type Template } from '../core/templates/types.ts';
import type { DocumentKind } from '../store/schema.ts';
import type { CompanyRow, CustomerRow, DocumentContext } from './build-context.ts';
import { renderEmail } from './email/render-email.ts';
import type { FontSet } from './pdf/fonts.ts';
import type { LetterCompany, LetterInput } from './pdf/letter-types.ts';
import { renderLetter } from './pdf/render-letter.ts';
import { companyLines, postalLines } from './parties.ts';

/**
 * One document rendered from a template's language versions and its context: an e-mail
 * (HTML + text), a PDF letter or statement for a window envelope, a call script or an
 * internal note (Markdown), an SMS (text). Pure of the database: the shell stores it.
 */

export interface RenderRequest {
  readonly kind: DocumentKind;
  /** The language versions of the template (the customer's language is chosen among them). */
  readonly versions: readonly (Template & { readonly version: number })[];
  readonly doc: DocumentContext;
  readonly company: CompanyRow;
  readonly customer: CustomerRow;
  /** "Our reference" on letters. */
  readonly reference: string;
  readonly fonts?: FontSet | undefined;
}

export interface RenderedDocument {
  readonly kind: DocumentKind;
  readonly mediaType: string;
  readonly content?: Buffer | undefined;
  readonly contentText?: string | undefined;
  readonly plainText?: string | undefined;
  readonly subject?: string | undefined;
  readonly template: { readonly code: string; readonly language: string; readonly version: number };
  readonly fallbackNote?: string | undefined;
  readonly markdown: string;
  /** Letters and statements: the letter as laid out (for print batches). */
  readonly letter?: LetterInput | undefined;
  readonly pageCount?: number | undefined;
}

export async function renderDocument(request: RenderRequest): Promise<RenderedDocument> {
  const { kind, versions, doc } = request;
  const rendered = renderTemplate(versions, doc.context, doc.locale);
  const version = versions.find((v) => v.language === rendered.language)?.version ?? 0;
  const base = {
    kind,
    template: { code: rendered.code, language: rendered.language, version },
    ...(rendered.fallbackNote !== undefined ? { fallbackNote: rendered.fallbackNote } : {}),
    markdown: rendered.markdown,
    ...(rendered.subject !== undefined ? { subject: rendered.subject } : {}),
  };
  switch (kind) {
    case 'email': {
      const email = renderEmail({
        subject: rendered.subject ?? '',
        markdown: rendered.markdown,
        lang: rendered.locale,
      });
      return {
        ...base,
        subject: email.subject,
        mediaType: 'text/html',
        contentText: email.html,
        plainText: email.text,
      };
    }
    case 'letter':
    case 'statement': {
      const letter = letterInput(request, rendered);
      const { pdf, pageCount } = await renderLetter(
        letter,
        request.fonts ? { fonts: request.fonts } : {},
      );
      return { ...base, mediaType: 'application/pdf', content: pdf, letter, pageCount };
    }
    case 'sms':
      return { ...base, mediaType: 'text/plain', contentText: rendered.text ?? rendered.markdown };
    case 'call_script':
    case 'internal':
      return { ...base, mediaType: 'text/markdown', contentText: rendered.markdown };
  }
}

/** The letter around a rendered template: letterhead, window, reference, date, body. */
export function letterInput(request: RenderRequest, rendered: RenderedTemplate): LetterInput {
  const { company, customer, doc } = request;
  let lines = doc.postalLines;
  if (lines.length === 0) {
    if (request.kind === 'letter') throw noPostalAddress(customer.code);
    // A statement attached to an e-mail is never posted: it names the account instead.
    lines = [doc.context.contact?.email ?? customer.email ?? customer.code];
  }
  const language = languageOf(rendered.language);
  return {
    company: letterCompany(company),
    recipient: { name: customer.name, addressLines: [...lines] },
    reference: request.reference,
    date: formatDate(doc.context.today, rendered.locale, 'long'),
    subject: rendered.subject ?? '',
    markdown: rendered.markdown,
    window: letterWindowOf({ letterWindow: company.letter_window }, company.country),
    ...(language === 'en' || language === 'fr' || language === 'de' || language === 'es'
      ? { language }
      : {}),
  };
}

/**
 * A letter needs somewhere to go: checked before anything is loaded or computed, so the
 * refusal is this clear message (the planner says NO_CONTACT for the same reason).
 */
export function requirePostalAddress(customer: CustomerRow, company: CompanyRow): void {
  if (postalLines(customer, company.country, 'en').length === 0)
    throw noPostalAddress(customer.code);
}

function noPostalAddress(code: string): AppError {
  return new AppError(
    'INVALID_INPUT',
    `customer ${code} has no postal address: the letter is not produced`,
    [
      {
        field: 'customer.address',
        value: '',
        expected:
          'a postal address (address_line1, postal_code, city) in the customer import; until then the plan says NO_CONTACT',
      },
    ],
  );
}

/** How a VAT number is introduced, in the company's language. */
const VAT: Readonly<Record<string, string>> = {
  en: 'VAT',
  fr: 'TVA',
  de: 'USt-IdNr.',
  es: 'NIF-IVA',
};

/** The letterhead and footer of the company's letters. */
export function letterCompany(company: CompanyRow): LetterCompany {
  const language = languageOf(company.locale) || 'en';
  const join = (...parts: (string | null | false)[]) => parts.filter(Boolean).join(' · ');
  const footer = [
    join(
      company.name,
      company.registration,
      company.vat_number && `${VAT[language] ?? VAT.en} ${company.vat_number}`,
    ),
    join(company.iban && `IBAN ${company.iban}`, company.bic && `BIC ${company.bic}`),
    join(company.phone, company.email, company.website),
  ].filter((l) => l !== '' && l !== company.name);
  return {
    name: company.name,
    addressLines: companyLines(company, language),
    place: company.city ?? '',
    ...(company.logo_path ? { logoPath: company.logo_path } : {}),
    ...(footer.length > 0 ? { footerLines: footer } : {}),
  };
}
