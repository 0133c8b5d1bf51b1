// The Users page and the template editor's live preview in a real browser against
// `relance serve --demo`: add a user, change their role, disable and enable them; see the
// edits of a template rendered before saving, and its problems with their line.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkip, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';

const skip = browserSkip();

describe('web UI: users and template previews', { skip, timeout: 300_000 }, () => {
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

  const row = (email: string) => page.locator('table.users tbody tr').filter({ hasText: email });
  /** The list reloads after each notice: waits for the row to read as expected. */
  const rowShows = async (email: string, expected: RegExp) => {
    const deadline = Date.now() + 20_000;
    let text = '';
    while (Date.now() < deadline) {
      text = await row(email).innerText();
      if (expected.test(text)) return;
      await page.waitForTimeout(100);
    }
    assert.match(text, expected);
  };

  test('an admin adds a user, changes their role, disables and enables them', async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await row(relance.email).waitFor();
    assert.match(await row(relance.email).innerText(), /Admin/);
    await page.getByRole('button', { name: 'Add a user' }).click();
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('E-mail').fill('anna@example.com');
    await form.getByLabel('Role').selectOption('collector');
    await form.getByLabel("Name in the customers' collector column").fill('Anna Becker');
    await form.getByLabel('Initial password').fill('a long enough secret');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'anna@example.com can now sign in.' })
      .waitFor();
    await rowShows('anna@example.com', /Collector\s+Anna Becker\s+Active/);

    await row('anna@example.com').getByRole('button', { name: 'Change' }).click();
    await page.locator('tr.selected').getByLabel('Role').selectOption('viewer');
    await page.locator('tr.selected').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'anna@example.com changed.' }).waitFor();
    await rowShows('anna@example.com', /Viewer/);

    page.once('dialog', (dialog) => void dialog.accept());
    await row('anna@example.com').getByRole('button', { name: 'Disable' }).click();
    await row('anna@example.com')
      .getByText(/^Disabled /)
      .waitFor();
    await row('anna@example.com').getByRole('button', { name: 'Enable' }).click();
    await row('anna@example.com').getByText('Active', { exact: true }).waitFor();

    // The last admin cannot disable themselves: the server's refusal shows on the row.
    page.once('dialog', (dialog) => void dialog.accept());
    await row(relance.email).getByRole('button', { name: 'Disable' }).click();
    await row(relance.email).getByRole('alert').filter({ hasText: 'last active admin' }).waitFor();
  });

  test('the template editor previews the unsaved text as you type, and its problems', async () => {
    await page.goto(`${relance.url}/scenarios?tab=templates`);
    await page.getByRole('button', { name: /^reminder_email\s*en\b/ }).click();
    const body = page.getByLabel('Body (Markdown with #hashtags, docs/templates.md)');
    await body.waitFor();
    await body.press('End');
    await body.press('Control+End');
    await body.pressSequentially('\n\nA LIVE PREVIEW LINE');
    const frame = page.frameLocator('iframe.preview');
    await frame.getByText('A LIVE PREVIEW LINE').waitFor();
    await body.pressSequentially(' #NoSuchTag');
    await page
      .getByRole('alert')
      .filter({ hasText: /template\.body \(line \d+\)/ })
      .waitFor();
    assert.match(await page.getByRole('alert').last().innerText(), /NoSuchTag/);
  });
});
