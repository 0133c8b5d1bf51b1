import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { AppError, type Problem } from '../../core/errors.ts';
import { A4_MM, mm, windowLayout, type WindowLayout } from '../../core/documents/windows.ts';
import { parseMarkdown } from '../markdown.ts';
import { BODY_LINE, BODY_SIZE, drawBlocks } from './blocks.ts';
import { drawFitted, fitParagraphs } from './fit.ts';
import { Flow } from './flow.ts';
import { labelsFor, type LetterInput, type LetterLabels } from './letter-types.ts';
import type { Doc } from './pdf-document.ts';
import type { Typesetter } from './typesetter.ts';

/**
 * One letter drawn on a pdfkit document (which may already hold other letters): letterhead
 * and logo, fold marks, sender line and recipient in the envelope window, reference and
 * "place, date", notice, subject, the Markdown body, signature, then "n/N" on every page.
 */

const PAGE_W = mm(A4_MM.width);
const PAGE_H = mm(A4_MM.height);
const GREY = '#555555';
const LIGHT = '#8a8a8a';

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

const imageChecks = new Map<string, boolean>();

/** Whether `path` is a readable PNG or JPEG file (by its first bytes; cached per modification). */
function isImage(path: string): boolean {
  let key: string;
  try {
    key = `${path}\0${statSync(path).mtimeMs}`;
  } catch {
    return false;
  }
  let ok = imageChecks.get(key);
  if (ok === undefined) {
    const head = Buffer.alloc(8);
    try {
      const fd = openSync(path, 'r');
      try {
        readSync(fd, head, 0, 8, 0);
      } finally {
        closeSync(fd);
      }
      ok = head.readUInt32BE(0) === 0x89504e47 || (head[0] === 0xff && head[1] === 0xd8);
    } catch {
      ok = false;
    }
    if (imageChecks.size > 1000) imageChecks.clear();
    imageChecks.set(key, ok);
  }
  return ok;
}

/** Every problem of a letter's input at once (AppError INVALID_INPUT). */
export function checkLetter(input: LetterInput, at = ''): Problem[] {
  const problems: Problem[] = [];
  const field = (name: string) => `${at}${name}`;
  if (blank(input.company?.name))
    problems.push({ field: field('company.name'), value: '', expected: 'the company name' });
  for (const [name, list] of [
    ['company.addressLines', input.company?.addressLines],
    ['company.footerLines', input.company?.footerLines ?? []],
    ['recipient.addressLines', input.recipient?.addressLines ?? []],
  ] as const) {
    if (!Array.isArray(list) || !list.every((l) => typeof l === 'string')) {
      problems.push({ field: field(name), expected: 'a list of lines of text' });
    }
  }
  if (input.company?.logoPath !== undefined && !isImage(input.company.logoPath)) {
    problems.push({
      field: field('company.logoPath'),
      value: input.company.logoPath,
      expected: 'a PNG or JPEG file',
    });
  }
  if (blank(input.recipient?.name))
    problems.push({ field: field('recipient.name'), value: '', expected: "the recipient's name" });
  const lines = input.recipient?.addressLines;
  if (!Array.isArray(lines) || lines.every(blank)) {
    problems.push({
      field: field('recipient.addressLines'),
      value: '',
      expected: 'a postal address (at least one line); without one no letter can be sent',
    });
  }
  if (typeof input.markdown !== 'string')
    problems.push({ field: field('markdown'), expected: 'the body as Markdown text' });
  for (const name of ['reference', 'date', 'subject'] as const) {
    if (typeof input[name] !== 'string') {
      problems.push({ field: field(name), value: String(input[name]), expected: 'text' });
    }
  }
  if (typeof input.company?.place !== 'string') {
    problems.push({
      field: field('company.place'),
      value: String(input.company?.place),
      expected: 'the town the letter is written from (may be empty)',
    });
  }
  if (input.signature?.imagePath !== undefined && !isImage(input.signature.imagePath)) {
    problems.push({
      field: field('signature.imagePath'),
      value: input.signature.imagePath,
      expected: 'a PNG or JPEG file',
    });
  }
  try {
    windowLayout(input.window);
  } catch (error) {
    if (error instanceof AppError)
      problems.push(...error.problems.map((p) => ({ ...p, field: `${at}${p.field}` })));
    else throw error;
  }
  return problems;
}

