import type { StepKind } from '../scenario/types.ts';
import type { TemplateLanguage } from './types.ts';

/** The words hashtags write themselves (table headers, totals, greetings), per language. */
export interface Labels {
  readonly document: string;
  readonly issued: string;
  readonly due: string;
  readonly amount: string;
  readonly open: string;
  readonly daysLate: string;
  readonly status: string;
  readonly reason: string;
  readonly reference: string;
  readonly creditNote: string;
  readonly payment: string;
  readonly totalOverdue: string;
  readonly totalNotDue: string;
  readonly totalDisputed: string;
  readonly balance: string;
  readonly noItems: string;
  readonly noDocuments: string;
  readonly disputed: string;
  readonly notDue: string;
  readonly late: (days: string) => string;
  readonly claim: string;
  readonly principal: string;
  readonly interest: string;
  /** "12.15 % a year from 1 March 2026 to 31 March 2026". */
  readonly ratePeriod: (rate: string, from: string, to: string) => string;
  readonly compensation: (count: string, each: string | undefined) => string;
  readonly lateFee: string;
  readonly totalClaimed: string;
  /** Formal greeting when no salutation is known for the contact. */
  readonly salutation: string;
  readonly steps: Readonly<Record<StepKind, string>>;
}

const en: Labels = {
  document: 'Document',
  issued: 'Issued',
  due: 'Due',
  amount: 'Amount',
  open: 'Open',
  daysLate: 'Days late',
  status: 'Status',
  reason: 'Reason',
  reference: 'Your reference',
  creditNote: 'credit note',
  payment: 'payment',
  totalOverdue: 'Total overdue',
  totalNotDue: 'Total not yet due',
  totalDisputed: 'Total disputed',
  balance: 'Balance',
  noItems: 'No items.',
  noDocuments: 'No documents online.',
  disputed: 'disputed',
  notDue: 'not yet due',
  late: (days) => `${days} days late`,
  claim: 'Claim',
  principal: 'Principal overdue',
  interest: 'Late-payment interest',
  ratePeriod: (rate, from, to) => `${rate} a year from ${from} to ${to}`,
  compensation: (count, each) =>
    each === undefined
      ? `Fixed recovery compensation (${count} invoices)`
      : `Fixed recovery compensation (${count} × ${each})`,
  lateFee: 'Contractual late fee',
  totalClaimed: 'Total claimed',
  salutation: 'Dear Sir or Madam,',
  steps: {
    pre_dunning: 'Statement',
    reminder: 'Reminder',
    level_1: 'Second reminder',
    level_2: 'Final reminder',
    formal_notice: 'Formal notice',
    handover: 'Hand-over',
  },
};

const fr: Labels = {
  document: 'Pièce',
  issued: 'Date',
  due: 'Échéance',
  amount: 'Montant',
  open: 'Reste dû',
  daysLate: 'Jours de retard',
  status: 'État',
  reason: 'Motif',
  reference: 'Votre référence',
  creditNote: 'avoir',
  payment: 'règlement',
  totalOverdue: 'Total échu',
  totalNotDue: 'Total non échu',
  totalDisputed: 'Total en litige',
  balance: 'Solde',
  noItems: 'Aucune pièce.',
  noDocuments: 'Aucun document en ligne.',
  disputed: 'en litige',
  notDue: 'non échu',
  late: (days) => `${days} jours de retard`,
  claim: 'Créance',
  principal: 'Principal échu',
  interest: 'Intérêts de retard',
  ratePeriod: (rate, from, to) => `${rate} l’an du ${from} au ${to}`,
  compensation: (count, each) =>
    each === undefined
      ? `Indemnité forfaitaire pour frais de recouvrement (${count} factures)`
      : `Indemnité forfaitaire pour frais de recouvrement (${count} × ${each})`,
  lateFee: 'Frais de retard contractuels',
  totalClaimed: 'Total réclamé',
  salutation: 'Madame, Monsieur,',
  steps: {
    pre_dunning: 'Relevé de compte',
    reminder: 'Rappel',
    level_1: 'Deuxième relance',
    level_2: 'Dernière relance',
    formal_notice: 'Mise en demeure',
    handover: 'Transmission au contentieux',
  },
};

const de: Labels = {
  document: 'Beleg',
  issued: 'Datum',
  due: 'Fällig',
  amount: 'Betrag',
  open: 'Offen',
  daysLate: 'Tage überfällig',
  status: 'Status',
  reason: 'Grund',
  reference: 'Ihre Referenz',
  creditNote: 'Gutschrift',
  payment: 'Zahlung',
  totalOverdue: 'Summe überfällig',
  totalNotDue: 'Summe noch nicht fällig',
  totalDisputed: 'Summe beanstandet',
  balance: 'Saldo',
  noItems: 'Keine Posten.',
  noDocuments: 'Keine Dokumente online.',
  disputed: 'beanstandet',
  notDue: 'noch nicht fällig',
  late: (days) => `${days} Tage überfällig`,
  claim: 'Forderung',
  principal: 'Überfällige Hauptforderung',
  interest: 'Verzugszinsen',
  ratePeriod: (rate, from, to) => `${rate} p. a. vom ${from} bis ${to}`,
  compensation: (count, each) =>
    each === undefined
      ? `Verzugspauschale (${count} Rechnungen)`
      : `Verzugspauschale (${count} × ${each})`,
  lateFee: 'Vertragliche Verspätungsgebühr',
  totalClaimed: 'Gesamtforderung',
  salutation: 'Sehr geehrte Damen und Herren,',
  steps: {
    pre_dunning: 'Kontoauszug',
    reminder: 'Zahlungserinnerung',
    level_1: '1. Mahnung',
    level_2: '2. Mahnung',
    formal_notice: 'Letzte Mahnung',
    handover: 'Übergabe an das Inkasso',
  },
};

const es: Labels = {
  document: 'Documento',
  issued: 'Emisión',
  due: 'Vencimiento',
  amount: 'Importe',
  open: 'Pendiente',
  daysLate: 'Días de retraso',
  status: 'Estado',
  reason: 'Motivo',
  reference: 'Su referencia',
  creditNote: 'abono',
  payment: 'pago',
  totalOverdue: 'Total vencido',
  totalNotDue: 'Total no vencido',
  totalDisputed: 'Total en reclamación',
  balance: 'Saldo',
  noItems: 'Ningún documento.',
  noDocuments: 'Ningún documento en línea.',
  disputed: 'en reclamación',
  notDue: 'no vencido',
  late: (days) => `${days} días de retraso`,
  claim: 'Concepto',
  principal: 'Principal vencido',
  interest: 'Intereses de demora',
  ratePeriod: (rate, from, to) => `${rate} anual del ${from} al ${to}`,
  compensation: (count, each) =>
    each === undefined
      ? `Indemnización por costes de cobro (${count} facturas)`
      : `Indemnización por costes de cobro (${count} × ${each})`,
  lateFee: 'Recargo contractual por demora',
  totalClaimed: 'Total reclamado',
  salutation: 'Estimados señores:',
  steps: {
    pre_dunning: 'Extracto de cuenta',
    reminder: 'Recordatorio',
    level_1: 'Segundo recordatorio',
    level_2: 'Último recordatorio',
    formal_notice: 'Requerimiento de pago',
    handover: 'Traspaso a recobro',
  },
};

export const LABELS: Readonly<Record<TemplateLanguage, Labels>> = { en, fr, de, es };
