// Imports from the browser (a job followed to its end) against a real `relance serve --demo`
// on a fresh embedded database, in Debian's Chromium: no mock of our API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkip, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';

const skip = browserSkip();

const HEADER = 'customer,number,type,issue_date,due_date,currency,amount,open_amount';

describe('web UI: imports followed as jobs', { skip, timeout: 300_000 }, () => {
  let session: BrowserSession;
  let relance: BrowserSession['relance'];
  let page: Page;

  before(async () => {
    session = await openBrowserSession();
    ({ relance, page } = session);
  });
  after(async () => {
    await session?.stop();
  });

  const upload = async (name: string, content: string) => {
    await page.getByLabel('CSV or XLSX file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(content),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
  };

  test('an items file is imported, its report shown and listed among recent imports', async () => {
    await page.getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports', exact: true }).waitFor();
    await page.getByLabel('What the file holds').selectOption('items');
    await upload(
      'extra-items.csv',
      [
        HEADER,
        'C000001,WEB-1,invoice,2026-01-05,2026-02-04,EUR,120.00,120.00',
        'C000002,WEB-2,invoice,2026-01-05,2026-02-04,EUR,80.50,80.50',
        '',
      ].join('\n'),
    );
    const report = page.getByRole('status').filter({ hasText: 'rows imported' });
    await report.waitFor();
    assert.match(await report.innerText(), /extra-items\.csv: 2 rows imported — 2 new/);
    const first = page.locator('table.data tbody tr').first();
    assert.match(await first.innerText(), /items · extra-items\.csv · 2[\s\S]*done/);
    // The imported invoice is on the customer's account.
    await page.goto(`${relance.url}/customers/C000001`);
    await page.getByText('WEB-1').first().waitFor();
  });

  test('a file with wrong rows lists every problem by row and changes nothing', async () => {
    await page.goto(`${relance.url}/imports`);
    await upload(
      'wrong.csv',
      [
        HEADER,
        'C000001,WEB-3,invoice,2026-01-05,2026-02-31,EUR,1.00,1.00',
        'NOBODY,WEB-4,invoice,2026-01-05,2026-02-04,EUR,1.00,1.00',
      ].join('\n'),
    );
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /row 2 · due_date/);
    assert.match(text, /row 3 · customer/);
    const first = page.locator('table.data tbody tr').first();
    assert.match(await first.innerText(), /wrong\.csv[\s\S]*failed/);
    await page.goto(`${relance.url}/customers/C000001`);
    await page.getByText('WEB-1').first().waitFor();
    assert.equal(await page.getByText('WEB-3').count(), 0);
  });
});
