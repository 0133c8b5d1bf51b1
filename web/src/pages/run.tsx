import { useState } from 'react';
import { ApiError, post } from '../api/client.ts';
import type { Plan, PlannedAction, RunSummary } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { followJob, jobError, startJob, type JobProgress } from '../api/jobs.ts';
import { Approvals } from '../components/approvals.tsx';
import { JobProgressBar } from '../components/job-progress.tsx';
import { LetterBatches } from '../components/letter-batches.tsx';
import { ErrorNote, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { can, useSession } from '../session.tsx';

const STEP_KINDS = ['pre_dunning', 'reminder', 'level_1', 'level_2', 'formal_notice', 'handover'];

interface DeliveryReport {
  sent: number;
  failed: number;
  tasks: number;
  letters: number;
}

/** Today's plan (a dry run), the run itself, approvals, sending, and the history. */
export function RunPage() {
  const { t, date, number } = useI18n();
  const { role } = useSession();
  const approver = can(role, 'approve');
  const history = useApi<{ runs: RunSummary[] }>('/api/runs');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [openRun, setOpenRun] = useState<number | null>(null);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const preview = () => act(async () => setPlan(await post<Plan>('/api/runs/preview', {})));
  const [progress, setProgress] = useState<JobProgress | null>(null);
  // The run is a job (POST /api/jobs/run): its progress is followed until it ends.
  const run = () =>
    act(async () => {
      setPlan(null);
      setProgress({ phase: 'start', done: 0, total: null, percent: null });
      try {
        const job = await followJob(await startJob('/api/jobs/run', {}), setProgress);
        if (job.state === 'failed') throw jobError(job);
        const r = job.result as {
          runId: number;
          customers: number;
          counts: { actions: number; skips: number };
        };
        setNotice(
          t('run.done', {
            id: r.runId,
            actions: r.counts.actions,
            skips: r.counts.skips,
            customers: r.customers,
          }),
        );
        setOpenRun(r.runId);
      } finally {
        setProgress(null);
        history.reload();
      }
    });
  const send = () =>
    act(async () => {
      const r = await post<DeliveryReport>('/api/outbox/send', {});
      setNotice(t('run.sendReport', { ...r }));
      history.reload();
    });
  const [batch, setBatch] = useState<{ url: string; text: string } | null>(null);
  const [batches, setBatches] = useState(0);
  const print = () =>
    act(async () => {
      setBatch(null);
      const b = await post<{ batchId: number; pages: number; letters: unknown[]; url: string }>(
        '/api/letters/batches',
        {},
      );
      setBatches((n) => n + 1);
      setBatch({
        url: b.url,
        text: t('run.printed', { id: b.batchId, letters: b.letters.length, pages: b.pages }),
      });
    });

  return (
    <section>
      <div className="page-head">
        <h1>{t('run.title')}</h1>
        <div className="toolbar">
          <button type="button" disabled={busy} onClick={() => void preview()}>
            {t('run.preview')}
          </button>
          {approver && (
            <>
              <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
                {t('run.start')}
              </button>
              <button type="button" disabled={busy} onClick={() => void send()}>
                {t('run.send')}
              </button>
              <button type="button" disabled={busy} onClick={() => void print()}>
                {t('run.print')}
              </button>
            </>
          )}
        </div>
      </div>
      {error && <ErrorNote error={error} />}
      {notice && (
        <p className="ok-note" role="status">
          {notice}
        </p>
      )}
      {batch && (
        <p className="ok-note" role="status">
          {batch.text}{' '}
          <a href={batch.url} target="_blank" rel="noreferrer">
            {t('run.openPdf')}
          </a>
        </p>
      )}
      {progress ? <JobProgressBar progress={progress} /> : busy && <Loading />}
      {plan && <PlanView plan={plan} />}
      {openRun !== null && (
        <RunActions id={openRun} onChanged={history.reload} approver={approver} />
      )}
      {approver && <LetterBatches version={batches} />}
      <div className="card">
        <div className="card-head">
          <h2>{t('run.history')}</h2>
        </div>
        {history.error && <ErrorNote error={history.error} />}
        <table className="data compact">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('run.date')}</th>
              <th>{t('run.state')}</th>
              <th className="num">{t('run.customers')}</th>
              <th className="num">{t('run.actions')}</th>
              <th className="num">{t('run.skips')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.data?.runs.map((r) => (
              <tr key={r.id} className={openRun === r.id ? 'selected' : undefined}>
                <td>{r.id}</td>
                <td>{date(r.asOf)}</td>
                <td>
                  {r.status}
                  <span className="sub">
                    {Object.entries(r.actionsByState)
                      .map(([state, n]) => `${state} ${n}`)
                      .join(' · ')}
                  </span>
                </td>
                <td className="num">{number(r.customers)}</td>
                <td className="num">{number(r.actions)}</td>
                <td className="num">{number(r.skips)}</td>
                <td>
                  <button type="button" className="link" onClick={() => setOpenRun(r.id)}>
                    {t('run.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The plan by step and channel (count, amount per currency), and the skips by reason. */
function PlanView({ plan }: { plan: Plan }) {
  const { t, money, number, date } = useI18n();
  const rows = new Map<string, { a: PlannedAction; count: number; overdue: number }>();
  for (const a of plan.actions) {
    const key = `${a.step}|${a.kinds.join('+')}|${a.currency}`;
    const row = rows.get(key) ?? { a, count: 0, overdue: 0 };
    row.count += 1;
    // Pre-dunning is about what falls due soon; the other steps about what is overdue.
    row.overdue += a.stepKind === 'pre_dunning' ? a.notDueMinor : a.overdueMinor;
    rows.set(key, row);
  }
  const order = (a: PlannedAction) => {
    const i = STEP_KINDS.indexOf(a.stepKind);
    return i < 0 ? STEP_KINDS.length : i;
  };
  const sorted = [...rows.values()].sort(
    (x, y) =>
      order(x.a) - order(y.a) ||
      x.a.stepName.localeCompare(y.a.stepName) ||
      x.a.currency.localeCompare(y.a.currency),
  );
  const skips = Object.entries(plan.counts.skipsByCode).sort((x, y) => y[1] - x[1]);
  return (
    <div className="plan">
      <div className="card">
        <div className="card-head">
          <h2>
            {t('run.plan')} · {date(plan.asOf)}
          </h2>
          <span className="muted">{t('customers.count', { total: number(plan.customers) })}</span>
        </div>
        {!plan.businessDay && <p className="info-note">{t('run.notBusinessDay')}</p>}
        <table className="data compact">
          <thead>
            <tr>
              <th>{t('col.step')}</th>
              <th>{t('run.channel')}</th>
              <th className="num">{t('run.count')}</th>
              <th className="num">{t('run.amount')}</th>
              <th>{t('run.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map(({ a, count, overdue }) => (
              <tr key={`${a.step}|${a.kinds.join('+')}|${a.currency}`}>
                <td>
                  {a.stepName}
                  {a.mode === 'confirm' && <span className="badge warn">confirm</span>}
                </td>
                <td>{a.kinds.join(', ')}</td>
                <td className="num">{number(count)}</td>
                <td className="num">{money(overdue, a.currency)}</td>
                <td className="mono">{a.reasons.join(', ')}</td>
              </tr>
            ))}
            {rows.size === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  {t('run.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="card">
        <div className="card-head">
          <h2>{t('run.skipCodes')}</h2>
        </div>
        <table className="data compact">
          <thead>
            <tr>
              <th>{t('run.reason')}</th>
              <th className="num">{t('run.count')}</th>
              <th>{t('col.name')}</th>
            </tr>
          </thead>
          <tbody>
            {skips.map(([code, n]) => {
              const examples = plan.skips.filter((s) => s.code === code).slice(0, 4);
              return (
                <tr key={code}>
                  <td className="mono">{code}</td>
                  <td className="num">{number(n)}</td>
                  <td>
                    {examples.map((s, i) => (
                      <span key={i} title={s.detail}>
                        {i > 0 && ', '}
                        <Link to={`/customers/${encodeURIComponent(s.customer)}`}>
                          {s.customer}
                        </Link>
                      </span>
                    ))}
                    {n > examples.length && ' …'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function RunActions({
  id,
  onChanged,
  approver,
}: {
  id: number;
  onChanged: () => void;
  approver: boolean;
}) {
  const { t } = useI18n();
  const actions = useApi<{ actions: PlannedAction[] }>(`/api/runs/${id}/actions`);
  return (
    <div className="card">
      <div className="card-head">
        <h2>{t('run.approvals', { id })}</h2>
      </div>
      {actions.error && <ErrorNote error={actions.error} />}
      {actions.data && approver && (
        <Approvals
          actions={actions.data.actions}
          onApproved={() => {
            actions.reload();
            onChanged();
          }}
        />
      )}
      {actions.data && !approver && (
        <p className="muted">{t('customers.count', { total: actions.data.actions.length })}</p>
      )}
    </div>
  );
}
