import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from './core/errors.ts';
import { parseTimeOfDay } from './core/calendar/time-of-day.ts';
import { DEFAULT_MAX_IMPORT_MB } from './imports/read-table.ts';
import { checkSmsConfig, type SmsHttpConfig } from './delivery-sms/sms-http.ts';
import { imapConfigFromEnv, parseImapUrl, type ImapConfig } from './inbound-imap/imap-config.ts';

/** Settings of a Relance process: environment variables win over the config file. */
export interface Config {
  /** PostgreSQL server; when absent the embedded database in dataDir is used. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly importMaxMb: number;
  /** Local time ('HH:MM', each company's time zone) of the daily run in `relance serve`. */
  readonly runAt: string | undefined;
  /**
   * `relance serve` is behind a reverse proxy terminating TLS: trust its X-Forwarded-For
   * and X-Forwarded-Proto (client address for the sign-in limit, Secure session cookie).
   */
  readonly trustProxy: boolean;
  /** Outgoing e-mail and the delivery worker (docs/delivery.md). */
  readonly delivery: DeliveryConfig;
}

interface FileConfig {
  databaseUrl?: string;
  dataDir?: string;
  host?: string;
  port?: number;
  importMaxMb?: number;
  runAt?: string;
  trustProxy?: boolean;
  delivery?: FileDeliveryConfig;
}

/**
 * Reads `relance.config.json` (or the file named by RELANCE_CONFIG) and the
 * environment: DATABASE_URL, RELANCE_DATA_DIR, RELANCE_HOST, PORT / RELANCE_PORT,
 * RELANCE_IMPORT_MAX_MB, RELANCE_RUN_AT, RELANCE_TRUST_PROXY, and for delivery RELANCE_SMTP_URL, RELANCE_MAIL_FROM,
 * RELANCE_RETRY_BASE_SECONDS, RELANCE_RETRY_MAX_SECONDS, RELANCE_MAX_ATTEMPTS,
 * RELANCE_SENDING_LEASE_SECONDS, RELANCE_WORKER_POLL_SECONDS, RELANCE_WORKER_CONCURRENCY,
 * RELANCE_DOMAIN_RATE_PER_MINUTE, RELANCE_SMS_URL, RELANCE_SMS_AUTH_HEADER, RELANCE_SMS_BODY,
 * RELANCE_SMS_TIMEOUT_MS, RELANCE_IMAP_URL, RELANCE_INVOICE_FETCH_TIMEOUT_SECONDS and
 * RELANCE_INVOICE_MAX_MB.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const path = resolve(env.RELANCE_CONFIG ?? 'relance.config.json');
  let file: FileConfig = {};
  if (existsSync(path)) {
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as FileConfig;
    } catch (error) {
      throw new AppError('CONFIG', `config file ${path} is not valid JSON: ${String(error)}`);
    }
  } else if (env.RELANCE_CONFIG) {
    throw new AppError('CONFIG', `config file ${path} (RELANCE_CONFIG) does not exist`);
  }
  const port = number('PORT', env.RELANCE_PORT ?? env.PORT, file.port, 3000);
  return {
    databaseUrl: env.DATABASE_URL || file.databaseUrl || undefined,
    dataDir: env.RELANCE_DATA_DIR || file.dataDir || './data',
    host: env.RELANCE_HOST || file.host || '127.0.0.1',
    port,
    importMaxMb: number(
      'RELANCE_IMPORT_MAX_MB',
      env.RELANCE_IMPORT_MAX_MB,
      file.importMaxMb,
      DEFAULT_MAX_IMPORT_MB,
    ),
    runAt: runAt(env.RELANCE_RUN_AT || file.runAt || undefined),
    trustProxy: env.RELANCE_TRUST_PROXY
      ? /^(1|true|yes)$/i.test(env.RELANCE_TRUST_PROXY)
      : file.trustProxy === true,
    delivery: deliveryConfig(env, file.delivery ?? {}),
  };
}

function runAt(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!parseTimeOfDay(value.trim())) {
    throw new AppError('CONFIG', 'RELANCE_RUN_AT must be a time of day written HH:MM', [
      { field: 'RELANCE_RUN_AT', value, expected: 'HH:MM on a 24-hour clock, e.g. 07:00' },
    ]);
  }
  return value.trim();
}

function number(
  name: string,
  envValue: string | undefined,
  fileValue: number | undefined,
  fallback: number,
): number {
  const raw = envValue ?? (fileValue === undefined ? undefined : String(fileValue));
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && name !== 'PORT')) {
    throw new AppError(
      'CONFIG',
      `${name} must be a ${name === 'PORT' ? 'non-negative' : 'positive'} number`,
      [
        {
          field: name,
          value: raw,
          expected: `a ${name === 'PORT' ? 'non-negative' : 'positive'} number`,
        },
      ],
    );
  }
  return value;
}

/** SMTP settings of one company (config file `delivery.companies.CODE`): they override the defaults. */
export interface CompanyMailConfig {
  readonly smtpUrl?: string | undefined;
  readonly mailFrom?: string | undefined;
}