function drawFoldMarks(doc: Doc, w: WindowLayout): void {
  for (const mark of w.foldMarks) doc.moveTo(mm(3), mm(mark)).lineTo(mm(7), mm(mark));
  if (w.punchMark !== undefined) doc.moveTo(mm(3), mm(w.punchMark)).lineTo(mm(9), mm(w.punchMark));
  doc.lineWidth(0.4).stroke(LIGHT);
}

function drawLetterhead(ts: Typesetter, input: LetterInput, w: WindowLayout): void {
  const doc = ts.doc;
  const left = mm(w.marginLeft);
  const right = PAGE_W - mm(w.marginRight);
  let textRight = right;
  if (input.company.logoPath !== undefined) {
    const box = { w: mm(50), h: mm(24) };
    doc.image(input.company.logoPath, right - box.w, mm(10), {
      fit: [box.w, box.h],
      align: 'right',
    });
    textRight = right - box.w - mm(6);
  }
  const width = textRight - left;
  const name = fitParagraphs(ts, [{ text: input.company.name, weight: 'bold' }], {
    width,
    height: mm(12),
    size: 14,
    minSize: 9,
    leading: 1.15,
  });
  const y = drawFitted(ts, name, left, mm(11), width);
  const address = fitParagraphs(
    ts,
    input.company.addressLines.map((text) => ({ text, color: GREY })),
    { width, height: mm(42) - y - mm(1), size: 8.5, minSize: 6.5, leading: 1.3, maxLinesEach: 1 },
  );
  drawFitted(ts, address, left, y + mm(1), width);
}

function senderLineText(input: LetterInput): string {
  return (
    input.senderLine ??
    [input.company.name, ...input.company.addressLines].filter((s) => !blank(s)).join(' · ')
  );
}

function drawWindow(
  ts: Typesetter,
  input: LetterInput,
  w: WindowLayout,
  labels: LetterLabels,
): void {
  const doc = ts.doc;
  const s = w.senderLine;
  const sender = fitParagraphs(ts, [{ text: senderLineText(input), color: GREY }], {
    width: mm(s.width),
    height: 8,
    size: 7,
    minSize: 5.5,
    leading: 1.1,
    maxLinesEach: 1,
  });
  const bottom = drawFitted(ts, sender, mm(s.x), mm(s.y), mm(s.width));
  doc
    .moveTo(mm(s.x), bottom + 0.8)
    .lineTo(mm(s.x + s.width), bottom + 0.8)
    .lineWidth(0.3)
    .stroke(LIGHT);
  ts.forgetColor();

  const a = w.address;
  const recipient = fitParagraphs(
    ts,
    [
      { text: input.recipient.name },
      ...input.recipient.addressLines.filter((l) => !blank(l)).map((text) => ({ text })),
    ],
    { width: mm(a.width), height: mm(a.height), size: 10, minSize: 7, leading: 1.2 },
  );
  drawFitted(ts, recipient, mm(a.x), mm(a.y), mm(a.width));

  const i = w.info;
  const dateLine = blank(input.company.place)
    ? input.date
    : `${input.company.place}, ${input.date}`;
  const info = fitParagraphs(
    ts,
    [{ text: `${labels.reference} ${input.reference}` }, { text: dateLine }],
    {
      width: mm(i.width),
      height: mm(20),
      size: 9,
      minSize: 6.5,
      leading: 1.35,
    },
  );
  drawFitted(ts, info, mm(i.x), mm(i.y), mm(i.width));
}

function drawContinuationHeader(ts: Typesetter, input: LetterInput, w: WindowLayout): void {
  const left = mm(w.marginLeft);
  const width = PAGE_W - mm(w.marginRight) - left;
  const line = fitParagraphs(
    ts,
    [{ text: `${input.company.name} — ${input.reference}`, color: GREY }],
    { width, height: 10, size: 8, minSize: 6, maxLinesEach: 1 },
  );
  drawFitted(ts, line, left, mm(10), width);
  ts.doc
    .moveTo(left, mm(15))
    .lineTo(left + width, mm(15))
    .lineWidth(0.4)
    .stroke(LIGHT);
  ts.forgetColor();
}

