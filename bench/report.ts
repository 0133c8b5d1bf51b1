import type { GeneratedFiles } from './generate.ts';
import type { BackendResult } from './run-backend.ts';
import type { ImportFigure } from './import-steps.ts';
import type { Timing } from './account-step.ts';

export const GOAL_RATIO = 3;

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
const sec = (s: number) => `${s.toFixed(2)} s`;
const ratio = (r: number) => `${r.toFixed(2)}×`;
const perSec = (rows: number, s: number) => int(rows / s);

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The main table: one line per step and back-end, ratios against the same run's baseline. */
export function figuresTable(files: GeneratedFiles, results: readonly BackendResult[]): string {
  const lines = [
    row(['Back-end', 'Step', 'Rows', 'Time', 'Rows/s', 'Ratio (same-run baseline)']),
    row(['---', '---', '---:', '---:', '---:', '---:']),
    row([
      '—',
      'generate demo CSVs (writeDemoFiles, 4 files)',
      `${int(files.customers)} cust. / ${int(files.items)} items`,
      sec(files.seconds),
      `${perSec(files.items, files.seconds)} items/s`,
      '—',
    ]),
  ];
  for (const r of results) {
    const vsCopy = (f: ImportFigure) => `${ratio(f.seconds / r.copy.seconds)} raw COPY`;
    const imp = (label: string, f: { rows: number; seconds: number }, vs: string) =>
      row([r.name, label, int(f.rows), sec(f.seconds), perSec(f.rows, f.seconds), vs]);
    const a = r.account;
    const ms = (label: string, t: Timing, vs: string) =>
      row([r.name, label, int(a.items), `${t.medianMs.toFixed(1)} ms`, '—', vs]);
    const vsSelect = (t: Timing) => `${ratio(t.medianMs / a.select.medianMs)} select`;
    lines.push(
      imp('a. import customers.csv', r.customers, '—'),
      imp('**b. import items.csv**', r.items, `**${vsCopy(r.items)}**`),
      imp('c. raw COPY of items.csv (baseline)', r.copy, '1.00×'),
      imp('d. re-import items.csv (nothing changes)', r.reimport, vsCopy(r.reimport)),
      ms(`**e. loadAccount, ${int(a.items)} open items**`, a.account, `**${vsSelect(a.account)}**`),
      ms('e1. select * where customer_id = … and open_minor <> 0 (baseline)', a.select, '1.00×'),
      ms(
        'e2. select * where customer_id = … (literal; seq scan)',
        a.plainSelect,
        vsSelect(a.plainSelect),
      ),
      ms('e3. core computeAccount alone (no database)', a.compute, vsSelect(a.compute)),
    );
  }
  return lines.join('\n');
}

const PHASES = [
  'read + parse CSV',
  'validate (+ customer lookup)',
  'COPY to staging',
  'upsert + commit',
] as const;

/** Where each import's time goes, split from outside with importFile's onProgress phases. */
export function phasesTable(results: readonly BackendResult[]): string {
  const lines = [
    row(['Back-end', 'Import', ...PHASES, 'Total']),
    row(['---', '---', ...PHASES.map(() => '---:'), '---:']),
  ];
  for (const r of results) {
    const imports: Array<[string, ImportFigure]> = [
      ['b. items', r.items],
      ['d. items again', r.reimport],
    ];
    for (const [label, f] of imports) {
      const cells = PHASES.map((n) => {
        const s = f.phases[n] ?? 0;
        return `${s.toFixed(2)} s (${Math.round((100 * s) / f.seconds)} %)`;
      });
      lines.push(row([r.name, label, ...cells, sec(f.seconds)]));
    }
    const c = r.customers.phases;
    const rest = `${(c['validate + apply'] ?? 0).toFixed(2)} s (validate, COPY, upsert together)`;
    const parse = `${(c['read + parse CSV'] ?? 0).toFixed(2)} s`;
    lines.push(row([r.name, 'a. customers', parse, rest, '', '', sec(r.customers.seconds)]));
  }
  return lines.join('\n');
}

function biggestPhase(f: ImportFigure): [string, number] {
  const entries = Object.entries(f.phases).sort((a, b) => b[1] - a[1]);
  return entries[0] ?? ['?', 0];
}

/** One paragraph reading the figures (written from this run's numbers). */
export function interpretation(results: readonly BackendResult[]): string {
  const parts = results.map((r) => {
    const ratioItems = r.items.seconds / r.copy.seconds;
    const [phase, phaseSeconds] = biggestPhase(r.items);
    const [rePhase, reSeconds] = biggestPhase(r.reimport);
    const verdict = ratioItems <= GOAL_RATIO ? 'within' : 'over';
    const js = (r.items.phases['read + parse CSV'] ?? 0) + (r.items.phases[PHASES[1]] ?? 0);
    const a = r.account;
    return (
      `On ${r.name}, importing the ${int(r.items.rows)} items takes ${sec(r.items.seconds)}, ` +
      `${ratio(ratioItems)} the raw COPY of the same file (${sec(r.copy.seconds)}), ` +
      `${verdict} the ${GOAL_RATIO}× goal; the largest share is "${phase}" ` +
      `(${sec(phaseSeconds)}, ${Math.round((100 * phaseSeconds) / r.items.seconds)} %), and ` +
      `reading, parsing and validating in JS alone take ${sec(js)} ` +
      `(${ratio(js / r.copy.seconds)} COPY). ` +
      `Re-importing the unchanged file takes ${sec(r.reimport.seconds)} ` +
      `(${ratio(r.reimport.seconds / r.copy.seconds)} COPY; largest share "${rePhase}", ` +
      `${sec(reSeconds)}). The account of a customer with ${int(a.items)} open items takes ` +
      `${a.account.medianMs.toFixed(1)} ms (median), ` +
      `${ratio(a.account.medianMs / a.select.medianMs)} an indexed select of the same rows ` +
      `(${a.select.medianMs.toFixed(1)} ms); the literal select by customer_id alone takes ` +
      `${a.plainSelect.medianMs.toFixed(1)} ms because no index covers it.`
    );
  });
  return parts.join(' ');
}
