import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeDemoFiles } from '../src/imports/demo-files.ts';
import type { DemoFile } from '../src/demo/to-csv.ts';
import { timed } from './measure.ts';

export const BENCH_SEED = 20261123;
export const BENCH_AS_OF = '2026-11-23';

export interface GeneratedFiles {
  readonly paths: Record<DemoFile, string>;
  readonly customers: number;
  readonly items: number;
  readonly itemsBytes: number;
  readonly seconds: number;
}

/** Writes the deterministic demo ledger (fixed seed and asOf) as CSV files into `dir`. */
export async function generateBenchFiles(
  dir: string,
  customers: number,
  items: number,
): Promise<GeneratedFiles> {
  const { value: paths, seconds } = await timed(() =>
    writeDemoFiles(dir, { customers, items, seed: BENCH_SEED, asOf: BENCH_AS_OF }),
  );
  const itemsBytes = (await stat(paths.items)).size;
  return { paths, customers, items, itemsBytes, seconds };
}

export const BIG_CUSTOMER = 'BENCH-ACCOUNT';

/**
 * A customer with exactly `count` open invoices (all in EUR, issued over the last 180 days),
 * as a customers file and an items file for importFile.
 */
export async function writeBigCustomerFiles(
  dir: string,
  count: number,
): Promise<{ customers: string; items: string }> {
  await mkdir(dir, { recursive: true });
  const customers = join(dir, 'account-customer.csv');
  const items = join(dir, 'account-items.csv');
  await writeFile(
    customers,
    'code,name,country,language,currency\n' + `${BIG_CUSTOMER},Benchmark Account SAS,FR,fr,EUR\n`,
  );
  const asOf = Date.parse(`${BENCH_AS_OF}T00:00:00Z`);
  const day = (offset: number) => new Date(asOf - offset * 86_400_000).toISOString().slice(0, 10);
  const lines = ['customer,number,type,issue_date,due_date,currency,amount,open_amount'];
  for (let i = 0; i < count; i++) {
    const issued = (i * 7) % 180;
    const amount = (100 + ((i * 7919) % 90_000) / 100).toFixed(2);
    const open = i % 5 === 0 ? (Number(amount) / 2).toFixed(2) : amount;
    const number = `BA-${String(i + 1).padStart(6, '0')}`;
    lines.push(
      `${BIG_CUSTOMER},${number},invoice,${day(issued)},${day(issued - 30)},EUR,${amount},${open}`,
    );
  }
  await writeFile(items, lines.join('\n') + '\n');
  return { customers, items };
}
