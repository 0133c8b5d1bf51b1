#!/usr/bin/env node
// Builds the collector workspace (web/) into web/dist with Vite, which `relance serve`
// serves. `--if-needed` (npm start, npm test) skips the build when web/dist is newer than
// every source file; without Vite (an install without dev dependencies) it keeps what
// is built, or says how to get it. See docs/web-ui.md.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../web/', import.meta.url));
const stamp = join(web, 'dist', 'index.html');
const ifNeeded = process.argv.includes('--if-needed');

/** The newest modification time under the sources of the UI (and the lock file). */
function newestSource() {
  let newest = 0;
  const visit = (path) => {
    const s = statSync(path);
    if (s.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const entry of ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json'])
    if (existsSync(join(web, entry))) visit(join(web, entry));
  const lock = fileURLToPath(new URL('../package-lock.json', import.meta.url));
  if (existsSync(lock)) newest = Math.max(newest, statSync(lock).mtimeMs);
  return newest;
}

if (ifNeeded && existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource()) process.exit(0);

let vite;
try {
  vite = await import('vite');
} catch {
  if (existsSync(stamp)) {
    console.warn('web UI: Vite is not installed (dev dependencies); serving the existing build');
    process.exit(0);
  }
  console.warn(
    'web UI: not built and Vite is not installed: run `npm install` (with dev dependencies), ' +
      'then `npm run build:web`. The API works without it.',
  );
  process.exit(ifNeeded ? 0 : 1);
}
const started = Date.now();
process.stdout.write('building the web UI (web/ → web/dist)…\n');
await vite.build({
  root: web,
  configFile: join(web, 'vite.config.ts'),
  logLevel: 'warn',
});
process.stdout.write(`web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
