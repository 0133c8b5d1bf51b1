import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addBusinessDays,
  isBusinessDay,
  nextBusinessDay,
  publicHolidays,
} from './business-calendar.ts';

test('public holidays are not business days', () => {
  assert.equal(isBusinessDay('FR', '2026-05-01'), false, 'Fête du travail (Friday)');
  assert.equal(isBusinessDay('FR', '2026-07-14'), false, 'Fête nationale (Tuesday)');
  assert.equal(isBusinessDay('DE', '2026-10-03'), false, 'Tag der Deutschen Einheit');
  assert.equal(isBusinessDay('GB', '2026-05-25'), false, 'Spring bank holiday (England)');
  assert.equal(isBusinessDay('US', '2026-11-26'), false, 'Thanksgiving');
  for (const country of ['FR', 'DE', 'GB', 'US', 'ES'])
    assert.equal(isBusinessDay(country, '2026-12-25'), false, `Christmas in ${country}`);
});

test('weekends are not business days, ordinary weekdays are', () => {
  assert.equal(isBusinessDay('FR', '2026-11-21'), false, 'a Saturday');
  assert.equal(isBusinessDay('FR', '2026-11-22'), false, 'a Sunday');
  for (const country of ['FR', 'DE', 'GB', 'US', 'ES', 'XX'])
    assert.equal(isBusinessDay(country, '2026-11-24'), true, `a normal Tuesday in ${country}`);
});

test('a holiday of one country is a business day elsewhere', () => {
  assert.equal(isBusinessDay('DE', '2026-07-14'), true);
  assert.equal(isBusinessDay('FR', '2026-11-26'), true);
  assert.equal(isBusinessDay('US', '2026-05-01'), true);
});

test('observances are not holidays, substitute days are', () => {
  assert.equal(isBusinessDay('FR', '2026-05-31'), false, 'Fête des mères is a Sunday anyway');
  assert.equal(isBusinessDay('US', '2026-02-14'), false, "Valentine's Day is a Saturday");
  assert.equal(isBusinessDay('US', '2026-10-31'), false, 'Halloween is a Saturday');
  assert.equal(isBusinessDay('US', '2027-10-29'), true, 'Friday before Halloween');
  assert.equal(isBusinessDay('GB', '2026-12-28'), false, 'Boxing Day substitute (Monday)');
  const names = publicHolidays('FR', 2026).map((h) => h.name);
  assert.equal(names.length, 11);
  assert.ok(!names.some((n) => /mères|pères/i.test(n)), names.join(', '));
});

test('subdivisions add their own holidays; GB alone is England', () => {
  assert.equal(isBusinessDay('DE', '2026-01-06'), true, 'Epiphany is not national');
  assert.equal(isBusinessDay('DE-BY', '2026-01-06'), false, 'Epiphany in Bavaria');
  assert.equal(isBusinessDay('GB', '2026-01-02'), true, 'England works on 2 January');
  assert.equal(isBusinessDay('GB-SCT', '2026-01-02'), false, 'Scotland does not');
  assert.equal(isBusinessDay('gb', '2026-05-25'), false, 'codes are case-insensitive');
});

test('nextBusinessDay skips weekends and holidays', () => {
  assert.equal(nextBusinessDay('FR', '2026-11-24'), '2026-11-25');
  assert.equal(nextBusinessDay('FR', '2026-11-20'), '2026-11-23', 'Friday → Monday');
  assert.equal(nextBusinessDay('FR', '2026-04-30'), '2026-05-04', 'over 1 May and a weekend');
  assert.equal(nextBusinessDay('GB', '2026-12-24'), '2026-12-29', 'Christmas, Boxing Day, sub');
});

test('addBusinessDays counts business days only', () => {
  assert.equal(addBusinessDays('FR', '2026-11-24', 0), '2026-11-24');
  assert.equal(addBusinessDays('FR', '2026-11-21', 0), '2026-11-23', 'a Saturday rolls forward');
  assert.equal(addBusinessDays('FR', '2026-11-24', 5), '2026-12-01');
  assert.equal(addBusinessDays('FR', '2026-05-07', 1), '2026-05-11', 'over 8 May and a weekend');
  assert.equal(addBusinessDays('DE', '2026-12-23', 2), '2026-12-28', '24th works, 25th off');
  assert.equal(addBusinessDays('US', '2026-11-25', 1), '2026-11-27', 'over Thanksgiving');
  assert.throws(() => addBusinessDays('FR', '2026-11-24', -1), RangeError);
  assert.throws(() => addBusinessDays('FR', '2026-11-24', 1.5), RangeError);
});

test('several-day holidays count every day', () => {
  const days = publicHolidays('SA', 2026).map((h) => h.date);
  assert.ok(days.includes('2026-03-19') && days.includes('2026-03-22'), days.join(' '));
});
