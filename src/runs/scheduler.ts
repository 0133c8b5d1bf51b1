import { Cron } from 'croner';
import { AppError } from '../core/errors.ts';
import { parseTimeOfDay, type TimeOfDay } from '../core/calendar/time-of-day.ts';

export interface DailyRunsOptions {
  /** IANA time zone the time is read in, e.g. the company's 'Europe/Paris'. */
  readonly timezone: string;
  /** Local time of day, 'HH:MM' (24-hour clock). */
  readonly time: string;
  readonly run: () => Promise<void>;
  readonly log: (line: string) => void;
  /** What the log lines call the job (e.g. 'dunning run of MAIN'). */
  readonly name?: string | undefined;
}

export interface DailyRuns {
  /** Cancels the future runs; resolves once a run in progress (if any) has finished. */
  stop(): Promise<void>;
  /** When the next run is due, or null once stopped. */
  nextRun(): Date | null;
  /** Runs the job now, as the timer does: skipped when a run is still going on. */
  trigger(): Promise<void>;
}

/** Checks an 'HH:MM' time of day; throws a CONFIG error naming `field` otherwise. */
export function parseRunTime(text: string, field = 'time'): TimeOfDay {
  const time = parseTimeOfDay(text.trim());
  if (!time) {
    throw new AppError('CONFIG', `${field} must be a time of day written HH:MM`, [
      { field, value: text, expected: 'HH:MM on a 24-hour clock, e.g. 07:00' },
    ]);
  }
  return time;
}

/** The cron pattern (seconds first) of a run every day at `time`. */
export function dailyPattern(time: string): string {
  const { hour, minute } = parseRunTime(time);
  return `0 ${minute} ${hour} * * *`;
}

/**
 * When a daily run at `time` in `timezone` next happens strictly after `after`. On the day
 * clocks go forward, a time inside the skipped hour runs right after the change (02:30 in
 * Paris on 29 March 2026 → 03:00 CEST); on the day they go back, a repeated time runs once.
 */
export function nextDailyRun(timezone: string, time: string, after: Date): Date {
  const job = new Cron(dailyPattern(time), { timezone, paused: true });
  try {
    const next = job.nextRun(after);
    if (!next) throw new Error(`no next run for ${time} in ${timezone}`);
    return next;
  } finally {
    job.stop();
  }
}

/**
 * Calls `run` every day at `time` in `timezone`. Never two at once: a run that comes due
 * while the previous one is still going on is skipped and logged. A failing run is logged,
 * never thrown (a server keeps serving). The timer does not keep the process alive by itself.
 */
export function startDailyRuns(options: DailyRunsOptions): DailyRuns {
  const name = options.name ?? 'daily run';
  const guarded = oneAtATime(options.run, options.log, name);
  const job = new Cron(
    dailyPattern(options.time),
    { timezone: options.timezone, unref: true, catch: true },
    guarded.call,
  );
  return {
    stop: async () => {
      job.stop();
      await guarded.running();
    },
    nextRun: () => job.nextRun(),
    trigger: guarded.call,
  };
}

/** A run that never overlaps itself, and logs its failures instead of throwing them. */
export interface GuardedRun {
  /** Runs now, unless a run is going on (then logs and returns at once). */
  readonly call: () => Promise<void>;
  /** The run going on, if any. */
  readonly running: () => Promise<void> | undefined;
}

/** Wraps `run` so that a second call while one is going on is skipped, and errors are logged. */
export function oneAtATime(
  run: () => Promise<void>,
  log: (line: string) => void,
  name: string,
): GuardedRun {
  let current: { startedAt: Date; done: Promise<void> } | undefined;
  const call = async () => {
    if (current) {
      const at = current.startedAt.toISOString();
      log(`${name} skipped: the previous one, started ${at}, is still running`);
      return;
    }
    const done = (async () => {
      try {
        await run();
      } catch (error) {
        log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        current = undefined;
      }
    })();
    current = { startedAt: new Date(), done };
    await done;
  };
  return { call, running: () => current?.done };
}
