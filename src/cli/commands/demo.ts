import { Command } from 'commander';
import { writeDemoFiles, seedDemo } from '../../imports/demo-files.ts';
import { withDatabase } from '../open.ts';
import { parseCount, parseDateOption } from '../options.ts';
import { todayIn } from '../../store/companies.ts';

interface DemoCliOptions {
  customers: number;
  items: number;
  seed: number;
  asOf?: string;
  out?: string;
  company?: string;
}

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'generate a deterministic, realistic demo ledger and load it (or write it as CSV with --out)',
    )
    .option('--customers <n>', 'number of customers', parseCount, 200)
    .option('--items <n>', 'number of open items', parseCount, 2000)
    .option('--seed <s>', 'random seed: the same seed gives the same ledger', parseCount, 1)
    .option(
      '--as-of <date>',
      'business date the ledger is built around (default: today, Europe/Paris)',
      parseDateOption,
    )
    .option(
      '--out <dir>',
      'write customers.csv, contacts.csv, items.csv and payments.csv here instead of loading',
    )
    .option('--company <code>', 'company to load into (created if missing)', 'DEMO')
    .action(async (o: DemoCliOptions) => {
      const options = {
        customers: o.customers,
        items: o.items,
        seed: o.seed,
        asOf: o.asOf ?? todayIn('Europe/Paris'),
      };
      if (o.out) {
        const paths = await writeDemoFiles(o.out, options);
        process.stdout.write(Object.values(paths).join('\n') + '\n');
        return;
      }
      await withDatabase('relance demo', async (database) => {
        const reports = await seedDemo(database, { ...options, company: o.company });
        for (const r of reports) {
          process.stdout.write(
            `${r.kind}: ${r.rows} rows (inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged})\n`,
          );
        }
      });
    });
}
