import type { WindowSpec } from '../../core/documents/windows.ts';

export interface LetterCompany {
  readonly name: string;
  readonly addressLines: readonly string[];
  /** Town the letter is written from: "Paris, 12 March 2026". */
  readonly place: string;
  /** A PNG or JPEG file drawn at the top right of the first page. */
  readonly logoPath?: string;
  /** Small print at the bottom of every page (registration numbers, bank details). */
  readonly footerLines?: readonly string[];
}

export interface LetterRecipient {
  readonly name: string;
  readonly addressLines: readonly string[];
}

export interface LetterSignature {
  /** The line before the signature ("Yours faithfully,"), when the body does not end with one. */
  readonly closing?: string;
  readonly name: string;
  readonly title?: string;
  /** A PNG or JPEG of the signature. */
  readonly imagePath?: string;
}

export type LetterLanguage = 'en' | 'fr' | 'de' | 'es';

export interface LetterLabels {
  /** Before the reference, with its punctuation: "Our reference:". */
  readonly reference: string;
  /** Title of the list of registered letters. */
  readonly registeredList: string;
  readonly listNumber: string;
  readonly listRecipient: string;
  readonly listAddress: string;
  readonly listReference: string;
  readonly listWeight: string;
  readonly listTracking: string;
  readonly listPages: string;
}

export interface LetterInput {
  readonly company: LetterCompany;
  readonly recipient: LetterRecipient;
  readonly reference: string;
  /** Already formatted for the letter's language ("12 March 2026", "12 mars 2026"). */
  readonly date: string;
  readonly subject: string;
  /** The body in Markdown (paragraphs, emphasis, lists, headings, GFM tables). */
  readonly markdown: string;
  readonly window: WindowSpec;
  readonly language?: LetterLanguage;
  readonly labels?: Partial<LetterLabels>;
  /** A line in bold above the subject ("Registered letter with acknowledgement of receipt"). */
  readonly notice?: string;
  readonly signature?: LetterSignature;
  /** The return address over the recipient; by default the company name and address on one line. */
  readonly senderLine?: string;
}

export const LABELS: Record<LetterLanguage, LetterLabels> = {
  en: {
    reference: 'Our reference:',
    registeredList: 'Registered letters',
    listNumber: 'No.',
    listRecipient: 'Recipient',
    listAddress: 'Address',
    listReference: 'Reference',
    listWeight: 'Weight',
    listTracking: 'Tracking number',
    listPages: 'Pages',
  },
  fr: {
    reference: 'Notre référence\u00a0:',
    registeredList: 'Lettres recommandées',
    listNumber: 'N°',
    listRecipient: 'Destinataire',
    listAddress: 'Adresse',
    listReference: 'Référence',
    listWeight: 'Poids',
    listTracking: 'N° de suivi',
    listPages: 'Pages',
  },
  de: {
    reference: 'Unser Zeichen:',
    registeredList: 'Einschreiben',
    listNumber: 'Nr.',
    listRecipient: 'Empfänger',
    listAddress: 'Anschrift',
    listReference: 'Zeichen',
    listWeight: 'Gewicht',
    listTracking: 'Sendungsnummer',
    listPages: 'Seiten',
  },
  es: {
    reference: 'Nuestra referencia:',
    registeredList: 'Cartas certificadas',
    listNumber: 'N.º',
    listRecipient: 'Destinatario',
    listAddress: 'Dirección',
    listReference: 'Referencia',
    listWeight: 'Peso',
    listTracking: 'N.º de seguimiento',
    listPages: 'Páginas',
  },
};

export function labelsFor(
  language: LetterLanguage | undefined,
  overrides: Partial<LetterLabels> = {},
): LetterLabels {
  return { ...LABELS[language ?? 'en'], ...overrides };
}
