// The collector workspace in a real browser (Debian's Chromium through playwright-core)
// against a real `relance serve --demo` with a fresh embedded database: no mock of our API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { SmtpSink } from '../helpers/smtp-sink.ts';
import {
  browserSkip,
  chromiumPath,
  ensureWebBuild,
  launchChromium,
  startRelance,
  type RunningRelance,
} from '../helpers/browser.ts';

const skip = browserSkip();
const executable = chromiumPath();

describe('web UI', { skip, timeout: 480_000 }, () => {
  let relance: RunningRelance;
  let browser: Browser;
  let page: Page;
  let sink: SmtpSink;

  before(async () => {
    ensureWebBuild();
    // The e-mails sent from the run page land in a real SMTP server on loopback.
    sink = await new SmtpSink().start();
    [relance, browser] = await Promise.all([
      startRelance({ RELANCE_SMTP_URL: sink.url, RELANCE_MAIL_FROM: '' }),
      launchChromium(executable!),
    ]);
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'en-GB',
    });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await relance?.stop();
    await sink?.stop();
  });

  const signIn = async (password: string) => {
    await page.getByLabel('E-mail').fill(relance.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  test('a wrong password shows an error and stays on the sign-in page', async () => {
    await page.goto(`${relance.url}/`);
    await page.getByRole('heading', { name: 'Sign in to Relance' }).waitFor();
    await signIn('not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Wrong e-mail or password/);
  });

  test('the printed demo credentials sign in; the customers list shows the demo ledger', async () => {
    await signIn(relance.password);
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await page.locator('table.customers tbody tr').first().waitFor();
    assert.equal(await page.locator('table.customers tbody tr').count(), 50);
    assert.match(await page.locator('.filters').innerText(), /200 customers/);
    // Money is formatted from minor units in the UI language (en-GB): "€1,234.56".
    const balance = await page.locator('table.customers tbody tr td.num').first().innerText();
    assert.match(balance, /^-?[€£$]|^-?[A-Z]{3}/, balance);
    // Search narrows the list on the server, and the address keeps the filter.
    await page.getByRole('searchbox').fill('C000001');
    await page.waitForURL(/q=C000001/);
    await page.locator('table.customers tbody tr').nth(1).waitFor({ state: 'detached' });
    assert.equal(await page.locator('table.customers tbody tr').count(), 1);
  });

  test('a refresh keeps the session and the page (index.html for the app paths)', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    assert.match(page.url(), /\/customers\?q=C000001/);
  });

  test('the XLSX export holds the filtered list; unknown API routes answer JSON 404', async () => {
    const request = page.context().request;
    const xlsx = await request.get(`${relance.url}/api/customers/export.xlsx?q=C000001`);
    assert.equal(xlsx.status(), 200);
    assert.match(xlsx.headers()['content-type'] ?? '', /spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.actualRowCount, 2);
    assert.equal(sheet.getRow(2).getCell(1).value, 'C000001');
    const missing = await request.get(`${relance.url}/api/no-such-route`);
    assert.equal(missing.status(), 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');
  });

  test('an account opens; a note appears in its timeline', async () => {
    await page.locator('table.customers tbody tr a').first().click();
    await page.waitForURL(/\/customers\/C000001$/);
    await page.getByRole('heading', { name: 'Items' }).waitFor();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByRole('button', { name: 'Add a note' }).click();
    const note = `Called the accounts payable desk ${Date.now()}`;
    await page.getByLabel('Note').fill(note);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const entry = page.locator('.timeline .entry').filter({ hasText: note });
    await entry.waitFor();
    assert.match(await entry.innerText(), /NOTE_ADDED/);
  });

  test('a call with a promise to pay is recorded', async () => {
    await page.getByRole('button', { name: 'Log a call' }).click();
    await page.getByLabel('Outcome').selectOption('promise');
    const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Promised date').fill(inTenDays);
    await page.getByLabel('Amount').fill('150.00');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.locator('.timeline .entry').filter({ hasText: 'PROMISE_ADDED' }).first().waitFor();
  });

  test('switching to French shows French labels, and the choice is kept', async () => {
    await page.getByLabel('Language').first().selectOption('fr');
    await page.getByRole('heading', { name: 'Historique' }).waitFor();
    await page.getByRole('link', { name: 'Clients' }).first().waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Pièces' }).waitFor();
    // Money now follows fr-FR: the currency sign after the amount ("1 234,56 €").
    const figure = await page.locator('.figure .value').first().innerText();
    assert.match(figure, /\d,\d{2}\s?[€£$]|[A-Z]{3}$/, figure);
    await page.getByLabel('Langue').first().selectOption('en');
  });

  test("the run page previews today's plan, then stores the run; the dashboard draws", async () => {
    await page.getByRole('link', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Preview today' }).click();
    await page.getByRole('heading', { name: /Today's plan/ }).waitFor();
    assert.ok((await page.locator('.plan table').first().locator('tbody tr').count()) > 0);
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('status').filter({ hasText: 'Run stored' }).waitFor();
    await page.getByRole('heading', { name: /Actions of run #1/ }).waitFor();
    // Send: the worker's drain runs in the server; the reminders reach the SMTP server.
    await page.getByRole('button', { name: 'Send approved' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Delivery: \d+ sent/ })
      .waitFor({ timeout: 240_000 });
    assert.ok(sink.received.length > 0, 'e-mails received by the loopback SMTP server');
    const mail = (await sink.parsed())[0]!;
    assert.equal(mail.from?.value[0]?.address, 'recouvrement@relance-demo.example');
    assert.match(mail.messageId ?? '', /^<relance\.action-\d+\.email@relance-demo\.example>$/);
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Aged balance' }).waitFor();
    await page.locator('.chart canvas').first().waitFor();
  });

  test('the scenario editor shows JSON and validation errors inline', async () => {
    await page.getByRole('link', { name: 'Scenarios' }).click();
    const definition = page.getByLabel('Definition (JSON, docs/scenarios.md)');
    await definition.waitFor();
    // The editor shows up before the scenario is loaded into it: wait for its text.
    const deadline = Date.now() + 20_000;
    while (!(await definition.inputValue()).includes('"steps"') && Date.now() < deadline) {
      await page.waitForTimeout(100);
    }
    assert.match(await definition.inputValue(), /"steps"/);
    await definition.fill('{ "code": ');
    await page.getByRole('alert').filter({ hasText: 'Not valid JSON' }).waitFor();
    await definition.fill('{ "code": "default", "name": "", "steps": [] }');
    await page.getByRole('button', { name: 'Save' }).click();
    const issues = page.getByRole('alert');
    await issues.locator('li').first().waitFor();
    assert.match(await issues.innerText(), /name|steps/);
  });

  test('signing out goes back to the sign-in page', async () => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Relance' }).waitFor();
  });
});
