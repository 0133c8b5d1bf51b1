import { useState, type FormEvent } from 'react';
import { ApiError, query } from '../api/client.ts';
import { followJob, jobError, startJob, type Job, type JobProgress } from '../api/jobs.ts';
import { useApi } from '../api/use-api.ts';
import { Issues } from '../components/issues.tsx';
import { JobProgressBar } from '../components/job-progress.tsx';
import { ErrorNote } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';

const KINDS = ['customers', 'contacts', 'items', 'payments'] as const;
const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'] as const;

/**
 * Imports from the browser: a CSV or XLSX file sent as a job, its progress followed as it
 * validates and loads, then its report (or every problem, row by row); the recent imports.
 */
export function ImportsPage() {
  const { t } = useI18n();
  const recent = useApi<{ jobs: Job[] }>('/api/jobs?kind=import&limit=20');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('items');
  const [file, setFile] = useState<File | null>(null);
  const [snapshot, setSnapshot] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [decimal, setDecimal] = useState<'dot' | 'comma'>('dot');
  const [dateFormat, setDateFormat] = useState<(typeof DATE_FORMATS)[number]>('YYYY-MM-DD');
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [finished, setFinished] = useState<Job | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setFinished(null);
    setProgress({ phase: 'start', done: 0, total: null, percent: null });
    try {
      const started = await startJob(
        `/api/jobs/import${query({
          kind,
          fileName: file.name,
          snapshot: kind === 'items' && snapshot ? true : undefined,
          dryRun: dryRun || undefined,
          decimal,
          dateFormat,
        })}`,
        file,
      );
      const job = await followJob(started, setProgress);
      setFinished(job);
      if (job.state === 'failed') setError(jobError(job));
      recent.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    } finally {
      setProgress(null);
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>{t('imports.title')}</h1>
      </div>
      <form className="card form-grid" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('imports.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`imports.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('imports.file')}</span>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <label className="field">
          <span>{t('imports.decimal')}</span>
          <select value={decimal} onChange={(e) => setDecimal(e.target.value as typeof decimal)}>
            <option value="dot">1234.56</option>
            <option value="comma">1234,56</option>
          </select>
        </label>
        <label className="field">
          <span>{t('imports.dateFormat')}</span>
          <select
            value={dateFormat}
            onChange={(e) => setDateFormat(e.target.value as typeof dateFormat)}
          >
            {DATE_FORMATS.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        {kind === 'items' && (
          <label className="check">
            <input
              type="checkbox"
              checked={snapshot}
              onChange={(e) => setSnapshot(e.target.checked)}
            />
            {t('imports.snapshot')}
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          {t('imports.dryRun')}
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!file || progress !== null}>
            {t('imports.start')}
          </button>
        </div>
      </form>
      {progress && <JobProgressBar progress={progress} />}
      <Issues error={error} />
      {finished?.state === 'done' && <ImportReport job={finished} />}
      <div className="card">
        <div className="card-head">
          <h2>{t('imports.recent')}</h2>
        </div>
        {recent.error && <ErrorNote error={recent.error} />}
        <JobsTable jobs={recent.data?.jobs ?? []} />
      </div>
    </section>
  );
}

function ImportReport({ job }: { job: Job }) {
  const { t, number } = useI18n();
  const r = job.result as Record<string, number | boolean | string> | null;
  if (!r) return null;
  return (
    <p className="ok-note" role="status">
      {t(r.dryRun === true ? 'imports.checked' : 'imports.done', {
        file: String(r.file ?? ''),
        rows: number(Number(r.rows ?? 0)),
        inserted: number(Number(r.inserted ?? 0)),
        updated: number(Number(r.updated ?? 0)),
        unchanged: number(Number(r.unchanged ?? 0)),
        settled: number(Number(r.settled ?? 0)),
      })}
    </p>
  );
}

/** Jobs, newest first: what was asked, by whom, how it ended. */
export function JobsTable({ jobs }: { jobs: readonly Job[] }) {
  const { t, number } = useI18n();
  const when = (iso: string) => new Date(iso).toLocaleString();
  return (
    <table className="data compact">
      <thead>
        <tr>
          <th>#</th>
          <th>{t('imports.started')}</th>
          <th>{t('imports.what')}</th>
          <th>{t('run.state')}</th>
          <th>{t('imports.by')}</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => (
          <tr key={j.id}>
            <td>{j.id}</td>
            <td>{when(j.createdAt)}</td>
            <td>
              {j.kind === 'import'
                ? `${String(j.params.importKind ?? '')} · ${String(j.params.file ?? '')} · ${number(Number(j.params.rows ?? 0))}`
                : String(j.params.asOf ?? '')}
              {j.params.dryRun === true && (
                <span className="badge">{t('imports.dryRunBadge')}</span>
              )}
            </td>
            <td>
              <span
                className={`badge ${j.state === 'failed' ? 'status-blocked' : j.state === 'done' ? 'status-active' : 'warn'}`}
              >
                {t(`job.state.${j.state}` as MessageKey)}
              </span>
              {j.state === 'running' && j.percent !== null && ` ${j.percent} %`}
              {j.error && <span className="sub">{j.error.message}</span>}
            </td>
            <td>{j.startedBy ?? ''}</td>
          </tr>
        ))}
        {jobs.length === 0 && (
          <tr>
            <td colSpan={5} className="empty">
              {t('imports.none')}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
