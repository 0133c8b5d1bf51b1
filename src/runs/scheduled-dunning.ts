import type { Database } from '../store/database.ts';
import { listCompanies, todayIn, type Company } from '../store/companies.ts';
import { runDunning, type RunReport } from './run-dunning.ts';
import { startDailyRuns, type DailyRuns } from './scheduler.ts';

export interface ScheduledCompany {
  readonly company: string;
  readonly timezone: string;
  readonly next: Date | null;
}

export interface DunningSchedule {
  readonly companies: readonly ScheduledCompany[];
  /** Cancels the schedule; resolves once the runs in progress have finished. */
  stop(): Promise<void>;
}

/**
 * Schedules the daily dunning run of every company at `time` in the company's own time zone
 * (companies created later are scheduled at the next start). Each run plans "today" in that
 * zone, refuses a stale ledger as `relance run` does, and logs one line; a failure is logged
 * and the schedule goes on.
 */
export async function scheduleDunningRuns(
  database: Database,
  options: { readonly time: string; readonly log: (line: string) => void },
): Promise<DunningSchedule> {
  const jobs: { company: Company; runs: DailyRuns }[] = [];
  for (const company of await listCompanies(database.db)) {
    const runs = startDailyRuns({
      timezone: company.timezone,
      time: options.time,
      name: `dunning run of ${company.code}`,
      log: options.log,
      run: async () => {
        await runScheduledDunning(database, company, options.log);
      },
    });
    jobs.push({ company, runs });
  }
  return {
    companies: jobs.map(({ company, runs }) => ({
      company: company.code,
      timezone: company.timezone,
      next: runs.nextRun(),
    })),
    stop: async () => {
      await Promise.all(jobs.map(({ runs }) => runs.stop()));
    },
  };
}

/** One scheduled run: today in the company's zone, not forced; logs its summary, throws its error. */
export async function runScheduledDunning(
  database: Database,
  company: Pick<Company, 'code' | 'timezone'>,
  log: (line: string) => void,
  now: Date = new Date(),
): Promise<RunReport> {
  const started = Date.now();
  const report = await runDunning(database, {
    company: company.code,
    asOf: todayIn(company.timezone, now),
    now,
    collect: false,
  });
  log(summarizeRun(report, (Date.now() - started) / 1000));
  return report;
}

/** One line: `dunning run of MAIN for 2026-11-23 (run 7): 120 customers, 15 actions, …`. */
export function summarizeRun(report: RunReport, seconds: number): string {
  const c = report.counts;
  const skips = Object.entries(c.skipsByCode)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  return (
    `dunning run of ${report.company} for ${report.asOf}` +
    `${report.runId === null ? '' : ` (run ${report.runId})`}: ` +
    `${report.customers} customers, ${c.actions} actions created, ` +
    `${c.skips} skips${skips ? ` (${skips})` : ''}, ${seconds.toFixed(1)} s`
  );
}