export interface DeliveryConfig {
  /** Deployment-wide SMTP server, `smtp://user:pass@host:587` (STARTTLS) or `smtps://…:465`. */
  readonly smtpUrl: string | undefined;
  /** Deployment-wide collection address, `Name <address>` or `address`. */
  readonly mailFrom: string | undefined;
  /** Per-company overrides, by company code. */
  readonly companies: Readonly<Record<string, CompanyMailConfig>>;
  /** First retry delay after a temporary failure; doubled each attempt (with jitter) up to the max. */
  readonly retryBaseSeconds: number;
  readonly retryMaxSeconds: number;
  /** Attempts after which a temporary failure becomes permanent. */
  readonly maxAttempts: number;
  /** A row in 'sending' for longer than this was left by a worker that stopped: it becomes 'unknown'. */
  readonly leaseSeconds: number;
  readonly pollSeconds: number;
  /** Messages a worker sends at the same time. */
  readonly concurrency: number;
  /** Messages per recipient domain in any minute, per worker (0: no limit). */
  readonly domainRatePerMinute: number;
  /** The SMS provider (RELANCE_SMS_URL, RELANCE_SMS_AUTH_HEADER, RELANCE_SMS_BODY, RELANCE_SMS_TIMEOUT_MS); none: SMS rows fail visibly. */
  readonly sms: SmsHttpConfig | undefined;
  /** The mailbox of the collection address, read for bounces and replies (RELANCE_IMAP_URL). */
  readonly imap: ImapConfig | undefined;
  /** Invoice PDFs attached to e-mails: the time allowed to fetch one, and its largest size. */
  readonly invoiceFetchTimeoutSeconds: number;
  readonly invoiceMaxMb: number;
}

interface FileDeliveryConfig {
  smtpUrl?: string;
  mailFrom?: string;
  companies?: Record<string, CompanyMailConfig>;
  retryBaseSeconds?: number;
  retryMaxSeconds?: number;
  maxAttempts?: number;
  leaseSeconds?: number;
  pollSeconds?: number;
  concurrency?: number;
  domainRatePerMinute?: number;
  sms?: { url: string; auth?: string; body?: string; timeoutMs?: number };
  imapUrl?: string;
  invoiceFetchTimeoutSeconds?: number;
  invoiceMaxMb?: number;
}

