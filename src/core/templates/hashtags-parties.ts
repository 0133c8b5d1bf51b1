import type { Hashtag } from './hashtag-types.ts';
import { textOr, urlOr } from './hashtag-types.ts';

/** Who is who: the customer, the person written to, the company, the people in charge. */

const lines = (value: readonly string[] | undefined) =>
  value
    ?.map((l) => l.trim())
    .filter((l) => l !== '')
    .join(', ');

export const PARTY_HASHTAGS: readonly Hashtag[] = [
  {
    name: 'CustomerName',
    group: 'customer',
    kind: 'inline',
    description: 'The customer’s legal name.',
    example: 'Bellweather Foods SA',
    value: ({ ctx }) => textOr(ctx.customer.name, 'customer name (customer.name)'),
  },
  {
    name: 'CustomerCode',
    group: 'customer',
    kind: 'inline',
    description: 'The customer’s account number with you: ask them to quote it with a payment.',
    example: 'BELL01',
    value: ({ ctx }) => textOr(ctx.customer.code, 'customer code (customer.code)'),
  },
  {
    name: 'CustomerAddress',
    group: 'customer',
    kind: 'inline',
    description: 'The customer’s postal address on one line, parts separated by commas.',
    example: 'Calle de Alcalá 120, 28009 Madrid, Spain',
    value: ({ ctx }) =>
      textOr(lines(ctx.customer.addressLines), 'customer postal address (customer.addressLines)'),
  },
  {
    name: 'CustomerVatNumber',
    group: 'customer',
    kind: 'inline',
    description: 'The customer’s VAT number.',
    example: 'ESA12345674',
    value: ({ ctx }) => textOr(ctx.customer.vatNumber, 'customer VAT number (customer.vatNumber)'),
  },
  {
    name: 'ContactName',
    group: 'contact',
    kind: 'inline',
    description: 'The name of the person the document is addressed to.',
    example: 'Maria Lopez',
    value: ({ ctx }) => textOr(ctx.contact?.name, 'contact addressed (contact.name)'),
  },
  {
    name: 'ContactEmail',
    group: 'contact',
    kind: 'inline',
    description: 'That person’s e-mail address.',
    example: 'ap@bellweather.example',
    value: ({ ctx }) =>
      textOr(ctx.contact?.email, 'e-mail address for the contact (contact.email)'),
  },
  {
    name: 'ContactPhone',
    group: 'contact',
    kind: 'inline',
    description: 'That person’s phone number (call scripts).',
    example: '+34 91 555 0142',
    value: ({ ctx }) => textOr(ctx.contact?.phone, 'phone number for the contact (contact.phone)'),
  },
  {
    name: 'Salutation',
    group: 'contact',
    kind: 'inline',
    description:
      'The greeting: the one recorded for the contact ("Dear Ms Lopez,") or else the formal greeting of the template’s language ("Dear Sir or Madam," · "Madame, Monsieur," · "Sehr geehrte Damen und Herren," · "Estimados señores:"). Never missing.',
    example: 'Dear Sir or Madam,',
    value: ({ ctx, labels }) => ({ text: ctx.contact?.salutation?.trim() || labels.salutation }),
  },
  {
    name: 'CompanyName',
    group: 'company',
    kind: 'inline',
    description: 'Your company’s name (the seller).',
    example: 'Lumen Tools Ltd',
    value: ({ ctx }) => textOr(ctx.company.name, 'company name (company.name)'),
  },
  {
    name: 'CompanyAddress',
    group: 'company',
    kind: 'inline',
    description: 'Your company’s postal address on one line.',
    example: '12 Wharf Road, London N1 7GR, United Kingdom',
    value: ({ ctx }) =>
      textOr(lines(ctx.company.addressLines), 'company postal address (company.addressLines)'),
  },
  {
    name: 'CompanyPhone',
    group: 'company',
    kind: 'inline',
    description: 'Your company’s phone number.',
    example: '+44 20 7946 0000',
    value: ({ ctx }) => textOr(ctx.company.phone, 'company phone number (company.phone)'),
  },
  {
    name: 'CompanyEmail',
    group: 'company',
    kind: 'inline',
    description: 'Your company’s e-mail address for payment questions.',
    example: 'credit@lumen-tools.example',
    value: ({ ctx }) => textOr(ctx.company.email, 'company e-mail address (company.email)'),
  },
  {
    name: 'CompanyWebsite',
    group: 'company',
    kind: 'inline',
    link: true,
    description: 'Your company’s website, as a link.',
    example: 'https://www.lumen-tools.example',
    value: ({ ctx }) => urlOr(ctx.company.website, 'company website (company.website)'),
  },
  {
    name: 'CompanyVatNumber',
    group: 'company',
    kind: 'inline',
    description: 'Your company’s VAT number.',
    example: 'GB123456789',
    value: ({ ctx }) => textOr(ctx.company.vatNumber, 'company VAT number (company.vatNumber)'),
  },
  {
    name: 'CompanyRegistration',
    group: 'company',
    kind: 'inline',
    description:
      'Your company’s registration (company number, SIREN, HRB…), as printed on letters.',
    example: 'Company no. 01234567',
    value: ({ ctx }) =>
      textOr(ctx.company.registration, 'company registration (company.registration)'),
  },
  {
    name: 'BankDetails',
    group: 'company',
    kind: 'inline',
    description: 'The account to pay into: IBAN, and BIC when known.',
    example: 'IBAN GB33 BUKB 2020 1555 5555 55, BIC BUKBGB22',
    value: ({ ctx }) => {
      const bank = ctx.company.bankAccount;
      if (bank === undefined || bank.iban.trim() === '')
        return { missing: 'bank account (company.bankAccount.iban)' };
      const bic = bank.bic?.trim();
      return { text: `IBAN ${bank.iban.trim()}${bic ? `, BIC ${bic}` : ''}` };
    },
  },
  {
    name: 'CollectorName',
    group: 'people',
    kind: 'inline',
    description: 'The collector in charge of the account: the person who signs.',
    example: 'Anna Whitfield',
    value: ({ ctx }) => textOr(ctx.collector.name, 'collector (collector.name)'),
  },
  {
    name: 'CollectorTitle',
    group: 'people',
    kind: 'inline',
    description: 'The collector’s job title.',
    example: 'Credit controller',
    value: ({ ctx }) =>
      textOr(ctx.collector.title, 'job title for the collector (collector.title)'),
  },
  {
    name: 'CollectorEmail',
    group: 'people',
    kind: 'inline',
    description: 'The collector’s e-mail address.',
    example: 'anna.whitfield@lumen-tools.example',
    value: ({ ctx }) =>
      textOr(ctx.collector.email, 'e-mail address for the collector (collector.email)'),
  },
  {
    name: 'CollectorPhone',
    group: 'people',
    kind: 'inline',
    description: 'The collector’s direct phone number.',
    example: '+44 20 7946 0321',
    value: ({ ctx }) =>
      textOr(ctx.collector.phone, 'phone number for the collector (collector.phone)'),
  },
  {
    name: 'SalesOwnerName',
    group: 'people',
    kind: 'inline',
    description: 'The salesperson who owns the customer relationship.',
    example: 'Tom Becker',
    value: ({ ctx }) =>
      textOr(ctx.salesOwner?.name, 'sales owner for the customer (salesOwner.name)'),
  },
  {
    name: 'SalesOwnerEmail',
    group: 'people',
    kind: 'inline',
    description: 'The sales owner’s e-mail address.',
    example: 'tom.becker@lumen-tools.example',
    value: ({ ctx }) =>
      textOr(ctx.salesOwner?.email, 'e-mail address for the sales owner (salesOwner.email)'),
  },
  {
    name: 'SalesOwnerPhone',
    group: 'people',
    kind: 'inline',
    description: 'The sales owner’s phone number.',
    example: '+44 20 7946 0455',
    value: ({ ctx }) =>
      textOr(ctx.salesOwner?.phone, 'phone number for the sales owner (salesOwner.phone)'),
  },
];
