import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { csv } from '../../test/helpers/files.ts';
import { startDocumentServer, type DocumentServer } from '../../test/helpers/document-server.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import type { OutboxRow } from '../delivery/composer.ts';
import { CUSTOMERS, FROM, importCsv, runDay, samplePdf } from '../delivery/delivery.fixture.ts';
import {
  invoiceAttachments,
  InvoicePdfUnavailable,
  MISSING_EVENT,
  type InvoiceAction,
  type InvoiceAttachmentOptions,
} from './invoice-attachments.ts';
import { templateComposer } from './template-composer.ts';
import { fetchInvoicePdf } from './fetch-invoice-pdf.ts';

/** Invoice PDFs fetched over real HTTP (a loopback server), kept, and their problems recorded. */

const PATHS: Record<string, string> = {
  F1: 'ok.pdf',
  FOCT: 'octet.pdf',
  FRED: 'redirect.pdf',
  F404: 'missing.pdf',
  FHTML: 'page.pdf',
  FBIG: 'big.pdf',
  FFTP: 'redirect-ftp.pdf',
  FSLOW: 'slow.pdf',
  F503: 'busy.pdf',
};

const OPTIONS: InvoiceAttachmentOptions = { timeoutMs: 400, maxBytes: 1_000_000 };

describe('fetching one invoice PDF', () => {
  it('a closed port is a temporary problem, a redirect loop a permanent one', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    assert.deepEqual(
      await fetchInvoicePdf(`http://127.0.0.1:${port}/x.pdf`, { timeoutMs: 2000, maxBytes: 1000 }),
      { ok: false, kind: 'temporary', reason: 'could not fetch: ECONNREFUSED' },
    );
    const loop = createServer((_req, res) => {
      res.writeHead(302, { location: '/again.pdf' });
      res.end();
    });
    await new Promise<void>((resolve) => loop.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(loop.address() as AddressInfo).port}`;
    try {
      assert.deepEqual(await fetchInvoicePdf(`${at}/x.pdf`, { timeoutMs: 2000, maxBytes: 1000 }), {
        ok: false,
        kind: 'permanent',
        reason: 'more than 5 redirects',
      });
    } finally {
      loop.closeAllConnections();
      await new Promise((resolve) => loop.close(resolve));
    }
  });
});

for (const backend of BACKENDS) {
  describe(`invoice PDFs fetched for e-mails (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let server: DocumentServer;
    let pdf: Buffer;
    let c1: Omit<InvoiceAction, 'items'>;
    const action = (...items: string[]): InvoiceAction => ({ ...c1, items });
    const missing = async () =>
      (
        await database.db
          .selectFrom('timeline')
          .select(['item', 'detail', 'action_id'])
          .where('code', '=', MISSING_EVENT)
          .orderBy('id')
          .execute()
      ).map((e) => `${e.item} ${e.detail}`);

    before(async () => {
      pdf = await samplePdf();
      server = await startDocumentServer(pdf, { slowMs: 5000, bigBytes: 8_000_000 });
      database = await backend.open();
      await importCsv(database, 'customers', CUSTOMERS);
      await importCsv(
        database,
        'items',
        csv(
          'customer,number,type,issue_date,due_date,currency,amount,open_amount,document_url',
          ...Object.entries(PATHS).map(
            ([n, path]) =>
              `C1,${n},invoice,2026-02-01,2026-03-03,EUR,100.00,100.00,${server.url}/${path}`,
          ),
          'C1,FNONE,invoice,2026-02-01,2026-03-03,EUR,100.00,100.00,',
          'C2,F2,invoice,2026-02-01,2026-03-07,EUR,200.00,200.00,',
        ),
      );
      await runDay(database);
      const row = await database.db
        .selectFrom('dunning_actions as a')
        .innerJoin('customers as c', 'c.id', 'a.customer_id')
        .select(['a.id', 'a.company_id', 'a.customer_id', 'a.currency', 'a.items'])
        .where('c.code', '=', 'C1')
        .executeTakeFirstOrThrow();
      assert.ok(row.items.includes('FSLOW'), row.items.join(' '));
      c1 = {
        id: row.id,
        companyId: row.company_id,
        customerId: row.customer_id,
        currency: row.currency,
        timezone: 'Europe/Paris',
      };
    });
    after(async () => {
      await server?.close();
      await database?.close();
    });

    it('attaches each PDF in the action order, fetched once and then kept', async () => {
      const got = await invoiceAttachments(
        database.db,
        action('FRED', 'FNONE', 'F1', 'FOCT'),
        [],
        1,
        OPTIONS,
      );
      assert.deepEqual(
        got.map((a) => `${a.filename} ${a.contentType}`),
        [
          'invoice-FRED.pdf application/pdf',
          'invoice-F1.pdf application/pdf',
          'invoice-FOCT.pdf application/pdf',
        ],
      );
      for (const a of got) assert.ok(a.content.equals(pdf));
      // The redirect was followed to /ok2.pdf.
      assert.deepEqual(
        ['/redirect.pdf', '/ok2.pdf', '/ok.pdf', '/octet.pdf'].map((p) => server.hits.get(p)),
        [1, 1, 1, 1],
      );
      const stored = await database.db
        .selectFrom('item_documents as d')
        .innerJoin('items as i', 'i.id', 'd.item_id')
        .select(['i.number', 'd.url', 'd.sha256', 'd.size', 'd.media_type'])
        .orderBy('i.number')
        .execute();
      assert.deepEqual(
        stored.map(
          (d) => `${d.number} ${d.url.slice(server.url.length)} ${d.size} ${d.media_type}`,
        ),
        [
          `F1 /ok.pdf ${pdf.length} application/pdf`,
          `FOCT /octet.pdf ${pdf.length} application/pdf`,
          `FRED /redirect.pdf ${pdf.length} application/pdf`,
        ],
      );
      assert.match(stored[0]!.sha256, /^[0-9a-f]{64}$/);

      // A retry, or the next reminder: the kept copies, nothing fetched again.
      const again = await invoiceAttachments(
        database.db,
        action('F1', 'FOCT', 'FRED'),
        [],
        2,
        OPTIONS,
      );
      assert.equal(again.length, 3);
      assert.ok(again.every((a) => a.content.equals(pdf)));
      assert.deepEqual(
        ['/redirect.pdf', '/ok2.pdf', '/ok.pdf', '/octet.pdf'].map((p) => server.hits.get(p)),
        [1, 1, 1, 1],
      );
      assert.deepEqual(await missing(), []);
    });

    it('404, an HTML page, too large, a redirect to ftp: sent without, recorded once each', async () => {
      const run = () =>
        invoiceAttachments(
          database.db,
          action('F404', 'F1', 'FHTML', 'FBIG', 'FFTP'),
          [],
          1,
          OPTIONS,
        );
      const got = await run();
      assert.deepEqual(
        got.map((a) => a.filename),
        ['invoice-F1.pdf'],
      );
      const path = (p: string) => `(${server.url}/${p})`;
      assert.deepEqual(await missing(), [
        `F404 invoice F404: e-mail sent without its PDF ${path('missing.pdf')}: the server answered 404 Not Found`,
        `FHTML invoice FHTML: e-mail sent without its PDF ${path('page.pdf')}: not a PDF: text/html, content not starting with %PDF-`,
        `FBIG invoice FBIG: e-mail sent without its PDF ${path('big.pdf')}: larger than the limit of 1 MB`,
        `FFTP invoice FFTP: e-mail sent without its PDF ${path('redirect-ftp.pdf')}: a redirect is not http(s): ftp:`,
      ]);
      // Nothing kept of what failed; asked again (a retry), the same result and no new event.
      const kept = await database.db
        .selectFrom('item_documents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(kept.n), 3);
      assert.deepEqual(
        (await run()).map((a) => a.filename),
        ['invoice-F1.pdf'],
      );
      assert.equal((await missing()).length, 4);
    });

    it('a timeout or a 503 holds the e-mail back; from the give-up attempt it goes without', async () => {
      const started = Date.now();
      const error = await invoiceAttachments(
        database.db,
        action('F1', 'FSLOW', 'F503'),
        [],
        1,
        OPTIONS,
      ).then(
        () => assert.fail('should wait for the invoices'),
        (e: unknown) => e,
      );
      assert.ok(Date.now() - started < 4000, 'the timeout cut the slow answer short');
      assert.ok(error instanceof InvoicePdfUnavailable);
      assert.ok(!(error instanceof AppError), 'the worker must count it temporary');
      assert.match(
        error.message,
        /invoice FSLOW \(http:\/\/127\.0\.0\.1:\d+\/slow\.pdf\): no complete answer within 0\.4 s/,
      );
      assert.match(error.message, /invoice F503 .*: the server answered 503 Service Unavailable/);
      assert.equal((await missing()).length, 4, 'nothing recorded while waiting');

      const last = await invoiceAttachments(database.db, action('F1', 'FSLOW', 'F503'), [], 3, {
        ...OPTIONS,
        sendWithoutAfterAttempts: 3,
      });
      assert.deepEqual(
        last.map((a) => a.filename),
        ['invoice-F1.pdf'],
      );
      const events = (await missing()).slice(4);
      assert.equal(events.length, 2);
      assert.match(
        events[0]!,
        /^FSLOW .*no complete answer within 0\.4 s \(still on attempt 3: sent without it\)$/,
      );
      assert.match(
        events[1]!,
        /^F503 .*503 Service Unavailable \(still on attempt 3: sent without it\)$/,
      );
    });

    it('at most N attachments and M bytes per e-mail, the statement included', async () => {
      const statement = { filename: 'statement.pdf', contentType: 'application/pdf', content: pdf };
      const got = await invoiceAttachments(
        database.db,
        action('F1', 'FOCT', 'FRED'),
        [statement],
        1,
        { ...OPTIONS, limits: { maxAttachments: 3, maxTotalBytes: 10_000_000 } },
      );
      assert.deepEqual(
        got.map((a) => a.filename),
        ['invoice-F1.pdf', 'invoice-FOCT.pdf'],
      );
      const bySize = await invoiceAttachments(
        database.db,
        action('F1', 'FOCT', 'FRED'),
        [statement],
        1,
        { ...OPTIONS, limits: { maxAttachments: 10, maxTotalBytes: pdf.length * 2 } },
      );
      assert.deepEqual(
        bySize.map((a) => a.filename),
        ['invoice-F1.pdf'],
      );
      const events = (await missing()).slice(6);
      const kB = `${Number(((pdf.length * 2) / 1000).toFixed(1))} kB`;
      assert.deepEqual(
        events.map((e) => e.replace(/\(http[^)]*\)/, '(…)')),
        [
          'null 1 more invoice PDF not attached (FRED): at most 3 attachments per e-mail',
          `FOCT invoice FOCT: e-mail sent without its PDF (…): not attached: the attachments would exceed ${kB} in all`,
          `FRED invoice FRED: e-mail sent without its PDF (…): not attached: the attachments would exceed ${kB} in all`,
        ],
      );
    });

    it('the composer: a temporary problem is not an AppError (retried), later sent without', async () => {
      const composer = templateComposer({ fromFallback: () => FROM, invoices: OPTIONS });
      const row = { action_id: c1.id, recipient: 'anne@un.example', attempts: 1 } as OutboxRow;
      await assert.rejects(composer(database.db, row), (e: unknown) => {
        assert.ok(e instanceof InvoicePdfUnavailable && !(e instanceof AppError));
        return true;
      });
      const email = await composer(database.db, { ...row, attempts: 5 });
      assert.deepEqual(
        (email.attachments ?? [])
          .map((a) => a.filename)
          .filter((f) => f.startsWith('invoice-'))
          .sort(),
        ['invoice-F1.pdf', 'invoice-FOCT.pdf', 'invoice-FRED.pdf'],
      );
    });
  });
}
