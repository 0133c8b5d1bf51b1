import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DATE_FORMATS,
  addDays,
  addMonths,
  compareDates,
  dayOfWeek,
  daysInMonth,
  diffDays,
  endOfMonth,
  fromDayNumber,
  isLeapYear,
  maxDate,
  minDate,
  parseDateInFormat,
  parseLocalDate,
  startOfMonth,
  toDayNumber,
} from './local-date.ts';
import type { DateFormat } from './local-date.ts';

describe('isLeapYear', () => {
  const cases: [number, boolean][] = [
    [2024, true],
    [2025, false],
    [2000, true],
    [2100, false],
    [1900, false],
    [2400, true],
  ];
  for (const [year, expected] of cases) {
    it(`${year} → ${expected}`, () => assert.equal(isLeapYear(year), expected));
  }
});

describe('daysInMonth', () => {
  const cases: [number, number, number][] = [
    [2024, 2, 29],
    [2025, 2, 28],
    [2100, 2, 28],
    [2000, 2, 29],
    [2026, 1, 31],
    [2026, 4, 30],
    [2026, 6, 30],
    [2026, 9, 30],
    [2026, 11, 30],
    [2026, 12, 31],
  ];
  for (const [y, m, expected] of cases) {
    it(`${y}-${m} → ${expected}`, () => assert.equal(daysInMonth(y, m), expected));
  }
  it('rejects months outside 1..12', () => {
    assert.throws(() => daysInMonth(2026, 0), RangeError);
    assert.throws(() => daysInMonth(2026, 13), RangeError);
  });
});

describe('parseLocalDate', () => {
  const cases: [string, string | null][] = [
    ['2026-01-15', '2026-01-15'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2025-02-29', null],
    ['2100-02-29', null],
    ['2026-13-01', null],
    ['2026-00-10', null],
    ['2026-04-31', null],
    ['2026-04-00', null],
    ['1900-01-01', '1900-01-01'],
    ['2999-12-31', '2999-12-31'],
    ['1899-12-31', null],
    ['3000-01-01', null],
    ['2026-1-05', null],
    ['26-01-05', null],
    [' 2026-01-05', null],
    ['2026/01/05', null],
    ['2026-01-05T00:00', null],
    ['', null],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(parseLocalDate(text), expected));
  }
});

describe('toDayNumber / fromDayNumber', () => {
  const cases: [string, number][] = [
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2024-02-29', 19782],
    ['1900-01-01', -25567],
  ];
  for (const [date, n] of cases) {
    it(`${date} ↔ ${n}`, () => {
      assert.equal(toDayNumber(date), n);
      assert.equal(fromDayNumber(n), date);
    });
  }

  it('agrees with Date.UTC for every day from 1900 to 2999', () => {
    const start = toDayNumber('1900-01-01');
    const end = toDayNumber('2999-12-31');
    for (let n = start; n <= end; n++) {
      const expected = new Date(n * 86_400_000).toISOString().slice(0, 10);
      const date = fromDayNumber(n);
      if (date !== expected) assert.fail(`${n}: ${date} !== ${expected}`);
      if (toDayNumber(date) !== n) assert.fail(`${date} does not round-trip`);
    }
  });

  it('throws on malformed dates and non-integer day numbers', () => {
    assert.throws(() => toDayNumber('2025-02-29'), RangeError);
    assert.throws(() => toDayNumber('garbage'), RangeError);
    assert.throws(() => fromDayNumber(1.5), RangeError);
  });
});

describe('addDays / diffDays', () => {
  const cases: [string, number, string][] = [
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2025-03-31', 0, '2025-03-31'],
    ['2024-01-01', 366, '2025-01-01'],
  ];
  for (const [date, n, expected] of cases) {
    it(`${date} + ${n} = ${expected}`, () => {
      assert.equal(addDays(date, n), expected);
      assert.equal(diffDays(expected, date), n);
    });
  }
});

describe('addMonths', () => {
  const cases: [string, number, string][] = [
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-11-15', 2, '2026-01-15'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-05-10', 0, '2025-05-10'],
  ];
  for (const [date, n, expected] of cases) {
    it(`${date} + ${n} months = ${expected}`, () => assert.equal(addMonths(date, n), expected));
  }
});

