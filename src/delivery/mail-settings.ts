import { AppError } from '../core/errors.ts';
import { domainOf, isEmailAddress, type MailAddress } from '../core/delivery/email-message.ts';
import type { DeliveryConfig } from '../config.ts';

/** How one company sends e-mail. */
export interface CompanyMail {
  /** SMTP server URL (contains the password: never print it). */
  readonly smtpUrl: string | undefined;
  /** The collection address messages come from. */
  readonly from: MailAddress | undefined;
  /** The domain of Message-IDs: the From address's domain. */
  readonly domain: string;
}

/** What the mail settings need of a company: its profile's collection address, if any. */
export interface MailCompany {
  readonly code: string;
  readonly name: string;
  /** The company profile's e-mail (`relance company set --email`). */
  readonly email?: string | null | undefined;
}

/**
 * A company's mail settings. The SMTP server: its own (`delivery.companies.CODE.smtpUrl` in
 * the config file), else the deployment's RELANCE_SMTP_URL. The From address: the company
 * profile's e-mail, else `delivery.companies.CODE.mailFrom`, else RELANCE_MAIL_FROM. A From
 * without a display name shows the company's name.
 */
export function companyMail(config: DeliveryConfig, company: MailCompany): CompanyMail {
  const own = config.companies[company.code];
  const profile = company.email?.trim() ? company.email.trim() : undefined;
  const fromText = profile ?? own?.mailFrom ?? config.mailFrom;
  const from = fromText === undefined ? undefined : parseMailbox(fromText, company.name);
  return {
    smtpUrl: own?.smtpUrl ?? config.smtpUrl,
    from,
    domain: from ? domainOf(from.address) : 'localhost',
  };
}

/** Like companyMail, but a missing SMTP server or From address is a CONFIG error naming the setting. */
export function requireCompanyMail(
  config: DeliveryConfig,
  company: MailCompany,
): Required<CompanyMail> & { readonly smtpUrl: string; readonly from: MailAddress } {
  const mail = companyMail(config, company);
  const problems = [];
  if (!mail.smtpUrl) {
    problems.push({
      field: 'RELANCE_SMTP_URL',
      value: '',
      expected: `an SMTP server for company ${company.code}: RELANCE_SMTP_URL=smtp://user:password@host:587, or delivery.companies.${company.code}.smtpUrl in relance.config.json`,
    });
  }
  if (!mail.from) {
    problems.push({
      field: 'RELANCE_MAIL_FROM',
      value: '',
      expected: `the collection address of company ${company.code}: relance company set --email credit@example.com, or RELANCE_MAIL_FROM="Credit team <credit@example.com>"`,
    });
  }
  if (problems.length > 0 || !mail.smtpUrl || !mail.from) {
    throw new AppError('CONFIG', `e-mail is not set up for company ${company.code}`, problems);
  }
  return { smtpUrl: mail.smtpUrl, from: mail.from, domain: mail.domain };
}

/** `Name <address>`, `"Name" <address>` or `address`; anything else is a CONFIG error. */
export function parseMailbox(text: string, defaultName: string): MailAddress {
  const trimmed = text.trim();
  const angle = /^(?:"([^"\p{Cc}]*)"|([^"<>\p{Cc}]*?))\s*<([^<>\s]+)>$/u.exec(trimmed);
  const name = angle ? (angle[1] ?? angle[2] ?? '').trim() : '';
  const address = angle ? angle[3]! : trimmed;
  if (!isEmailAddress(address)) {
    throw new AppError('CONFIG', 'the From address (RELANCE_MAIL_FROM) is not an e-mail address', [
      {
        field: 'RELANCE_MAIL_FROM',
        value: text,
        expected: 'Name <address@domain.tld> or address@domain.tld',
      },
    ]);
  }
  return { name: name === '' ? defaultName : name, address };
}
