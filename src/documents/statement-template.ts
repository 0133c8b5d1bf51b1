import { frenchSpaces } from '../core/templates/defaults/make.ts';
import type { Template, TemplateLanguage } from '../core/templates/types.ts';

/**
 * The statement of account attached to firmer e-mails (level 2, formal notice): a PDF of the
 * whole account in the currency of the communication, with the penalties when they were
 * computed. Built in, in the four template languages; not a company template.
 */
export const STATEMENT_CODE = 'statement';

interface Words {
  readonly subject: string;
  readonly intro: string;
  readonly penalties: string;
}

const WORDS: Readonly<Record<TemplateLanguage, Words>> = {
  en: {
    subject: 'Statement of account #CustomerCode',
    intro: 'Statement of the account #CustomerCode of #CustomerName with #CompanyName on #Today.',
    penalties: 'Late-payment penalties on the overdue invoices, as of #Today:',
  },
  fr: {
    subject: 'Relevé de compte #CustomerCode',
    intro: 'Relevé du compte #CustomerCode de #CustomerName auprès de #CompanyName au #Today.',
    penalties: 'Pénalités de retard sur les factures échues, au #Today :',
  },
  de: {
    subject: 'Kontoauszug #CustomerCode',
    intro:
      'Kontoauszug des Kundenkontos #CustomerCode von #CustomerName bei #CompanyName zum #Today.',
    penalties: 'Verzugszinsen und Pauschale auf die überfälligen Rechnungen, Stand #Today:',
  },
  es: {
    subject: 'Extracto de cuenta #CustomerCode',
    intro:
      'Extracto de la cuenta #CustomerCode de #CustomerName con #CompanyName a fecha de #Today.',
    penalties: 'Intereses de demora e indemnización sobre las facturas vencidas, a #Today:',
  },
};

/** Every language version of the statement, with the penalties block or without. */
export function statementTemplates(withPenalties: boolean): Template[] {
  return (Object.keys(WORDS) as TemplateLanguage[]).map((language) => {
    const w = WORDS[language];
    const typeset = language === 'fr' ? frenchSpaces : (text: string) => text;
    const body = [
      w.intro,
      '#StatementTable',
      ...(withPenalties ? [w.penalties, '#Penalties'] : []),
    ];
    return {
      code: STATEMENT_CODE,
      kind: 'letter',
      language,
      subject: typeset(w.subject),
      body: typeset(`${body.join('\n\n')}\n`),
    };
  });
}