describe('compareDates / minDate / maxDate', () => {
  const cases: [string, string, -1 | 0 | 1][] = [
    ['2025-01-01', '2025-01-02', -1],
    ['2025-01-02', '2025-01-01', 1],
    ['2025-01-01', '2025-01-01', 0],
    ['2024-12-31', '2025-01-01', -1],
  ];
  for (const [a, b, expected] of cases) {
    it(`compare(${a}, ${b}) = ${expected}`, () => assert.equal(compareDates(a, b), expected));
  }
  it('picks the earliest and latest', () => {
    assert.equal(minDate('2025-03-01', '2024-12-31', '2025-01-15'), '2024-12-31');
    assert.equal(maxDate('2025-03-01', '2024-12-31', '2025-01-15'), '2025-03-01');
    assert.equal(minDate('2025-03-01'), '2025-03-01');
  });
});

describe('dayOfWeek', () => {
  const cases: [string, number][] = [
    ['1970-01-01', 4],
    ['2025-03-31', 1],
    ['2025-04-06', 7],
    ['2024-02-29', 4],
    ['1969-12-28', 7],
    ['1900-01-01', 1],
  ];
  for (const [date, expected] of cases) {
    it(`${date} → ${expected}`, () => assert.equal(dayOfWeek(date), expected));
  }
});

describe('startOfMonth / endOfMonth', () => {
  const cases: [string, string, string][] = [
    ['2024-02-10', '2024-02-01', '2024-02-29'],
    ['2025-02-28', '2025-02-01', '2025-02-28'],
    ['2100-02-01', '2100-02-01', '2100-02-28'],
    ['2000-02-15', '2000-02-01', '2000-02-29'],
    ['2025-04-30', '2025-04-01', '2025-04-30'],
    ['2025-12-01', '2025-12-01', '2025-12-31'],
  ];
  for (const [date, start, end] of cases) {
    it(`${date} → ${start} .. ${end}`, () => {
      assert.equal(startOfMonth(date), start);
      assert.equal(endOfMonth(date), end);
    });
  }
});

describe('parseDateInFormat', () => {
  it('lists every format', () => {
    assert.deepEqual(DATE_FORMATS, ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY']);
  });

  const cases: [string, DateFormat, string | null][] = [
    ['2025-03-31', 'YYYY-MM-DD', '2025-03-31'],
    ['  2025-03-31\t', 'YYYY-MM-DD', '2025-03-31'],
    ['2025-3-31', 'YYYY-MM-DD', null],
    ['31/03/2025', 'DD/MM/YYYY', '2025-03-31'],
    ['1/2/2025', 'DD/MM/YYYY', '2025-02-01'],
    [' 01/02/2025 ', 'DD/MM/YYYY', '2025-02-01'],
    ['29/02/2024', 'DD/MM/YYYY', '2024-02-29'],
    ['29/02/2025', 'DD/MM/YYYY', null],
    ['31/04/2025', 'DD/MM/YYYY', null],
    ['03/31/2025', 'DD/MM/YYYY', null],
    ['31/03/25', 'DD/MM/YYYY', null],
    ['31.03.2025', 'DD/MM/YYYY', null],
    ['03/31/2025', 'MM/DD/YYYY', '2025-03-31'],
    ['2/1/2025', 'MM/DD/YYYY', '2025-02-01'],
    ['13/01/2025', 'MM/DD/YYYY', null],
    ['02/29/2100', 'MM/DD/YYYY', null],
    ['02/29/2000', 'MM/DD/YYYY', '2000-02-29'],
    ['31.03.2025', 'DD.MM.YYYY', '2025-03-31'],
    ['1.2.2025', 'DD.MM.YYYY', '2025-02-01'],
    ['31/03/2025', 'DD.MM.YYYY', null],
    ['001.02.2025', 'DD.MM.YYYY', null],
    ['', 'DD.MM.YYYY', null],
  ];
  for (const [text, format, expected] of cases) {
    it(`${JSON.stringify(text)} as ${format} → ${expected}`, () =>
      assert.equal(parseDateInFormat(text, format), expected));
  }
});
