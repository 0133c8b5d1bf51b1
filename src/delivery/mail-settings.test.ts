import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { companyMail, parseMailbox, requireCompanyMail } from './mail-settings.ts';

// No RELANCE_CONFIG: relance.config.json of the working folder, absent in the repository.
const env = (vars: Record<string, string>) => ({ ...vars });
const company = { code: 'MAIN', name: 'Seller SA' };

describe('delivery settings', () => {
  it('reads the SMTP URL, the From address and the worker settings from the environment', () => {
    const { delivery } = loadConfig(
      env({
        RELANCE_SMTP_URL: 'smtp://u:p@mail.example.com:587',
        RELANCE_MAIL_FROM: 'Credit <credit@seller.example>',
        RELANCE_RETRY_BASE_SECONDS: '30',
        RELANCE_MAX_ATTEMPTS: '5',
      }),
    );
    assert.equal(delivery.smtpUrl, 'smtp://u:p@mail.example.com:587');
    assert.deepEqual(
      [delivery.retryBaseSeconds, delivery.retryMaxSeconds, delivery.maxAttempts],
      [30, 3600, 5],
    );
    assert.deepEqual(
      [delivery.leaseSeconds, delivery.pollSeconds, delivery.concurrency],
      [600, 10, 8],
    );
    assert.deepEqual(companyMail(delivery, company), {
      smtpUrl: 'smtp://u:p@mail.example.com:587',
      from: { name: 'Credit', address: 'credit@seller.example' },
      domain: 'seller.example',
    });
  });

  it('refuses a URL that is not SMTP without printing its password', () => {
    assert.throws(
      () => loadConfig(env({ RELANCE_SMTP_URL: 'http://user:s3cret@mail.example.com' })),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'CONFIG' &&
        e.problems[0]?.value === 'http://***@mail.example.com' &&
        !JSON.stringify(e.problems).includes('s3cret'),
    );
    assert.throws(() => loadConfig(env({ RELANCE_MAX_ATTEMPTS: '2.5' })), /whole number/);
  });

  it('invoice PDFs: fetch timeout and size limit, 10 s and 5 MB unless set', () => {
    const defaults = loadConfig(env({})).delivery;
    assert.deepEqual([defaults.invoiceFetchTimeoutSeconds, defaults.invoiceMaxMb], [10, 5]);
    const set = loadConfig(
      env({ RELANCE_INVOICE_FETCH_TIMEOUT_SECONDS: '2.5', RELANCE_INVOICE_MAX_MB: '12' }),
    ).delivery;
    assert.deepEqual([set.invoiceFetchTimeoutSeconds, set.invoiceMaxMb], [2.5, 12]);
    assert.throws(
      () => loadConfig(env({ RELANCE_INVOICE_MAX_MB: '0' })),
      (e: unknown) =>
        e instanceof AppError &&
        e.problems[0]?.field === 'RELANCE_INVOICE_MAX_MB' &&
        e.problems[0]?.value === '0',
    );
  });

  it('the company profile address wins, then the company settings, then the default', () => {
    const delivery = {
      ...loadConfig(env({ RELANCE_MAIL_FROM: 'all@seller.example' })).delivery,
      companies: {
        MAIN: { mailFrom: 'main@seller.example', smtpUrl: 'smtps://main:x@smtp.example:465' },
      },
    };
    assert.equal(companyMail(delivery, company).from?.address, 'main@seller.example');
    assert.equal(companyMail(delivery, company).smtpUrl, 'smtps://main:x@smtp.example:465');
    assert.equal(
      companyMail(delivery, { ...company, email: 'profile@seller.example' }).from?.address,
      'profile@seller.example',
    );
    assert.deepEqual(companyMail(delivery, { code: 'OTHER', name: 'Other' }).from, {
      name: 'Other',
      address: 'all@seller.example',
    });
  });

  it('a missing server or address names the settings to add', () => {
    const { delivery } = loadConfig(env({}));
    assert.throws(
      () => requireCompanyMail(delivery, company),
      (e: unknown) =>
        e instanceof AppError &&
        e.code === 'CONFIG' &&
        e.problems.map((p) => p.field).join() === 'RELANCE_SMTP_URL,RELANCE_MAIL_FROM',
    );
  });

  it('parses From addresses', () => {
    assert.deepEqual(parseMailbox('"Crédit, client" <c@s.example>', 'X'), {
      name: 'Crédit, client',
      address: 'c@s.example',
    });
    assert.deepEqual(parseMailbox(' c@s.example ', 'Seller'), {
      name: 'Seller',
      address: 'c@s.example',
    });
    assert.throws(() => parseMailbox('Credit <not an address>', 'X'), /not an e-mail address/);
    assert.throws(
      () => parseMailbox('a@b.example\r\nBcc: x@y.example', 'X'),
      /not an e-mail address/,
    );
  });
});
