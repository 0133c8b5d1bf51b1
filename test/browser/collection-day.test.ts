// A collection day's decisions in a real browser (Debian's Chromium) against a real
// `relance serve --demo` on a fresh embedded database: a promise taken on the phone stops
// the escalation in the next plan, a dispute is opened, letters are printed and a letter's
// PDF opens from the customer's timeline.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkip, openBrowserSession, type BrowserSession } from '../helpers/browser.ts';

const skip = browserSkip();

interface Plan {
  asOf: string;
  actions: { customer: string; stepKind: string }[];
  skips: { customer: string; code: string }[];
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('web UI: a collection day', { skip, timeout: 480_000 }, () => {
  let session: BrowserSession;
  let relance: BrowserSession['relance'];
  let page: Page;
  /** The two most overdue customers: one promises, the other disputes. */
  let promised = '';
  let disputed = '';
  let sentNow = '';

  before(async () => {
    session = await openBrowserSession();
    ({ relance, page } = session);
  });
  after(async () => {
    await session?.stop();
  });

  /** A state-changing API call with the page's session (cookie + CSRF), as the UI makes it. */
  const apiPost = async <T>(path: string, body: unknown): Promise<T> => {
    const request = page.context().request;
    const session = (await (await request.get(`${relance.url}/api/session`)).json()) as {
      csrfToken: string;
    };
    const response = await request.post(`${relance.url}${path}`, {
      data: body,
      headers: { 'x-csrf-token': session.csrfToken },
    });
    assert.ok(response.ok(), `${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  };

  test('a promise taken on the phone: the next plan skips that customer (PROMISE_PENDING)', async () => {
    await page.goto(`${relance.url}/customers?overdue=true&sort=overdue&order=desc`);
    const links = page.locator('table.customers tbody tr a');
    await links.nth(2).waitFor();
    const codeOf = async (n: number) =>
      decodeURIComponent((await links.nth(n).getAttribute('href'))!.replace('/customers/', ''));
    promised = await codeOf(0);
    disputed = await codeOf(1);
    sentNow = await codeOf(2);
    // Before the promise, today's plan has an action for the customer.
    const before = await apiPost<Plan>('/api/runs/preview', {});
    assert.ok(
      before.actions.some((a) => a.customer === promised),
      'an action before the promise',
    );

    await links.nth(0).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByRole('button', { name: 'Log a call' }).click();
    await page.getByLabel('Outcome').selectOption('promise');
    await page.getByLabel('Promised date').fill(addDays(before.asOf, 10));
    await page.getByLabel('Amount').fill('500.00');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.locator('.timeline .entry').filter({ hasText: 'PROMISE_ADDED' }).first().waitFor();

    // The run page's preview shows the skip, with the customer as its example.
    await page.getByRole('link', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Preview today' }).click();
    const row = page.locator('.plan tr').filter({ hasText: 'PROMISE_PENDING' });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(promised));
    const after = await apiPost<Plan>('/api/runs/preview', {});
    assert.equal(
      after.actions.filter((a) => a.customer === promised).length,
      0,
      'no action for the customer who promised',
    );
    assert.ok(after.skips.some((s) => s.customer === promised && s.code === 'PROMISE_PENDING'));
  });

  test('a dispute opened on an invoice is listed with the disputed items and in the timeline', async () => {
    await page.goto(`${relance.url}/customers/${encodeURIComponent(disputed)}`);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByRole('button', { name: 'Open a dispute' }).click();
    const item = await page.getByLabel('Item').inputValue();
    assert.ok(item, 'an invoice to dispute');
    await page.getByLabel('Reason').fill('Goods returned damaged');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const entry = page.locator('.timeline .entry').filter({ hasText: 'DISPUTE_OPENED' }).first();
    await entry.waitFor();
    assert.match(await entry.innerText(), new RegExp(item));
    // The disputed items, read again after the change, list it with a Resolve button.
    await page.locator('.disputes li').filter({ hasText: item }).waitFor();
  });

  test('the next step sent now from the account, ahead of the run', async () => {
    await page.goto(`${relance.url}/customers/${encodeURIComponent(sentNow)}`);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByRole('button', { name: 'Send the next step now' }).click();
    const proposal = page.locator('ul.send-now li').first();
    await proposal.waitFor();
    assert.match(await proposal.innerText(), /SENT_NOW/);
    await page.getByRole('button', { name: 'Send now' }).click();
    await page.getByRole('status').filter({ hasText: 'Planned now' }).waitFor();
    // Asked again the same day, nothing more can go, and the page says why.
    await page.getByRole('button', { name: 'Send the next step now' }).click();
    await page.locator('.send-now-skips li').filter({ hasText: 'ALREADY_DONE' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Send now' }).count(), 0);
  });

  test('letters printed from the run page; a letter PDF opens from the timeline', async () => {
    // Three weeks of runs (a run every eight days) bring the oldest debts to the letter step.
    const today = (await apiPost<Plan>('/api/runs/preview', {})).asOf;
    for (const days of [0, 8, 16, 24]) {
      await apiPost('/api/runs', { asOf: addDays(today, days), force: true });
    }
    await page.goto(`${relance.url}/run`);
    const [made] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/letters/batches') && r.request().method() === 'POST',
        { timeout: 240_000 },
      ),
      page.getByRole('button', { name: 'Print letters' }).click(),
    ]);
    const batch = (await made.json()) as { letters: { customer: string }[]; url: string };
    assert.ok(batch.letters.length > 0, 'letters in the batch');
    const note = page.getByRole('status').filter({ hasText: /Print batch #\d+/ });
    await note.waitFor();
    const pdfLink = note.getByRole('link', { name: 'Open the PDF' });
    assert.equal(await pdfLink.getAttribute('href'), batch.url);

    // The batch went to the post office: recorded from the page (no registered letter here).
    const row = page.locator('table.letter-batches tbody tr').first();
    await row.getByRole('button', { name: 'Mark posted' }).click();
    await page.getByRole('button', { name: 'Record the posting' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`posted: ${batch.letters.length} letters sent`) })
      .waitFor();
    assert.equal(await row.getByRole('button', { name: 'Mark posted' }).count(), 0);

    const customer = batch.letters[0]!.customer;
    await page.goto(`${relance.url}/customers/${encodeURIComponent(customer)}`);
    const letter = page.locator('.timeline .entry-docs a', { hasText: 'Letter (PDF)' }).first();
    await letter.waitFor();
    const href = await letter.getAttribute('href');
    assert.match(href ?? '', /^\/api\/documents\/\d+$/);
    const [popup] = await Promise.all([page.waitForEvent('popup'), letter.click()]);
    await popup.close();
    const pdf = await page.context().request.get(`${relance.url}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('the worklist: formal notices await approval; two are approved from the list', async () => {
    const today = (await apiPost<Plan>('/api/runs/preview', {})).asOf;
    await apiPost('/api/runs', { asOf: addDays(today, 35), force: true });
    await page.getByRole('link', { name: 'Worklist' }).click();
    await page.getByRole('heading', { name: 'Actions awaiting approval' }).waitFor();
    const boxes = page.locator('table input[type="checkbox"]');
    await boxes.nth(1).waitFor();
    const waiting = await boxes.count();
    assert.ok(waiting >= 2, `${waiting} actions awaiting approval`);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: 'Approve selected (2)' }).click();
    await page.getByRole('button', { name: 'Approve selected (0)' }).waitFor();
    const deadline = Date.now() + 20_000;
    while ((await boxes.count()) !== waiting - 2 && Date.now() < deadline) {
      await page.waitForTimeout(100);
    }
    assert.equal(await boxes.count(), waiting - 2);
  });
});
