import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { SmtpSink } from '../../test/helpers/smtp-sink.ts';
import { csv } from '../../test/helpers/files.ts';
import { eventsOf } from '../../test/helpers/ledger-fixture.ts';
import { startDocumentServer, type DocumentServer } from '../../test/helpers/document-server.ts';
import type { Database } from '../store/database.ts';
import { templateComposer } from '../documents/template-composer.ts';
import {
  CONTACTS,
  CUSTOMERS,
  Clock,
  FROM,
  outbox,
  samplePdf,
  seed,
  testWorker,
  type TestWorker,
} from './delivery.fixture.ts';

/**
 * Invoice PDFs end to end: import with document_url → run → worker → a real document server
 * (HTTP on loopback) → a real SMTP server. A 503 holds the e-mail back until the retry; a 404
 * leaves that invoice out (INVOICE_PDF_MISSING); what arrives parses back as PDFs.
 */
for (const backend of BACKENDS) {
  describe(`delivery: invoice PDFs attached (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let sink: SmtpSink;
    let docs: DocumentServer;
    let w: TestWorker;
    let pdf: Buffer;
    const clock = new Clock();

    before(async () => {
      pdf = await samplePdf();
      docs = await startDocumentServer(pdf, { flakyFailures: 1 });
      sink = await new SmtpSink().start();
      database = await backend.open();
      w = testWorker(database, () => sink.url, clock, {
        composer: templateComposer({ fromFallback: () => FROM, invoices: { timeoutMs: 5000 } }),
      });
      const header =
        'customer,number,type,issue_date,due_date,currency,amount,open_amount,document_url';
      await seed(database, {
        // The default reminder names the collector's address: give C2's collector one.
        customers: CUSTOMERS.replace('Stefan Krause', 'Stefan Krause <stefan@seller.example>'),
        contacts: CONTACTS,
        items: csv(
          header,
          `C1,F1,invoice,2026-02-01,2026-03-03,EUR,1234.56,1234.56,${docs.url}/ok.pdf`,
          `C1,F1B,invoice,2026-02-01,2026-03-03,EUR,100.00,100.00,${docs.url}/missing.pdf`,
          `C1,F1C,invoice,2026-02-01,2026-03-03,EUR,50.00,50.00,${docs.url}/flaky.pdf`,
          'C2,F2,invoice,2026-02-01,2026-03-07,EUR,200.00,200.00,',
          'C3,F3,invoice,2026-02-01,2026-03-05,GBP,300.00,300.00,',
        ),
      });
    });
    after(async () => {
      w?.sender.close();
      await sink?.stop();
      await docs?.close();
      await database?.close();
    });

    it('a 503 from the document server: the e-mail waits, nothing missing recorded', async () => {
      const report = await w.worker.drain();
      assert.equal(report.sent, 1, 'C2 has no invoice PDF: sent at once');
      assert.deepEqual(await outbox(database), [
        'C1 email pending 1',
        'C2 email sent 1',
        'C3 letter pending 0',
      ]);
      const row = await database.db
        .selectFrom('outbox as o')
        .innerJoin('customers as c', 'c.id', 'o.customer_id')
        .select(['o.last_error'])
        .where('c.code', '=', 'C1')
        .executeTakeFirstOrThrow();
      assert.match(
        row.last_error ?? '',
        /^not composed: invoice PDFs not available yet, the e-mail waits .*invoice F1C \(http:\/\/127\.0\.0\.1:\d+\/flaky\.pdf\): the server answered 503/,
      );
      assert.ok(!(await eventsOf(database, 'C1')).some((e) => e.startsWith('INVOICE_PDF_MISSING')));
      assert.equal(docs.hits.get('/ok.pdf'), 1);
    });

    it('the retry sends it with the invoices that exist, and parses back as PDFs', async () => {
      clock.advance(3_600_000);
      const report = await w.worker.drain();
      assert.equal(report.sent, 1);
      assert.deepEqual(await outbox(database), [
        'C1 email sent 2',
        'C2 email sent 1',
        'C3 letter pending 0',
      ]);
      // F1 was kept from the first attempt: not fetched again.
      assert.deepEqual(
        ['/ok.pdf', '/missing.pdf', '/flaky.pdf'].map((p) => docs.hits.get(p)),
        [1, 2, 2],
      );
      const mails = await sink.parsed();
      const c1 = mails.find((m) => {
        const to = m.to && !Array.isArray(m.to) ? m.to.value : [];
        return to.some((a) => a.address === 'anne@un.example');
      });
      assert.ok(c1, 'C1 e-mail received');
      const invoices = c1.attachments.filter((a) => a.filename?.startsWith('invoice-'));
      assert.deepEqual(invoices.map((a) => `${a.filename} ${a.contentType}`).sort(), [
        'invoice-F1.pdf application/pdf',
        'invoice-F1C.pdf application/pdf',
      ]);
      for (const a of invoices) {
        assert.equal(a.content.subarray(0, 5).toString('latin1'), '%PDF-');
        assert.ok(a.content.equals(pdf), `${a.filename}: the same bytes as served`);
      }
      const missing = (await eventsOf(database, 'C1')).filter((e) =>
        e.startsWith('INVOICE_PDF_MISSING'),
      );
      assert.equal(missing.length, 1);
      assert.match(
        missing[0]!,
        /^INVOICE_PDF_MISSING: invoice F1B: e-mail sent without its PDF \(http:\/\/127\.0\.0\.1:\d+\/missing\.pdf\): the server answered 404 Not Found$/,
      );
    });
  });
}
