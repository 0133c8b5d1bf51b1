#!/usr/bin/env node
// Finds every *.test.ts under src/ and test/ and runs them with node's test runner
// through tsx. (Node 20's `node --test` does not expand glob patterns itself.)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['src', 'test'];
const filter = process.argv.slice(2);
const files = [];
for (const root of roots) {
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.test.ts')) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    if (filter.length === 0 || filter.some((f) => file.includes(f))) files.push(file);
  }
}
files.sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