function deliveryConfig(env: NodeJS.ProcessEnv, file: FileDeliveryConfig): DeliveryConfig {
  const companies: Record<string, CompanyMailConfig> = {};
  for (const [code, c] of Object.entries(file.companies ?? {})) {
    companies[code] = {
      smtpUrl: smtpUrl(`delivery.companies.${code}.smtpUrl`, c.smtpUrl),
      mailFrom: c.mailFrom,
    };
  }
  const whole = (name: string, e: string | undefined, f: number | undefined, d: number) => {
    const value = number(name, e, f, d);
    if (!Number.isSafeInteger(value)) {
      throw new AppError('CONFIG', `${name} must be a whole number`, [
        { field: name, value: String(value), expected: 'a whole number ≥ 1' },
      ]);
    }
    return value;
  };
  return {
    smtpUrl: smtpUrl('RELANCE_SMTP_URL', env.RELANCE_SMTP_URL || file.smtpUrl || undefined),
    mailFrom: env.RELANCE_MAIL_FROM || file.mailFrom || undefined,
    companies,
    retryBaseSeconds: number(
      'RELANCE_RETRY_BASE_SECONDS',
      env.RELANCE_RETRY_BASE_SECONDS,
      file.retryBaseSeconds,
      60,
    ),
    retryMaxSeconds: number(
      'RELANCE_RETRY_MAX_SECONDS',
      env.RELANCE_RETRY_MAX_SECONDS,
      file.retryMaxSeconds,
      3600,
    ),
    maxAttempts: whole('RELANCE_MAX_ATTEMPTS', env.RELANCE_MAX_ATTEMPTS, file.maxAttempts, 20),
    leaseSeconds: number(
      'RELANCE_SENDING_LEASE_SECONDS',
      env.RELANCE_SENDING_LEASE_SECONDS,
      file.leaseSeconds,
      600,
    ),
    pollSeconds: number(
      'RELANCE_WORKER_POLL_SECONDS',
      env.RELANCE_WORKER_POLL_SECONDS,
      file.pollSeconds,
      10,
    ),
    concurrency: whole(
      'RELANCE_WORKER_CONCURRENCY',
      env.RELANCE_WORKER_CONCURRENCY,
      file.concurrency,
      8,
    ),
    domainRatePerMinute:
      env.RELANCE_DOMAIN_RATE_PER_MINUTE === '0' ||
      (env.RELANCE_DOMAIN_RATE_PER_MINUTE === undefined && !file.domainRatePerMinute)
        ? 0
        : whole(
            'RELANCE_DOMAIN_RATE_PER_MINUTE',
            env.RELANCE_DOMAIN_RATE_PER_MINUTE,
            file.domainRatePerMinute,
            0,
          ),
    sms: smsConfig(env, file.sms),
    imap:
      imapConfigFromEnv(env) ??
      (file.imapUrl ? parseImapUrl(file.imapUrl, 'delivery.imapUrl') : undefined),
    invoiceFetchTimeoutSeconds: number(
      'RELANCE_INVOICE_FETCH_TIMEOUT_SECONDS',
      env.RELANCE_INVOICE_FETCH_TIMEOUT_SECONDS,
      file.invoiceFetchTimeoutSeconds,
      10,
    ),
    invoiceMaxMb: number(
      'RELANCE_INVOICE_MAX_MB',
      env.RELANCE_INVOICE_MAX_MB,
      file.invoiceMaxMb,
      5,
    ),
  };
}

function smtpUrl(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    throw new AppError('CONFIG', `${field} is not an SMTP URL`, [
      {
        field,
        // Never echo a password back.
        value: value.replace(/\/\/[^@/]*@/, '//***@'),
        expected:
          'smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS)',
      },
    ]);
  }
  return value;
}

/** The SMS provider: URL, optional `Header-Name: value` auth, JSON body template. */
function smsConfig(
  env: NodeJS.ProcessEnv,
  file: FileDeliveryConfig['sms'],
): SmsHttpConfig | undefined {
  const url = env.RELANCE_SMS_URL || file?.url;
  if (!url) return undefined;
  const auth = env.RELANCE_SMS_AUTH_HEADER || file?.auth;
  let authHeaderName: string | undefined;
  let authHeaderValue: string | undefined;
  if (auth) {
    const colon = auth.indexOf(':');
    if (colon <= 0) {
      throw new AppError('CONFIG', 'RELANCE_SMS_AUTH_HEADER must be written "Header-Name: value"', [
        { field: 'RELANCE_SMS_AUTH_HEADER', value: '(hidden)', expected: 'Header-Name: value' },
      ]);
    }
    authHeaderName = auth.slice(0, colon).trim();
    authHeaderValue = auth.slice(colon + 1).trim();
  }
  const config: SmsHttpConfig = {
    url,
    authHeaderName,
    authHeaderValue,
    bodyTemplate: env.RELANCE_SMS_BODY || file?.body || '{"to":"{{to}}","text":"{{text}}"}',
    timeoutMs: number(
      'RELANCE_SMS_TIMEOUT_MS',
      env.RELANCE_SMS_TIMEOUT_MS,
      file?.timeoutMs,
      10_000,
    ),
  };
  checkSmsConfig(config);
  return config;
}
