import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../core/errors.ts';
import {
  dailyPattern,
  nextDailyRun,
  oneAtATime,
  parseRunTime,
  startDailyRuns,
} from './scheduler.ts';

const iso = (d: Date) => d.toISOString();

test('the next run is at the local time of the time zone', () => {
  // 2026-11-23 10:00 in Paris (UTC+1): today's 07:00 has passed, tomorrow's is next.
  assert.equal(
    iso(nextDailyRun('Europe/Paris', '07:00', new Date('2026-11-23T09:00:00Z'))),
    '2026-11-24T06:00:00.000Z',
  );
  // 06:59:59 in Paris: today's run is still to come.
  assert.equal(
    iso(nextDailyRun('Europe/Paris', '07:00', new Date('2026-11-23T05:59:59Z'))),
    '2026-11-23T06:00:00.000Z',
  );
  assert.equal(
    iso(nextDailyRun('America/New_York', '07:30', new Date('2026-11-23T09:00:00Z'))),
    '2026-11-23T12:30:00.000Z',
  );
});

test('07:00 in Paris stays 07:00 across the change to summer time (2026-03-29)', () => {
  const saturday = nextDailyRun('Europe/Paris', '07:00', new Date('2026-03-28T06:30:00Z'));
  assert.equal(iso(saturday), '2026-03-29T05:00:00.000Z', 'Sunday 07:00 CEST = 05:00 UTC');
  const before = nextDailyRun('Europe/Paris', '07:00', new Date('2026-03-27T12:00:00Z'));
  assert.equal(iso(before), '2026-03-28T06:00:00.000Z', 'Saturday 07:00 CET = 06:00 UTC');
  const after = nextDailyRun('Europe/Paris', '07:00', saturday);
  assert.equal(iso(after), '2026-03-30T05:00:00.000Z');
  // And back to winter time on 2026-10-25.
  const october = nextDailyRun('Europe/Paris', '07:00', new Date('2026-10-24T12:00:00Z'));
  assert.equal(iso(october), '2026-10-25T06:00:00.000Z');
});

test('a time inside the skipped hour runs right after the change', () => {
  const next = nextDailyRun('Europe/Paris', '02:30', new Date('2026-03-28T12:00:00Z'));
  assert.equal(iso(next), '2026-03-29T01:00:00.000Z', '03:00 CEST');
});

test('times are HH:MM on a 24-hour clock', () => {
  assert.deepEqual(parseRunTime('07:05'), { hour: 7, minute: 5 });
  assert.deepEqual(parseRunTime('23:59'), { hour: 23, minute: 59 });
  assert.equal(dailyPattern('00:00'), '0 0 0 * * *');
  for (const bad of ['7:00', '24:00', '07:60', '0700', '', '07:00:00']) {
    assert.throws(
      () => parseRunTime(bad, 'RELANCE_RUN_AT'),
      (e: unknown) =>
        e instanceof AppError && e.code === 'CONFIG' && e.problems[0]?.field === 'RELANCE_RUN_AT',
      bad,
    );
  }
});

test('startDailyRuns schedules the next local run and stops', async () => {
  const lines: string[] = [];
  let calls = 0;
  const runs = startDailyRuns({
    timezone: 'Europe/Paris',
    time: '07:00',
    run: async () => {
      calls++;
    },
    log: (l) => lines.push(l),
  });
  const next = runs.nextRun();
  assert.ok(next && next.getTime() > Date.now());
  assert.equal(next.getTime() - Date.now() <= 24 * 3_600_000 + 3_600_000, true);
  await runs.trigger();
  assert.equal(calls, 1);
  await runs.stop();
  assert.equal(runs.nextRun(), null);
  assert.deepEqual(lines, []);
});

test('never two runs at once: one due while the previous goes on is skipped and logged', async () => {
  const lines: string[] = [];
  let release: () => void = () => {};
  let calls = 0;
  const { call: run, running } = oneAtATime(
    () => {
      calls++;
      return new Promise<void>((resolve) => (release = resolve));
    },
    (l) => lines.push(l),
    'dunning run of MAIN',
  );
  const first = run();
  assert.ok(running());
  await run();
  assert.equal(calls, 1);
  assert.match(
    lines[0] ?? '',
    /^dunning run of MAIN skipped: the previous one, started .*, is still running$/,
  );
  release();
  await first;
  const third = run();
  assert.equal(calls, 2, 'runs again once the previous one is over');
  release();
  await third;
  assert.equal(running(), undefined);
});

test('a failing run is logged, never thrown, and does not block the next', async () => {
  const lines: string[] = [];
  let fail = true;
  const { call: run } = oneAtATime(
    async () => {
      if (fail) throw new Error('refusing to dun on a stale ledger');
    },
    (l) => lines.push(l),
    'dunning run of MAIN',
  );
  await run();
  assert.deepEqual(lines, ['dunning run of MAIN failed: refusing to dun on a stale ledger']);
  fail = false;
  await run();
  assert.equal(lines.length, 1);
});

test('stop waits for the run in progress', async () => {
  let release: () => void = () => {};
  let finished = false;
  const runs = startDailyRuns({
    timezone: 'UTC',
    time: '07:00',
    run: async () => {
      await new Promise<void>((resolve) => (release = resolve));
      finished = true;
    },
    log: () => {},
  });
  const running = runs.trigger();
  const stopped = runs.stop();
  release();
  await stopped;
  assert.equal(finished, true);
  await running;
});
