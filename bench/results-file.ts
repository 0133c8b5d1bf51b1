import { readFile, writeFile } from 'node:fs/promises';
import type { Machine } from './machine.ts';
import { BENCH_AS_OF, BENCH_SEED, type GeneratedFiles } from './generate.ts';
import type { BackendResult } from './run-backend.ts';
import { ACCOUNT_ITEMS, ACCOUNT_RUNS, ACCOUNT_WARMUPS } from './account-step.ts';
import { otherSections } from './sections.ts';
import { figuresTable, interpretation, int, phasesTable } from './report.ts';

/** A hand-written section between these markers survives when the file is rewritten. */
const KEEP_START = '<!-- hand-written:start -->';
const KEEP_END = '<!-- hand-written:end -->';

async function keptSection(path: string): Promise<string> {
  const old = await readFile(path, 'utf8').catch(() => '');
  const start = old.indexOf(KEEP_START);
  const end = old.indexOf(KEEP_END);
  if (start === -1 || end < start) return '';
  return `\n${old.slice(start, end + KEEP_END.length)}\n`;
}

export interface ResultsInput {
  readonly machine: Machine;
  readonly date: string;
  readonly files: GeneratedFiles;
  readonly results: readonly BackendResult[];
  readonly notes: readonly string[];
}

/** Rewrites the results file from this run's figures, keeping its hand-written section. */
export async function writeResultsFile(path: string, input: ResultsInput): Promise<void> {
  const kept = await keptSection(path);
  const sections = await otherSections(path);
  await writeFile(path, resultsMarkdown(input) + kept + sections);
}

function resultsMarkdown(input: ResultsInput): string {
  const { machine: m, files, results, notes } = input;
  const mb = (files.itemsBytes / 1e6).toFixed(1);
  return `# Relance benchmark results

Produced by \`npm run bench\` (bench/run.ts) on ${input.date}; every run rewrites this file
(except the hand-written section at the end). Ratios are always against a baseline measured in
the same run, on the same back-end.

## Machine

- CPU: ${m.cpu}, ${m.cores} cores
- RAM: ${m.ramGb} GiB
- OS: ${m.os}
- Node: ${m.node}
- PostgreSQL server: ${m.postgres}
- PGlite: ${m.pglite} (data folder on disk)

## Workload

Demo ledger from \`writeDemoFiles\` (seed ${BENCH_SEED}, asOf ${BENCH_AS_OF}).
Customers: ${int(files.customers)}; items: ${int(files.items)} (items.csv: ${mb} MB).
Each back-end gets a fresh database; files are imported with \`importFile\` (company BENCH,
\`maxBytes: Infinity\`). The baseline (c) reads items.csv, strips the header and COPYs the
raw rows with \`copyCsvInto\` into a plain table (text, date, numeric, boolean columns; no
index, no constraint). The account (e) is \`loadAccount\` for a customer given exactly
${int(ACCOUNT_ITEMS)} open invoices (imported on top of the demo ledger); its baseline (e1) is a
bare select of the same rows through the same index. Each account figure is the median of
${ACCOUNT_RUNS} runs after ${ACCOUNT_WARMUPS} warm-ups.

## Figures

${figuresTable(files, results)}

## Where the import time goes

Split from outside with \`importFile\`'s \`onProgress\` callback: "read + parse CSV" ends at
the 'validate' event, "validate" at the first 'load' event, "COPY to staging" (which includes
building the staging CSV text in JS) when 'load' reports every row, the rest is the upsert and
the commit.

${phasesTable(results)}

## Interpretation

${interpretation(results)}
${notes.length > 0 ? `\n## Notes\n\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
}
