import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { BACKENDS } from '../../test/helpers/test-databases.ts';
import { tempDir, writeFile, csv } from '../../test/helpers/files.ts';
import type { Database } from '../store/database.ts';
import { AppError, describeProblem } from '../core/errors.ts';
import { importFile } from './import-file.ts';

/** The optional `document_url` column of items files: checked, stored, compared. */

const dir = tempDir('relance-document-url-');
const HEADER = 'customer,number,type,issue_date,due_date,currency,amount,open_amount,document_url';
const item = (number: string, url: string) =>
  `C1,${number},invoice,2026-02-01,2026-03-03,EUR,100.00,100.00,${url}`;
const GOOD = 'https://erp.example/inv/F-1.pdf?token=a%20b';
const LONG = `https://erp.example/${'x'.repeat(1990)}`;

for (const backend of BACKENDS) {
  describe(`import: items document_url (${backend.name})`, { skip: backend.skip }, () => {
    let database: Database;
    let files = 0;
    const run = (kind: 'customers' | 'items', content: string) =>
      importFile(database, {
        kind,
        path: writeFile(dir, `${backend.name}-${(files += 1)}.csv`, content),
        asOf: '2026-03-15',
      });
    const urls = async () =>
      (
        await database.db
          .selectFrom('items')
          .select(['number', 'document_url'])
          .orderBy('number')
          .execute()
      ).map((r) => `${r.number} ${r.document_url}`);

    before(async () => {
      database = await backend.open();
      await run('customers', csv('code,name,country,language,currency', 'C1,Acme,FR,fr,EUR'));
    });
    after(async () => {
      await database?.close();
    });

    it('stores an http(s) address; the same file again changes nothing', async () => {
      const first = await run(
        'items',
        csv(HEADER, item('F-1', GOOD), item('F-2', 'HTTP://erp.example/F-2.pdf'), item('F-3', '')),
      );
      assert.equal(first.inserted, 3);
      assert.deepEqual(await urls(), [`F-1 ${GOOD}`, 'F-2 HTTP://erp.example/F-2.pdf', 'F-3 null']);
      const again = await run(
        'items',
        csv(HEADER, item('F-1', GOOD), item('F-2', 'HTTP://erp.example/F-2.pdf'), item('F-3', '')),
      );
      assert.deepEqual([again.inserted, again.updated, again.unchanged], [0, 0, 3]);
    });

    it('a changed or emptied address updates the item; an absent column keeps it', async () => {
      const changed = await run(
        'items',
        csv(
          HEADER,
          item('F-1', 'https://erp.example/v2/F-1.pdf'),
          item('F-2', ''),
          item('F-3', ''),
        ),
      );
      assert.deepEqual([changed.updated, changed.unchanged], [2, 1]);
      const without = await run(
        'items',
        csv(
          'customer,number,type,issue_date,due_date,currency,amount,open_amount',
          'C1,F-1,invoice,2026-02-01,2026-03-03,EUR,100.00,100.00',
        ),
      );
      assert.equal(without.unchanged, 1);
      assert.deepEqual(await urls(), [
        'F-1 https://erp.example/v2/F-1.pdf',
        'F-2 null',
        'F-3 null',
      ]);
    });

    it('refuses anything but an absolute http(s) address of at most 2000 characters', async () => {
      const error = await run(
        'items',
        csv(
          HEADER,
          item('G-1', 'erp.example/G-1.pdf'),
          item('G-2', 'ftp://erp.example/G-2.pdf'),
          item('G-3', LONG),
          item('G-4', 'file:///etc/passwd'),
          item('G-5', 'https:erp.example/G-5.pdf'),
          item('G-6', 'javascript:alert(1)'),
        ),
      ).then(
        () => assert.fail('the import should have been refused'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof AppError, String(error));
      assert.equal(error.code, 'INVALID_INPUT');
      const seen = error.problems.map((p) => `${p.row} ${p.field} ${p.value} → ${p.expected}`);
      assert.deepEqual(seen, [
        '2 document_url erp.example/G-1.pdf → an http:// or https:// address',
        '3 document_url ftp://erp.example/G-2.pdf → an http:// or https:// address',
        `4 document_url ${LONG} → an address of at most 2000 characters`,
        '5 document_url file:///etc/passwd → an http:// or https:// address',
        '6 document_url https:erp.example/G-5.pdf → an http:// or https:// address',
        '7 document_url javascript:alert(1) → an http:// or https:// address',
      ]);
      assert.match(
        describeProblem(error.problems[1]!),
        /^row 3, document_url: got "ftp:\/\/erp\.example\/G-2\.pdf", expected an http:\/\/ or https:\/\/ address$/,
      );
      assert.deepEqual(await urls(), [
        'F-1 https://erp.example/v2/F-1.pdf',
        'F-2 null',
        'F-3 null',
      ]);
    });

    it('the database refuses other schemes too (migration 0012)', async () => {
      for (const bad of [
        'file:///etc/passwd',
        'ftp://erp.example/x.pdf',
        `https://x/${'y'.repeat(2000)}`,
      ]) {
        await assert.rejects(
          sql`update items set document_url = ${bad} where number = 'F-2'`.execute(database.db),
          /items_document_url_http/,
        );
      }
    });
  });
}
