import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
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
