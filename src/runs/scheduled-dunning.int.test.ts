import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { tempDir, writeFile, csv } from '../../test/helpers/files.ts';
import type { Database } from '../store/database.ts';
import { AppError } from '../core/errors.ts';
import { importFile } from '../imports/import-file.ts';
import { ensureCompany } from '../store/companies.ts';
import { runScheduledDunning, scheduleDunningRuns } from './scheduled-dunning.ts';

const dir = tempDir('relance-scheduled-');

const CUSTOMERS = csv(
  'code,name,country,language,currency,email,address_line1,postal_code,city',
  'C1,Un SARL,FR,fr,EUR,ap@un.example,1 rue A,75001,Paris',
);
const ITEMS = csv(
  'customer,number,type,issue_date,due_date,currency,amount,open_amount',
  'C1,F1,invoice,2020-01-01,2020-01-31,EUR,100.00,100.00',
);

for (const backend of BACKENDS) {
  describe(`scheduled dunning runs (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;

    before(async () => {
      database = await backend.open();
      const common = { company: 'MAIN', asOf: '2026-11-23' };
      await importFile(database, {
        ...common,
        kind: 'customers',
        path: writeFile(dir, `${backend.name}-c.csv`, CUSTOMERS),
      });
      await importFile(database, {
        ...common,
        kind: 'items',
        path: writeFile(dir, `${backend.name}-i.csv`, ITEMS),
      });
      await ensureCompany(database.db, {
        code: 'NY',
        name: 'New York Inc',
        country: 'US',
        currency: 'USD',
        timezone: 'America/New_York',
        locale: 'en-US',
      });
    });
    after(async () => database?.close());

    it('schedules every company at the local time of its own zone', async () => {
      const schedule = await scheduleDunningRuns(database, { time: '07:00', log: () => {} });
      try {
        const byCode = new Map(schedule.companies.map((c) => [c.company, c]));
        assert.deepEqual([...byCode.keys()].sort(), ['MAIN', 'NY']);
        const local = (zone: string, d: Date | null | undefined) =>
          d?.toLocaleTimeString('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
        assert.equal(local('Europe/Paris', byCode.get('MAIN')?.next), '07:00');
        assert.equal(local('America/New_York', byCode.get('NY')?.next), '07:00');
      } finally {
        await schedule.stop();
      }
    });

    it("runs today's plan for the company and logs one line", async () => {
      const lines: string[] = [];
      const now = new Date();
      const report = await runScheduledDunning(
        database,
        { code: 'MAIN', timezone: 'Europe/Paris' },
        (l) => lines.push(l),
        now,
      );
      assert.equal(report.dryRun, false);
      assert.equal(lines.length, 1);
      assert.match(
        lines[0] ?? '',
        /^dunning run of MAIN for \d{4}-\d{2}-\d{2} \(run \d+\): 1 customers, \d+ actions created, \d+ skips.*, \d+\.\d s$/,
      );
    });

    it('refuses a stale ledger like relance run does (the scheduler logs it)', async () => {
      const later = new Date(Date.now() + 72 * 3_600_000);
      await assert.rejects(
        runScheduledDunning(database, { code: 'MAIN', timezone: 'Europe/Paris' }, () => {}, later),
        (e: unknown) => e instanceof AppError && /stale ledger/.test(e.message),
      );
    });
  });
}
