// Screenshots of the web UI's main pages at 1440×900 for the README (docs/screenshots/):
// a real `relance serve --demo` on a fresh database, a real SMTP sink on loopback, one
// dunning run and its e-mails sent, then Debian's Chromium visits each page.
// Run: npm run screenshots
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { chromiumPath, launchChromium, startRelance } from '../test/helpers/browser.ts';
import { SmtpSink } from '../test/helpers/smtp-sink.ts';

const out = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });
const executable = chromiumPath();
if (!executable) throw new Error('no chromium: apt-get install chromium');

const sink = await new SmtpSink({ keep: false }).start();
const relance = await startRelance({
  RELANCE_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  RELANCE_MAIL_FROM: 'Credit team <credit@relance.test>',
});
const browser = await launchChromium(executable);
try {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const shot = async (name: string, options: { idle?: boolean } = {}) => {
    // A letter's PDF in a frame keeps the page from ever being idle: wait a moment instead.
    if (options.idle === false) await page.waitForTimeout(1500);
    else await page.waitForLoadState('networkidle');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}${name}.png` });
    console.log(`docs/screenshots/${name}.png`);
  };

  await page.goto(`${relance.url}/`);
  await page.getByLabel('E-mail').fill(relance.email);
  await shot('sign-in');
  await page.getByLabel('Password').fill(relance.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();

  // Three weeks of runs (so that some customers reach the steps that call) and their
  // e-mails sent: timelines, tasks and the dashboard fill up; today's run is previewed.
  const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
  for (const back of [21, 14, 7]) await apiPost(page, '/api/runs', { asOf: day(back) });
  await apiPost(page, '/api/outbox/send', {});

  await page.goto(`${relance.url}/`);
  await page.getByRole('heading', { name: 'Worklist' }).waitFor();
  await shot('worklist');

  await page.goto(`${relance.url}/customers?overdue=true`);
  await page.locator('table.customers tbody tr').first().waitFor();
  await shot('customers');

  const code = await page.locator('table.customers tbody tr td.mono a').first().innerText();
  await page.goto(`${relance.url}/customers/${code}`);
  await page.locator('.timeline .entry').first().waitFor();
  await page.getByRole('button', { name: 'Log a call' }).click();
  await shot('account');

  await page.goto(`${relance.url}/run`);
  await page.getByRole('button', { name: 'Preview today' }).click();
  await page.getByRole('heading', { name: /Today's plan/ }).waitFor();
  await shot('run');

  await page.goto(`${relance.url}/dashboard`);
  await page.locator('.chart canvas').first().waitFor();
  await shot('dashboard');

  await page.goto(`${relance.url}/imports`);
  await page.getByLabel('CSV or XLSX file').setInputFiles({
    name: 'open-items-2026-11.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      [
        'customer,number,type,issue_date,due_date,currency,amount,open_amount',
        'C000001,SHOT-1,invoice,2026-01-05,2026-02-04,EUR,120.00,120.00',
        'C000002,SHOT-2,invoice,2026-01-05,2026-02-04,EUR,80.50,80.50',
        'C000003,SHOT-3,invoice,2026-01-12,2026-02-11,EUR,1200.00,1200.00',
      ].join('\n'),
    ),
  });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'rows imported' }).waitFor();
  await shot('imports');

  await page.goto(`${relance.url}/users`);
  await page.locator('table.data tbody tr').first().waitFor();
  await shot('users');

  await page.goto(`${relance.url}/scenarios?tab=templates`);
  await page.getByRole('button', { name: /level2_letter\s+en/ }).click();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await page.locator('iframe.preview').or(page.getByRole('alert')).first().waitFor();
  await shot('templates', { idle: false });

  await page.getByLabel('Language').first().selectOption('fr');
  await page.goto(`${relance.url}/customers/${code}`);
  await page.getByRole('heading', { name: 'Historique' }).waitFor();
  await shot('account-fr');
} finally {
  await browser.close();
  await relance.stop();
  await sink.stop();
}

/** A state-changing API call from the signed-in page (its cookie, its CSRF token). */
async function apiPost(page: Page, path: string, body: unknown): Promise<void> {
  const status = await page.evaluate(
    async ([p, b]) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const r = await fetch(p as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify(b),
      });
      return `${r.status} ${(await r.text()).slice(0, 300)}`;
    },
    [path, body],
  );
  console.log(`POST ${path}: ${status.slice(0, 120)}`);
}
