/**
 * Documents benchmark (`node --import tsx bench/documents.ts`): renders 10,000 one-page
 * reminder letters (statement of 10 rows + totals) as separate PDFs and as one print batch,
 * each against a bare pdfkit page with the same text drawn in the same run (same fonts,
 * interleaved rounds so both see the same machine load), and 10,000 e-mails (HTML + text)
 * against markdown-it's bare HTML rendering of the same Markdown. Prints the figures and
 * writes the "documents" section of bench/RESULTS.md (bench/out/RESULTS.md for a shrunk
 * workload: RELANCE_BENCH_LETTERS / RELANCE_BENCH_EMAILS).
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import * as fontkit from 'fontkit';
import { renderLetter } from '../src/documents/pdf/render-letter.ts';
import { renderPrintBatch } from '../src/documents/pdf/print-batch.ts';
import { renderEmail } from '../src/documents/email/render-email.ts';
import { markdown } from '../src/documents/markdown.ts';
import { defaultFontSet, SHIPPED_FONTS_DIR } from '../src/documents/pdf/fonts.ts';
import { collectOutput, drain, newDocument } from '../src/documents/pdf/pdf-document.ts';
import { collectGarbage, now } from './measure.ts';
import { describeMachine } from './machine.ts';
import { writeSection } from './sections.ts';
import {
  bareFontsOf,
  drawBarePage,
  sampleLetter,
  type BareFonts,
  type Sample,
} from './documents-sample.ts';

const FULL = { letters: 10_000, emails: 10_000 };
const GOALS = { perCore: 300, ratio: 1.5 };
const ROUND = 500;

function count(name: string, fallback: number): number {
  const text = process.env[name];
  const value = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a count`);
  return value;
}

interface Figure {
  readonly label: string;
  readonly count: number;
  wall: number;
  cpu: number;
  bytes: number;
}

const figure = (label: string, n: number): Figure => ({
  label,
  count: n,
  wall: 0,
  cpu: 0,
  bytes: 0,
});

/** Runs `fn` and adds its wall time and process CPU time (seconds) to `into`. */
async function measure(into: Figure, fn: () => Promise<number>): Promise<void> {
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const start = now();
  into.bytes += await fn();
  into.wall += (now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  into.cpu += (cpu.user + cpu.system) / 1e6;
}

async function barePdf(
  fonts: BareFonts,
  samples: readonly Sample[],
  batch: boolean,
): Promise<number> {
  const set = defaultFontSet();
  let bytes = 0;
  if (batch) {
    const doc = newDocument(set, { title: 'bare', author: 'bench' });
    const output = collectOutput(doc, (chunk) => (bytes += chunk.length));
    for (const [i, s] of samples.entries()) {
      if (i % 16 === 15) await drain();
      drawBarePage(doc, fonts, s);
      doc.flushPages();
    }
    doc.end();
    await output;
    return bytes;
  }
  for (const s of samples) {
    const doc = newDocument(set, { title: s.letter.subject, author: s.letter.company.name });
    const output = collectOutput(doc);
    drawBarePage(doc, fonts, s);
    doc.end();
    bytes += (await output).length;
  }
  return bytes;
}

async function ours(samples: readonly Sample[]): Promise<number> {
  let bytes = 0;
  for (const s of samples) {
    const r = await renderLetter(s.letter);
    if (r.pageCount !== 1)
      throw new Error(`${s.letter.reference}: ${r.pageCount} pages, expected one`);
    bytes += r.pdf.length;
  }
  return bytes;
}

async function oursBatch(samples: readonly Sample[]): Promise<number> {
  let bytes = 0;
  const { pageMap } = await renderPrintBatch(
    {
      letters: samples.map((s) => s.letter),
      company: samples[0]!.letter.company,
      date: '1 March 2026',
      title: 'bench',
    },
    { onData: (chunk) => (bytes += chunk.length) },
  );
  if (pageMap.letters.some((l) => l.pageCount !== 1))
    throw new Error('a batch letter took more than one page');
  return bytes;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function table(figures: readonly [Figure, Figure | undefined][], unit: string): string {
  const lines = [
    row([
      'Step',
      unit,
      'Wall',
      `${unit}/s`,
      'CPU',
      `${unit} per CPU-second`,
      'Ratio to baseline (CPU)',
      'Output',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const [f, base] of figures) {
    lines.push(
      row([
        f.label,
        fmt(f.count),
        `${fmt(f.wall, 2)} s`,
        fmt(f.count / f.wall),
        `${fmt(f.cpu, 2)} s`,
        fmt(f.count / f.cpu),
        base ? `${fmt(f.cpu / base.cpu, 2)}×` : '1.00×',
        `${fmt(f.bytes / f.count / 1024, 1)} KB each`,
      ]),
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const letters = count('RELANCE_BENCH_LETTERS', FULL.letters);
  const emails = count('RELANCE_BENCH_EMAILS', FULL.emails);
  const full = letters === FULL.letters && emails === FULL.emails;
  const benchDir = fileURLToPath(new URL('.', import.meta.url));
  const date = new Date().toISOString();
  const loadStart = loadavg();
  const machine = await describeMachine();
  const log = (line: string) => console.log(line);
  log(`Relance documents benchmark, ${date}`);
  log(`${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GiB, Node ${machine.node}`);
  const fonts = defaultFontSet();
  log(`fonts: ${fonts.description}`);

  const samples = Array.from({ length: letters }, (_, k) => sampleLetter(k));
  const shared = bareFontsOf(fonts);
  const plainFonts: BareFonts = {
    regular: fontkit.openSync(join(SHIPPED_FONTS_DIR, 'DejaVuSans.ttf')),
    bold: fontkit.openSync(join(SHIPPED_FONTS_DIR, 'DejaVuSans-Bold.ttf')),
  };
  // Warm-up: compile the code paths and fill the fonts' caches.
  const warm = samples.slice(0, 50);
  await ours(warm);
  await barePdf(shared, warm, false);
  await barePdf(plainFonts, warm, false);

  const single = figure('**a. renderLetter, one PDF per letter**', letters);
  const bare = figure('a1. bare pdfkit page, same text, same fonts (baseline)', letters);
  const barePlain = figure(
    'a2. bare pdfkit page, same fonts parsed once, without our glyph-outline cache',
    letters,
  );
  for (let start = 0, round = 0; start < letters; start += ROUND, round++) {
    const chunk = samples.slice(start, start + ROUND);
    const steps: [Figure, () => Promise<number>][] = [
      [single, () => ours(chunk)],
      [bare, () => barePdf(shared, chunk, false)],
      [barePlain, () => barePdf(plainFonts, chunk, false)],
    ];
    for (let i = 0; i < steps.length; i++) {
      const [f, fn] = steps[(i + round) % steps.length]!;
      await measure(f, fn);
    }
    process.stdout.write(`\rseparate PDFs: ${Math.min(letters, start + ROUND)} / ${letters}`);
  }
  log('');

  const batch = figure('**b. renderPrintBatch, all letters in one PDF**', letters);
  const bareBatch = figure('b1. bare pdfkit, the same pages in one PDF (baseline)', letters);
  const half = Math.ceil(letters / 2);
  for (const [i, part] of [samples.slice(0, half), samples.slice(half)].entries()) {
    if (part.length === 0) continue;
    const steps: [Figure, () => Promise<number>][] = [
      [batch, () => oursBatch(part)],
      [bareBatch, () => barePdf(shared, part, true)],
    ];
    for (const [f, fn] of i === 0 ? steps : steps.reverse()) await measure(f, fn);
  }

  const sources = samples.slice(0, Math.min(samples.length, emails)).map((s) => s.letter);
  const inputs = Array.from({ length: emails }, (_, i) => sources[i % sources.length]!);
  const email = figure('**c. renderEmail (HTML + text)**', emails);
  const bareHtml = figure('c1. markdown-it render to HTML alone (baseline)', emails);
  for (let k = 0; k < 2; k++) {
    const steps: [Figure, () => Promise<number>][] = [
      [
        email,
        async () =>
          inputs.reduce((n, l) => {
            const e = renderEmail({ subject: l.subject, markdown: l.markdown });
            return n + e.html.length + e.text.length;
          }, 0),
      ],
      [bareHtml, async () => inputs.reduce((n, l) => n + markdown.render(l.markdown).length, 0)],
    ];
    for (const [f, fn] of k === 0 ? steps : steps.reverse()) await measure(f, fn);
  }
  // The e-mail figures above count each input twice (two interleaved rounds).
  for (const f of [email, bareHtml]) Object.assign(f, { count: emails * 2 });

  const letterTable = table(
    [
      [single, bare],
      [bare, undefined],
      [barePlain, bare],
      [batch, bareBatch],
      [bareBatch, undefined],
    ],
    'Letters',
  );
  const emailTable = table(
    [
      [email, bareHtml],
      [bareHtml, undefined],
    ],
    'E-mails',
  );
  const perCore = (f: Figure) => f.count / f.cpu;
  const verdict = (f: Figure, base: Figure) =>
    `${fmt(perCore(f))} letters per CPU-second (goal ≥ ${GOALS.perCore}: ${perCore(f) >= GOALS.perCore ? 'met' : 'not met'}), ` +
    `${fmt(f.cpu / base.cpu, 2)}× the bare page (goal ≤ ${GOALS.ratio}×: ${f.cpu / base.cpu <= GOALS.ratio ? 'met' : 'not met'})`;
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const summary = [
    `Separate PDFs: ${verdict(single, bare)}. Print batch: ${verdict(batch, bareBatch)}.`,
    `E-mails: ${fmt(perCore(email))} per CPU-second (${fmt(email.cpu / bareHtml.cpu, 2)}× markdown-it's bare render).`,
    `Load average (1 / 5 / 15 min) at start ${load(loadStart)}, at end ${load(loadavg())} on ${machine.cores} cores; ` +
      'the benchmark is one thread (CPU time includes the garbage collector\'s helper threads, so "per CPU-second" is per core or less).',
  ];
  const section = `## Documents (bench/documents.ts)

Run on ${date}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}. Fonts: ${fonts.description}.
Workload: ${fmt(letters)} one-page reminder letters (letterhead, DIN 5008 window, 3 paragraphs,
a 5-column statement of 10 rows + totals, signature, footer), each different (deterministic
generator, bench/documents-sample.ts). The baseline draws the same words on a bare pdfkit page
(doc.text with pdfkit's own wrapping, one call per table cell, same fonts and sizes); rounds of
${ROUND} letters alternate between the steps so that they share the machine's load. Ratios are CPU
time against the baseline of the same run.

${letterTable}

${emailTable}

${summary.join('\n')}
`;
  log(`\n${letterTable}\n\n${emailTable}\n\n${summary.join('\n')}`);
  const target = full ? join(benchDir, 'RESULTS.md') : join(benchDir, 'out', 'RESULTS.md');
  await mkdir(join(benchDir, 'out'), { recursive: true });
  await writeSection(target, 'documents', section);
  log(`\nwrote the documents section of ${target}`);
}

await main();
