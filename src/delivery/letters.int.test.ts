import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { csv } from '../../test/helpers/files.ts';
import { eventsOf } from '../../test/helpers/ledger-fixture.ts';
import { pdfPageTexts } from '../../test/helpers/pdf.ts';
import { AppError } from '../core/errors.ts';
import type { Database } from '../store/database.ts';
import { actions, importCsv, outbox, runDay, seed } from './delivery.fixture.ts';
import { enqueueActions } from './enqueue.ts';
import { lettersBatch } from './letters-batch.ts';
import { markBatchPosted } from './letters-posted.ts';

/** Letters through the outbox: a print batch, a re-print, the posting. */
for (const backend of BACKENDS) {
  describe(`letters: print batch and posting (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let companyId: number;

    before(async () => {
      database = await backend.open();
      await seed(database);
      companyId = (await database.db.selectFrom('companies').select('id').executeTakeFirstOrThrow())
        .id;
      // The letters name the credit team's address (#CollectorEmail falls back to it).
      await database.db
        .updateTable('companies')
        .set({ email: 'credit@seller.example' })
        .where('id', '=', companyId)
        .execute();
    });
    after(async () => database?.close());

    it('prints the letters waiting once; asking again for the run prints the same batch', async () => {
      const run = await database.db
        .selectFrom('dunning_runs')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const first = await lettersBatch(database.db, companyId, { runId: run.id });
      assert.equal(first.reprint, false);
      assert.deepEqual(
        first.letters.map((l) => l.customer),
        ['C3'],
      );
      assert.match(pdfPageTexts(first.pdf)[0]!, /Three Ltd/);
      assert.deepEqual(
        (await outbox(database)).filter((r) => r.includes('letter')),
        ['C3 letter printed 0'],
      );
      const again = await lettersBatch(database.db, companyId, { runId: run.id });
      assert.equal(again.reprint, true);
      assert.equal(again.batchId, first.batchId);
      assert.deepEqual(again.letters, first.letters);
      // Nothing else is waiting: a batch of "all waiting letters" has nothing to print.
      await assert.rejects(
        lettersBatch(database.db, companyId),
        (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND',
      );
      const events = await eventsOf(database, 'C3');
      assert.ok(
        events.some((e) => e.startsWith('LETTER_PRINTED')),
        events.join('\n'),
      );
      // Printed is not sent: the action waits for the posting.
      assert.ok((await actions(database)).includes('C3 planned'));
    });

    it('posting: refuses a tracking number for no letter of the batch, then marks the letters sent once', async () => {
      const batch = (
        await database.db.selectFrom('letter_batches').select('id').executeTakeFirstOrThrow()
      ).id;
      await assert.rejects(
        markBatchPosted(database.db, companyId, {
          batchId: batch,
          tracking: { NOPE: '1A23456789012' },
          postedOn: '2026-13-01',
        }),
        (e: unknown) =>
          e instanceof AppError &&
          e.code === 'INVALID_INPUT' &&
          e.problems.some((p) => p.field === 'tracking NOPE' && /C3-/.test(p.expected)) &&
          e.problems.some((p) => p.field === 'posted-on' && p.value === '2026-13-01'),
      );
      assert.deepEqual(
        (await outbox(database)).filter((r) => r.includes('letter')),
        ['C3 letter printed 0'],
      );
      const report = await markBatchPosted(database.db, companyId, {
        batchId: batch,
        tracking: { C3: 'RR 1234 5678 9FR' },
        postedOn: '2026-03-11',
      });
      assert.equal(report.sent, 1);
      assert.equal(report.letters[0]!.trackingNumber, 'RR 1234 5678 9FR');
      assert.deepEqual(
        (await outbox(database)).filter((r) => r.includes('letter')),
        ['C3 letter sent 0'],
      );
      assert.ok((await actions(database)).includes('C3 done'));
      const events = await eventsOf(database, 'C3');
      assert.ok(
        events.some((e) =>
          /^DELIVERY_SENT: .*posted on 2026-03-11.*tracking RR 1234 5678 9FR/.test(e),
        ),
        events.join('\n'),
      );
      await assert.rejects(
        markBatchPosted(database.db, companyId, { batchId: batch }),
        (e: unknown) => e instanceof AppError && e.code === 'CONFLICT',
      );
      await assert.rejects(
        markBatchPosted(database.db, companyId, { batchId: batch + 100 }),
        (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND',
      );
    });

    it('a letter whose items were paid since planning is cancelled, not printed', async () => {
      // A new customer with a letter the next day, then its payment before printing.
      await importCsv(
        database,
        'customers',
        csv(
          'code,name,country,language,currency,email,address_line1,postal_code,city,collector',
          'C4,Four Ltd,GB,en,GBP,,4 Low St,EC1A 1AB,London,',
        ),
      );
      await importCsv(
        database,
        'items',
        csv(
          'customer,number,type,issue_date,due_date,currency,amount,open_amount',
          'C4,F4,invoice,2026-02-01,2026-03-05,GBP,400.00,400.00',
        ),
      );
      await runDay(database);
      const queued = await enqueueActions(database.db, companyId, {
        domain: 'seller.example',
        now: new Date(),
        channels: ['letter'],
      });
      assert.equal(queued.rows, 1);
      await importCsv(
        database,
        'items',
        csv(
          'customer,number,type,issue_date,due_date,currency,amount,open_amount',
          'C4,F4,invoice,2026-02-01,2026-03-05,GBP,400.00,0.00',
        ),
      );
      await assert.rejects(
        lettersBatch(database.db, companyId),
        (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND',
      );
      const c4 = (await outbox(database)).filter((r) => r.startsWith('C4'));
      assert.deepEqual(c4, ['C4 letter cancelled 0']);
    });
  });
}
