import { AppError, type Problem } from '../errors.ts';

/**
 * Where a letter's sender line, recipient address and reference/date block go on an A4
 * sheet, so that the address shows through an envelope's window. All lengths are in
 * millimetres from the top-left corner of the page.
 */
export const A4_MM = { width: 210, height: 297 } as const;
export const PT_PER_MM = 72 / 25.4;

/** Millimetres to PDF points. */
export const mm = (value: number): number => value * PT_PER_MM;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Strip {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

export interface WindowLayout {
  readonly name: string;
  /** The small one-line return address printed just above the recipient. */
  readonly senderLine: Strip;
  /** The recipient's name and address lines must fit in this box. */
  readonly address: Box;
  /** Reference line and "place, date". */
  readonly info: Strip;
  /** Left and right text margins of the letter. */
  readonly marginLeft: number;
  readonly marginRight: number;
  /** Top of the subject line on the first page. */
  readonly bodyTop: number;
  /** Short marks at the left edge where the sheet is folded (and punched). */
  readonly foldMarks: readonly number[];
  readonly punchMark?: number;
}

/** A window of one's own: only the address box is required. */
export interface CustomWindow {
  readonly address: Box;
  readonly senderLine?: Strip;
  readonly info?: Strip;
  readonly marginLeft?: number;
  readonly marginRight?: number;
  readonly bodyTop?: number;
  readonly foldMarks?: readonly number[];
}

export type WindowSpec = 'din5008b' | 'fr-c56' | CustomWindow;

/**
 * DIN 5008 form B: address field 85 × 45 mm, 20 mm from the left edge and 45 mm from the
 * top; its upper 17.7 mm hold the return address and notes, the recipient sits in the lower
 * 27.3 mm, text indented 5 mm. Information block at 125 mm. Folds at 105 and 210 mm, punch
 * mark at 148.5 mm. Fits DL and C5/6 envelopes with a left window.
 */
export const DIN_5008_B: WindowLayout = {
  name: 'din5008b',
  senderLine: { x: 25, y: 48, width: 80 },
  address: { x: 25, y: 62.7, width: 80, height: 27.3 },
  info: { x: 125, y: 50, width: 65 },
  marginLeft: 25,
  marginRight: 20,
  bodyTop: 98.5,
  foldMarks: [105, 210],
  punchMark: 148.5,
};

/**
 * French practice for C5/6 (and DL) envelopes with the window on the right: address frame
 * 85 × 33 mm, 110 mm from the left edge and 55 mm from the top; sheet folded in three
 * (99 and 198 mm). Reference and date go on the left, level with the address.
 */
export const FR_C56: WindowLayout = {
  name: 'fr-c56',
  senderLine: { x: 110, y: 50.5, width: 85 },
  address: { x: 110, y: 55, width: 85, height: 33 },
  info: { x: 20, y: 55, width: 80 },
  marginLeft: 20,
  marginRight: 20,
  bodyTop: 98,
  foldMarks: [99, 198],
};

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkBox(field: string, box: Partial<Box> | undefined, out: Problem[]): void {
  if (box === undefined || box === null || typeof box !== 'object') {
    out.push({ field, expected: 'a box { x, y, width, height } in millimetres' });
    return;
  }
  const { x, y, width, height } = box;
  for (const [k, v] of Object.entries({ x, y, width, height })) {
    if (!finite(v) || v < 0) {
      out.push({
        field: `${field}.${k}`,
        value: String(v),
        expected: 'a number of millimetres ≥ 0',
      });
    }
  }
  if (!finite(x) || !finite(y) || !finite(width) || !finite(height)) return;
  if (width < 40)
    out.push({ field: `${field}.width`, value: String(width), expected: 'at least 40 mm' });
  if (height < 15) {
    out.push({ field: `${field}.height`, value: String(height), expected: 'at least 15 mm' });
  }
  if (x + width > A4_MM.width) {
    out.push({ field: `${field}.x`, value: String(x), expected: `x + width ≤ ${A4_MM.width} mm` });
  }
  if (y + height > A4_MM.height / 2) {
    out.push({
      field: `${field}.y`,
      value: String(y),
      expected: 'the box within the upper half of the page',
    });
  }
}

function checkStrip(field: string, strip: Partial<Strip> | undefined, out: Problem[]): void {
  if (strip === undefined) return;
  const { x, y, width } = strip;
  for (const [k, v] of Object.entries({ x, y, width })) {
    if (!finite(v) || v < 0) {
      out.push({
        field: `${field}.${k}`,
        value: String(v),
        expected: 'a number of millimetres ≥ 0',
      });
    }
  }
  if (finite(x) && finite(width) && (width < 30 || x + width > A4_MM.width)) {
    out.push({
      field: `${field}.width`,
      value: String(width),
      expected: `30 mm or more, ending within ${A4_MM.width} mm`,
    });
  }
  if (finite(y) && y > A4_MM.height / 2) {
    out.push({
      field: `${field}.y`,
      value: String(y),
      expected: 'within the upper half of the page',
    });
  }
}

/** The layout for a preset name or a custom window; every problem of a custom one at once. */
export function windowLayout(spec: WindowSpec): WindowLayout {
  if (spec === 'din5008b') return DIN_5008_B;
  if (spec === 'fr-c56') return FR_C56;
  const problems: Problem[] = [];
  if (spec === null || typeof spec !== 'object') {
    throw new AppError('INVALID_INPUT', 'unknown window', [
      {
        field: 'window',
        value: String(spec),
        expected: "'din5008b', 'fr-c56' or { address: { x, y, width, height } }",
      },
    ]);
  }
  checkBox('window.address', spec.address, problems);
  checkStrip('window.senderLine', spec.senderLine, problems);
  checkStrip('window.info', spec.info, problems);
  const marginLeft = spec.marginLeft ?? 20;
  const marginRight = spec.marginRight ?? 20;
  for (const [k, v] of Object.entries({ marginLeft, marginRight })) {
    if (!finite(v) || v < 5 || v > 50) {
      problems.push({ field: `window.${k}`, value: String(v), expected: 'between 5 and 50 mm' });
    }
  }
  for (const mark of spec.foldMarks ?? []) {
    if (!finite(mark) || mark <= 0 || mark >= A4_MM.height) {
      problems.push({
        field: 'window.foldMarks',
        value: String(mark),
        expected: `marks between 0 and ${A4_MM.height} mm`,
      });
    }
  }
  if (problems.length > 0) {
    throw new AppError('INVALID_INPUT', 'the letter window is not usable', problems);
  }
  const a = spec.address;
  const leftWindow = a.x + a.width / 2 < A4_MM.width / 2;
  const info =
    spec.info ??
    (leftWindow
      ? {
          x: Math.max(a.x + a.width + 15, 120),
          y: a.y,
          width: A4_MM.width - marginRight - Math.max(a.x + a.width + 15, 120),
        }
      : { x: marginLeft, y: a.y, width: Math.max(30, a.x - marginLeft - 10) });
  const bodyTop = spec.bodyTop ?? a.y + a.height + 8;
  if (!finite(bodyTop) || bodyTop < a.y + a.height || bodyTop > A4_MM.height / 2) {
    throw new AppError('INVALID_INPUT', 'the letter window is not usable', [
      {
        field: 'window.bodyTop',
        value: String(bodyTop),
        expected: 'below the address box, in the upper half of the page',
      },
    ]);
  }
  return {
    name: 'custom',
    senderLine: spec.senderLine ?? { x: a.x, y: Math.max(0, a.y - 5), width: a.width },
    address: a,
    info,
    marginLeft,
    marginRight,
    bodyTop,
    foldMarks: spec.foldMarks ?? [],
  };
}
