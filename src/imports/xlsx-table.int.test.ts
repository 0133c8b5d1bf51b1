import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { tempDir, writeFile, csv } from '../../test/helpers/files.ts';
import type { Database } from '../store/database.ts';
import { importFile } from './import-file.ts';
import { readTableFile } from './read-table.ts';

const dir = tempDir('relance-xlsx-');

async function writeWorkbook(path: string, rows: unknown[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Open items');
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(path);
}

describe('XLSX import', () => {
  const path = join(dir, 'items.xlsx');
  before(async () => {
    await writeWorkbook(path, [
      [
        'Customer',
        'Number',
        'Type',
        'Issue date',
        'Due date',
        'Currency',
        'Amount',
        'Open amount',
        'Comment',
      ],
      [
        'C1',
        'F-100',
        'Invoice',
        new Date(Date.UTC(2024, 1, 29)),
        new Date(Date.UTC(2024, 2, 30)),
        'EUR',
        1234.56,
        1234.56,
        'leap day',
      ],
      ['C1', 'F-101', 'invoice', '2024-03-01', '2024-03-31', 'EUR', 0.1 + 0.2, 0.3, ''],
      ['C1', 'CN-100', 'credit note', new Date(Date.UTC(2024, 2, 5)), null, 'EUR', 10, 10, ''],
    ]);
  });

  it('reads typed cells as the text a CSV would hold', async () => {
    const { table } = await readTableFile(path, { maxBytes: 1e6 });
    assert.deepEqual(table.header.slice(0, 3), ['Customer', 'Number', 'Type']);
    assert.deepEqual(table.rows[0]?.slice(3, 8), [
      '2024-02-29',
      '2024-03-30',
      'EUR',
      '1234.56',
      '1234.56',
    ]);
    assert.equal(table.rows[1]?.[6], '0.3', 'floating-point noise from the spreadsheet is removed');
  });

  for (const backend of BACKENDS) {
    describe(backend.name, { skip: backend.skip }, () => {
      let database: Database;
      before(async () => {
        database = await backend.open();
        const customers = writeFile(
          dir,
          `${backend.name}-c.csv`,
          csv('code,name,country,language,currency', 'C1,Client,FR,fr,EUR'),
        );
        await importFile(database, { kind: 'customers', path: customers, asOf: '2024-04-01' });
      });
      after(async () => database?.close());

      it('imports an .xlsx items file and reports ignored columns', async () => {
        const report = await importFile(database, { kind: 'items', path, asOf: '2024-04-01' });
        assert.equal(report.inserted, 3);
        assert.deepEqual(report.ignoredColumns, ['Comment']);
        const rows = await database.db
          .selectFrom('items')
          .select(['number', 'amount_minor', 'due_date'])
          .orderBy('number')
          .execute();
        assert.deepEqual(rows, [
          { number: 'CN-100', amount_minor: -1000, due_date: '2024-03-05' },
          { number: 'F-100', amount_minor: 123456, due_date: '2024-03-30' },
          { number: 'F-101', amount_minor: 30, due_date: '2024-03-31' },
        ]);
      });
    });
  }
});
