// The account page's settings in a real browser against `relance serve --demo`: block and
// release the account for new orders, change the collector and the scenario.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkip, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';

const skip = browserSkip();

describe('web UI: account status, collector and scenario', { skip, timeout: 300_000 }, () => {
  let session: BrowserSession;
  let relance: BrowserSession['relance'];
  let page: Page;

  before(async () => {
    session = await openBrowserSession();
    ({ relance, page } = session);
    await page.goto(`${relance.url}/customers/C000002`);
    await page.getByRole('heading', { name: 'Items' }).waitFor();
  });

  after(async () => {
    await session?.stop();
  });

  const save = async () => {
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  };
  const badges = () => page.locator('.head-badges');

  test('blocks the account for new orders, with the reason in the header and the timeline', async () => {
    await badges().getByText('Active', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Block new orders' }).click();
    await page.getByLabel('Reason', { exact: true }).fill('cheque bounced twice');
    await save();
    await badges().getByText('Blocked', { exact: true }).waitFor();
    await badges().getByText('No new orders').waitFor();
    assert.match(
      await page.locator('.status-reason').innerText(),
      /account blocked for new orders by .+: cheque bounced twice; lifted by hand only/,
    );
    const entry = page.locator('.timeline .entry').filter({ hasText: 'ACCOUNT_BLOCKED' });
    await entry.waitFor();
    assert.match(await entry.innerText(), /cheque bounced twice/);
    // A blocked account offers no second block.
    assert.equal(await page.getByRole('button', { name: 'Block new orders' }).count(), 0);
  });

  test('releases it: active again, the reason line gone', async () => {
    await page.getByRole('button', { name: 'Release for new orders' }).click();
    await page.getByLabel('Reason (optional)').fill('paid by wire');
    await save();
    await badges().getByText('Active', { exact: true }).waitFor();
    await page.locator('.status-reason').waitFor({ state: 'detached' });
    await page.locator('.timeline .entry').filter({ hasText: 'ACCOUNT_RELEASED' }).waitFor();
  });

  test('a block without a reason is refused, naming the field', async () => {
    await page.getByRole('button', { name: 'Block new orders' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    const alert = page.getByRole('alert');
    await alert.locator('li').first().waitFor();
    assert.match(await alert.innerText(), /reason: a non-empty text/);
    await page.getByRole('button', { name: 'Block new orders' }).click();
  });

  test('changes the collector and the scenario', async () => {
    await page.getByRole('button', { name: 'Scenario and collector' }).click();
    const collector = page.getByLabel('Collector', { exact: true });
    await collector.fill('Zoé Lambert');
    await page.getByLabel('Scenario').selectOption('key_accounts');
    await save();
    const facts = page.locator('.facts');
    await facts.getByText('Zoé Lambert').waitFor();
    await facts.getByText('key_accounts').waitFor();
    const entry = page.locator('.timeline .entry').filter({ hasText: 'CUSTOMER_UPDATED' });
    await entry.waitFor();
    assert.match(await entry.innerText(), /collector .+ → Zoé Lambert/);
  });
});
