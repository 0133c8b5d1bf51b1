import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { tempDir, writeFile, csv } from '../../test/helpers/files.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { importFile } from '../imports/import-file.ts';
import { runDunning, type RunOptions } from './run-dunning.ts';

const dir = tempDir('relance-run-');
const AS_OF = '2026-03-10'; // a Tuesday

const CUSTOMERS = csv(
  'code,name,country,language,currency,email,address_line1,postal_code,city',
  'C1,Un SARL,FR,fr,EUR,ap@un.example,1 rue A,75001,Paris',
  'C2,Zwei GmbH,DE,de,EUR,ap@zwei.example,Hauptstr. 1,10115,Berlin',
  'C3,Three Ltd,GB,en,GBP,,1 High St,EC1A 1AA,London',
  'C4,Quatre SA,FR,fr,EUR,ap@quatre.example,2 rue B,69001,Lyon',
);
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount,disputed',
  'C1,F1,invoice,2026-02-01,2026-03-03,EUR,100.00,100.00,no',
  'C2,F2,invoice,2026-02-01,2026-03-07,EUR,200.00,200.00,no',
  'C3,F3,invoice,2026-02-01,2026-03-05,GBP,300.00,300.00,no',
  'C4,F4,invoice,2026-02-01,2026-03-04,EUR,400.00,400.00,yes',
);

for (const backend of BACKENDS) {
  describe(`dunning run (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    const run = (over: Partial<RunOptions> = {}) =>
      runDunning(database, { asOf: AS_OF, now: new Date(), ...over });
    const stored = async () =>
      (
        await database.db
          .selectFrom('dunning_actions')
          .select(['idempotency_key', 'state'])
          .orderBy('idempotency_key')
          .execute()
      ).map((r) => `${r.idempotency_key} ${r.state}`);

    before(async () => {
      database = await backend.open();
      await importFile(database, {
        kind: 'customers',
        path: writeFile(dir, `${backend.name}-c.csv`, CUSTOMERS),
        asOf: AS_OF,
      });
      await importFile(database, {
        kind: 'items',
        path: writeFile(dir, `${backend.name}-i.csv`, ITEMS),
        asOf: AS_OF,
      });
    });
    after(async () => database?.close());

    it('a dry run shows the plan and stores nothing', async () => {
      const report = await run({ dryRun: true });
      assert.deepEqual(
        report.actions.map((a) => `${a.customer} ${a.step} ${a.kinds.join('+')}`),
        ['C1 reminder email', 'C2 reminder email', 'C3 reminder letter'],
      );
      assert.ok(
        report.skips.some((s) => s.customer === 'C4' && s.code === 'DISPUTED' && s.item === 'F4'),
      );
      assert.ok(report.skips.some((s) => s.customer === 'C3' && s.code === 'NO_CONTACT'));
      assert.deepEqual(await stored(), []);
      const runs = await database.db.selectFrom('dunning_runs').select('id').execute();
      assert.equal(runs.length, 0);
    });

    it('refuses a stale ledger unless forced', async () => {
      const later = new Date(Date.now() + 48 * 3_600_000);
      await assert.rejects(
        run({ now: later, dryRun: true }),
        (e: unknown) =>
          e instanceof AppError && e.code === 'CONFLICT' && /stale ledger/.test(e.message),
      );
      const forced = await run({ now: later, dryRun: true, force: true });
      assert.equal(forced.actions.length, 3);
    });

    it('a run killed between batches, run again, completes the rest with no duplicate', async () => {
      await sql`create function fail_c3() returns trigger language plpgsql as $$
        begin if new.idempotency_key like 'C3|%' then raise exception 'simulated crash'; end if; return new; end $$`.execute(
        database.db,
      );
      await sql`create trigger fail_c3 before insert on dunning_actions for each row execute function fail_c3()`.execute(
        database.db,
      );
      await assert.rejects(run({ batchSize: 1 }), /simulated crash/);
      assert.deepEqual(await stored(), [
        'C1|EUR|reminder|2026-03-10 planned',
        'C2|EUR|reminder|2026-03-10 planned',
      ]);
      await sql`drop trigger fail_c3 on dunning_actions`.execute(database.db);
      const again = await run({ batchSize: 1 });
      assert.deepEqual(
        again.actions.map((a) => a.customer),
        ['C3'],
      );
      assert.deepEqual(await stored(), [
        'C1|EUR|reminder|2026-03-10 planned',
        'C2|EUR|reminder|2026-03-10 planned',
        'C3|GBP|reminder|2026-03-10 planned',
      ]);
    });

    it('the same day run again creates nothing and says why', async () => {
      const again = await run();
      assert.deepEqual(again.actions, []);
      assert.equal(again.skips.filter((s) => s.code === 'ALREADY_DONE').length, 3);
      assert.equal((await stored()).length, 3);
    });

    it('records planned actions and skips in the timeline, once a day', async () => {
      await run();
      const rows = await database.db
        .selectFrom('timeline')
        .select(['kind', 'code'])
        .orderBy('id')
        .execute();
      assert.equal(rows.filter((r) => r.kind === 'action').length, 3);
      assert.equal(rows.filter((r) => r.code === 'DISPUTED').length, 1);
    });

    it('the next steps come on their days', async () => {
      const r = await run({ asOf: '2026-03-11' });
      assert.deepEqual(r.actions, []);
      const l1 = await run({ asOf: '2026-03-16', force: true });
      assert.deepEqual(l1.actions.map((a) => `${a.customer} ${a.step}`).sort(), [
        'C1 level_1',
        'C2 level_1',
        'C3 level_1',
      ]);
    });

    it(
      'two runs at once: the second stops at once',
      { skip: backend.name === 'pglite' && 'PGlite serves one session: runs queue' },
      async () => {
        const results = await Promise.allSettled([
          run({ asOf: '2026-03-17', force: true }),
          run({ asOf: '2026-03-17', force: true }),
        ]);
        const busy = results.filter(
          (r) =>
            r.status === 'rejected' && r.reason instanceof AppError && r.reason.code === 'BUSY',
        );
        assert.equal(busy.length, 1, JSON.stringify(results.map((r) => r.status)));
      },
    );
  });
}
