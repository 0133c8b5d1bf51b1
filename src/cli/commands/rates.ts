import { Command } from 'commander';
import { halfYearLabel, RATE_SERIES } from '../../core/penalties/reference-rates.ts';
import {
  addReferenceRate,
  loadReferenceRates,
  type LoadedRates,
} from '../../penalties/load-rates.ts';
import { printJson } from '../output.ts';

export function ratesCommand(): Command {
  const command = new Command('rates').description(
    'reference rates for late-payment interest by half-year: list, add (docs/penalties.md)',
  );
  command
    .command('list')
    .description('the rates in force: the shipped table plus the ones added')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const loaded = await loadReferenceRates();
      if (opts.json) {
        printJson({
          shippedFile: loaded.shippedFile,
          userFile: loaded.userFile,
          rates: loaded.entries.map((e) => ({
            series: e.series,
            from: e.from,
            halfYear: halfYearLabel(e.from),
            percent: e.percent,
            source: e.source,
            ...(e.replaces !== undefined ? { replaces: e.replaces } : {}),
          })),
        });
      } else process.stdout.write(renderRates(loaded));
    });
  command
    .command('add')
    .description(
      'add the rate of a half-year to the user rate file, e.g. rates add ECB 2027-01-01 2.15',
    )
    .argument('<series>', `one of ${RATE_SERIES.join(', ')}`)
    .argument('<date>', 'first day of the half-year: YYYY-01-01 or YYYY-07-01')
    .argument('<percent>', 'the rate in percent, e.g. 2.15 or -0.88')
    .option('--replace', 'change a rate already recorded for that half-year')
    .option('--json', 'print JSON')
    .action(
      async (
        series: string,
        from: string,
        percent: string,
        opts: { replace?: boolean; json?: boolean },
      ) => {
        const r = await addReferenceRate({ series, from, percent, replace: opts.replace });
        if (opts.json) printJson(r);
        else {
          const what = `${r.series} ${r.halfYear} (${r.from}): ${r.percent} %`;
          process.stdout.write(
            r.status === 'unchanged'
              ? `${what} is already recorded; nothing changed\n`
              : r.status === 'replaced'
                ? `${what} written to ${r.file}, replacing ${r.previous} %\n`
                : `${what} added to ${r.file}\n`,
          );
        }
      },
    );
  for (const sub of command.commands) sub.exitOverride().showHelpAfterError();
  return command;
}

/** One row per half-year, one column per series; rates added by the user marked with *. */
export function renderRates(loaded: LoadedRates): string {
  const halfYears = [...new Set(loaded.entries.map((e) => e.from))].sort();
  const cell = (series: string, from: string) => {
    const e = loaded.entries.find((x) => x.series === series && x.from === from);
    return e === undefined ? '—' : `${e.percent}${e.source === 'user' ? '*' : ''}`;
  };
  const rows = [
    ['half-year', 'from', ...RATE_SERIES],
    ...halfYears.map((h) => [halfYearLabel(h), h, ...RATE_SERIES.map((s) => cell(s, h))]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  lines.push(
    '',
    `shipped: ${loaded.shippedFile}`,
    `added (*): ${loaded.userFile}${loaded.entries.some((e) => e.source === 'user') ? '' : ' (none yet)'}`,
  );
  return lines.join('\n') + '\n';
}