function footerHeight(input: LetterInput): number {
  return mm(14) + (input.company.footerLines?.length ?? 0) * 8.5;
}

function drawFooter(ts: Typesetter, input: LetterInput, w: WindowLayout): void {
  const left = mm(w.marginLeft);
  const width = PAGE_W - mm(w.marginRight) - left;
  const lines = input.company.footerLines ?? [];
  if (lines.length > 0) {
    const fitted = fitParagraphs(
      ts,
      lines.map((text) => ({ text, color: LIGHT })),
      {
        width: width - mm(20),
        height: lines.length * 8.5,
        size: 7,
        minSize: 5.5,
        leading: 1.2,
        maxLinesEach: 1,
      },
    );
    drawFitted(ts, fitted, left, PAGE_H - mm(9) - lines.length * 8.5, width - mm(20));
  }
}

function drawSignature(flow: Flow, input: LetterInput): void {
  const sig = input.signature;
  if (sig === undefined) return;
  const ts = flow.ts;
  const x = flow.left;
  const height = (sig.closing ? BODY_LINE : 0) + mm(16) + BODY_LINE * (sig.title ? 2 : 1);
  flow.y += 4;
  flow.ensure(height);
  const base = ts.baseline(BODY_SIZE, BODY_LINE);
  if (sig.closing) {
    ts.draw(ts.style({ size: BODY_SIZE }), sig.closing, x, flow.y + base);
    flow.y += BODY_LINE;
  }
  if (sig.imagePath !== undefined) {
    ts.doc.image(sig.imagePath, x, flow.y + mm(1), { fit: [mm(45), mm(14)], valign: 'center' });
  }
  flow.y += mm(16);
  const lines = fitParagraphs(
    ts,
    [{ text: sig.name, weight: 'bold' }, ...(sig.title ? [{ text: sig.title }] : [])],
    {
      width: flow.width / 2,
      height: BODY_LINE * 2.2,
      size: BODY_SIZE,
      minSize: 8,
      leading: 1.3,
    },
  );
  flow.y = drawFitted(ts, lines, x, flow.y, flow.width / 2);
}

/**
 * Draws `input` from a new page of `doc` and returns its page count. The pages stay
 * buffered (the document must have `bufferPages`); the caller may flush them afterwards.
 */
export function drawLetter(ts: Typesetter, input: LetterInput): number {
  const doc = ts.doc;
  const w = windowLayout(input.window);
  const labels = labelsFor(input.language, input.labels);
  const range = doc.bufferedPageRange();
  const first = range.start + range.count;
  doc.addPage({ size: 'A4', margin: 0 });
  ts.pageChanged();
  drawFoldMarks(doc, w);
  drawLetterhead(ts, input, w);
  drawWindow(ts, input, w, labels);

  const left = mm(w.marginLeft);
  const right = PAGE_W - mm(w.marginRight);
  const bottom = PAGE_H - footerHeight(input);
  const flow = new Flow(ts, left, right, mm(w.bodyTop), bottom, mm(21), () => {
    doc.addPage({ size: 'A4', margin: 0 });
    ts.pageChanged();
    drawContinuationHeader(ts, input, w);
  });
  if (!blank(input.notice)) {
    flow.lines(
      ts.lines(ts.runs(input.notice ?? '', { size: BODY_SIZE, weight: 'bold' }), flow.width),
      left,
      flow.width,
      BODY_SIZE,
      BODY_LINE,
    );
    flow.y += 4;
  }
  const subject = ts.lines(ts.runs(input.subject, { size: 11, weight: 'bold' }), flow.width);
  flow.lines(subject, left, flow.width, 11, 14.5, 'left', subject.length);
  flow.y += 12;
  drawBlocks(flow, parseMarkdown(input.markdown), left, flow.width, { size: BODY_SIZE });
  drawSignature(flow, input);

  const pages = flow.pages;
  ts.trimCaches();
  const numberStyle = ts.style({ size: 8, color: GREY });
  for (let p = 0; p < pages; p++) {
    doc.switchToPage(first + p);
    ts.pageChanged();
    drawFooter(ts, input, w);
    const label = `${p + 1}/${pages}`;
    ts.draw(numberStyle, label, right - ts.measure(numberStyle, label), PAGE_H - mm(10));
  }
  return pages;
}
