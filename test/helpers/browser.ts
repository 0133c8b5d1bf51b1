import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { relanceDaemon } from './cli.ts';

/** Debian's Chromium (installed by .ci/run), or undefined when this machine has none. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  }).stdout.trim();
  return found || undefined;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Builds web/dist when a source is newer (what npm start and npm test do). */
export function ensureWebBuild(): void {
  const script = fileURLToPath(new URL('../../scripts/build-web.mjs', import.meta.url));
  execFileSync(process.execPath, [script, '--if-needed'], { stdio: 'inherit' });
}

export interface RunningRelance {
  readonly url: string;
  readonly email: string;
  readonly password: string;
  stop(): Promise<void>;
}

/**
 * A real `relance serve --demo` on a free loopback port with a fresh embedded database in a
 * temporary folder: the URL and the demo admin's credentials are read from what it prints.
 */
export async function startRelance(env: NodeJS.ProcessEnv = {}): Promise<RunningRelance> {
  const dir = mkdtempSync(join(tmpdir(), 'relance-web-'));
  const { child, match, output } = await relanceDaemon(
    ['serve', '--demo'],
    {
      RELANCE_DATA_DIR: join(dir, 'data'),
      DATABASE_URL: '',
      RELANCE_HOST: '127.0.0.1',
      PORT: '0',
      RELANCE_PORT: '0',
      RELANCE_RUN_AT: '',
      ...env,
    },
    /sign in as (\S+) with password (\S+)\n/,
  );
  const url = /Relance is running at (http:\/\/\S+)/.exec(output())?.[1];
  if (!url) throw new Error(`no URL printed:\n${output()}`);
  return {
    url,
    email: match[1]!,
    password: match[2]!,
    stop: async () => {
      await stopChild(child);
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new 1440×900 English page of `browser`, signed in to `relance` as its demo admin. */
export async function signedInPage(browser: Browser, relance: RunningRelance): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(`${relance.url}/`);
  await page.getByLabel('E-mail').fill(relance.email);
  await page.getByLabel('Password').fill(relance.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  return page;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The `skip` option of a browser test suite: false when Debian's Chromium is here; on a
 * developer's machine without it, why the suite is skipped. In CI a missing Chromium is an
 * error, never a skip (.ci/run installs it).
 */
export function browserSkip(): string | false {
  if (chromiumPath()) return false;
  if (process.env.CI) {
    throw new Error(
      'the browser tests need Debian chromium: apt-get install chromium (.ci/run does)',
    );
  }
  return 'no chromium on this machine (.ci/run installs it)';
}

/** A fresh `relance serve --demo`, Chromium, and a page signed in as the demo admin. */
export interface BrowserSession {
  readonly relance: RunningRelance;
  readonly browser: Browser;
  readonly page: Page;
  stop(): Promise<void>;
}

export async function openBrowserSession(env: NodeJS.ProcessEnv = {}): Promise<BrowserSession> {
  ensureWebBuild();
  const executable = chromiumPath();
  if (!executable) throw new Error('no chromium on this machine');
  const [relance, browser] = await Promise.all([startRelance(env), launchChromium(executable)]);
  const page = await signedInPage(browser, relance);
  return {
    relance,
    browser,
    page,
    stop: async () => {
      await browser.close();
      await relance.stop();
    },
  };
}
