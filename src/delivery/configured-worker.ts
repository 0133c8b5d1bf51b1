import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { DeliveryConfig } from '../config.ts';
import { listCompanies, resolveCompany, type Company } from '../store/companies.ts';
import { templateComposer } from '../documents/template-composer.ts';
import { composeAction } from '../documents/compose-action.ts';
import { AppError } from '../core/errors.ts';
import type { Composer } from './composer.ts';
import { requireCompanyMail, type CompanyMail } from './mail-settings.ts';
import { createSmtpSender } from './smtp-sender.ts';
import { createWorker, type Worker } from './worker.ts';

export interface ConfiguredWorkerOptions {
  /** Company code: only this company's rows (default: every company). */
  readonly company?: string | undefined;
  readonly concurrency?: number | undefined;
  /** The composer (default: the templates', src/documents/template-composer.ts). */
  readonly composer?: Composer | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

/**
 * A worker set up from the configuration: each company's SMTP server and From address
 * (checked now for the companies in scope: a missing setting is a CONFIG error naming it),
 * the retry policy, the lease and the concurrency. `close()` ends the SMTP connections.
 */
export async function configuredWorker(
  db: Kysely<DB>,
  config: DeliveryConfig,
  options: ConfiguredWorkerOptions = {},
): Promise<{ worker: Worker; companies: readonly Company[]; close: () => void }> {
  const scope = options.company
    ? [await resolveCompany(db, options.company)]
    : await listCompanies(db);
  const profiles = new Map(
    (await db.selectFrom('companies').select(['id', 'email']).execute()).map((c) => [
      c.id,
      c.email,
    ]),
  );
  const mail = new Map<number, CompanyMail & { smtpUrl: string }>();
  const mailOf = (company: Company) => {
    let m = mail.get(company.id);
    if (!m) {
      const profile = profiles.get(company.id);
      mail.set(company.id, (m = requireCompanyMail(config, { ...company, email: profile })));
    }
    return m;
  };
  for (const company of scope) mailOf(company);
  const concurrency = options.concurrency ?? config.concurrency;
  const sender = createSmtpSender({
    urlFor: (companyId) => {
      const m = mail.get(companyId);
      if (!m) throw new Error(`company ${companyId} has no mail settings loaded`);
      return m.smtpUrl;
    },
    maxConnections: concurrency,
  });
  const worker = createWorker(db, {
    composer:
      options.composer ??
      templateComposer({
        fromFallback: (c) => mailOf(c).from,
        invoices: {
          timeoutMs: config.invoiceFetchTimeoutSeconds * 1000,
          maxBytes: config.invoiceMaxMb * 1_000_000,
          // An invoice server down for hours does not hold a reminder back for good.
          sendWithoutAfterAttempts: Math.max(1, Math.min(5, config.maxAttempts - 1)),
        },
      }),
    sender,
    domainFor: (c) => mailOf(c).domain,
    companyId: options.company ? scope[0]!.id : undefined,
    retry: {
      baseMs: config.retryBaseSeconds * 1000,
      maxMs: config.retryMaxSeconds * 1000,
      maxAttempts: config.maxAttempts,
    },
    leaseMs: config.leaseSeconds * 1000,
    concurrency,
    domainRatePerMinute: config.domainRatePerMinute,
    sms: {
      config: config.sms,
      text: async (d, row) => {
        if (row.action_id === null) throw new AppError('INTERNAL', 'an SMS without action');
        const { document } = await composeAction(d, row.action_id, 'sms');
        return document.contentText ?? document.plainText ?? '';
      },
    },
    log: options.log,
  });
  return { worker, companies: scope, close: () => sender.close() };
}
