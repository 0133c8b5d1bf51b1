import { useEffect, useMemo, useState } from 'react';
import { query } from '../api/client.ts';
import type { Facets, PlannedAction, RunSummary, Worklist, WorkTask } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Approvals } from '../components/approvals.tsx';
import { ErrorNote, Loading, StatusBadge } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Link, navigate } from '../router.tsx';
import { can, useSession } from '../session.tsx';

const KIND_ORDER = ['call_task', 'reply', 'notify_internal', 'handover'];
const KIND_KEYS: Record<string, MessageKey> = {
  call_task: 'kind.call_task',
  reply: 'kind.reply',
  notify_internal: 'kind.notify_internal',
  handover: 'kind.handover',
};

/** Home: today's open tasks by kind, highest score first; j/k to move, Enter to open. */
export function WorklistPage() {
  const { t, money, number, date } = useI18n();
  const { role } = useSession();
  const [collector, setCollector] = useState('');
  const [step, setStep] = useState('');
  const list = useApi<Worklist>(`/api/worklist${query({ collector, step })}`);
  const facets = useApi<Facets>('/api/customers/facets');
  const groups = useMemo(() => {
    const byKind = new Map<string, WorkTask[]>();
    for (const task of list.data?.tasks ?? []) {
      byKind.set(task.kind, [...(byKind.get(task.kind) ?? []), task]);
    }
    const kinds = [...byKind.keys()].sort(
      (a, b) => ((KIND_ORDER.indexOf(a) + 99) % 99) - ((KIND_ORDER.indexOf(b) + 99) % 99),
    );
    return kinds.map((kind) => ({
      kind,
      tasks: byKind.get(kind)!.sort((a, b) => b.score - a.score),
    }));
  }, [list.data]);
  const flat = groups.flatMap((g) => g.tasks);
  const [cursor, setCursor] = useState(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (e.key === 'j') setCursor((c) => Math.min(c + 1, flat.length - 1));
      else if (e.key === 'k') setCursor((c) => Math.max(c - 1, 0));
      else if (e.key === 'Enter' && flat[cursor])
        navigate(`/customers/${encodeURIComponent(flat[cursor].customer.code)}`);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flat, cursor]);
  useEffect(() => {
    document.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>{t('worklist.title')}</h1>
          <p className="muted">
            {t('worklist.subtitle')} <kbd>{t('worklist.keys')}</kbd>
          </p>
        </div>
        <div className="filters">
          <label className="select">
            <span>{t('customers.collector')}</span>
            <select value={collector} onChange={(e) => setCollector(e.target.value)}>
              <option value="">{t('customers.any')}</option>
              {facets.data?.collectors.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label className="select">
            <span>{t('customers.step')}</span>
            <select value={step} onChange={(e) => setStep(e.target.value)}>
              <option value="">{t('customers.any')}</option>
              {facets.data?.steps.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {list.error && <ErrorNote error={list.error} retry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && flat.length === 0 && <div className="card muted">{t('worklist.empty')}</div>}
      {groups.map((g) => (
        <div className="card" key={g.kind}>
          <div className="card-head">
            <h2>
              {KIND_KEYS[g.kind] ? t(KIND_KEYS[g.kind]!) : g.kind}{' '}
              <span className="muted">({number(g.tasks.length)})</span>
            </h2>
          </div>
          <table className="data compact worklist">
            <thead>
              <tr>
                <th className="num">{t('worklist.score')}</th>
                <th>{t('col.name')}</th>
                <th>{t('worklist.kind')}</th>
                <th>{t('col.step')}</th>
                <th className="num">{t('col.overdue')}</th>
                <th className="num">{t('col.daysLate')}</th>
                <th>{t('col.collector')}</th>
                <th>{t('items.due')}</th>
              </tr>
            </thead>
            <tbody>
              {g.tasks.map((task) => {
                const index = flat.indexOf(task);
                const help = t('worklist.scoreHelp', {
                  overdue: money(task.overdueMinor, task.currency),
                  days: task.daysLate,
                  score: number(task.score),
                });
                return (
                  <tr
                    key={task.id}
                    className={index === cursor ? 'selected' : undefined}
                    onClick={() => setCursor(index)}
                  >
                    <td className="num score" title={`${help}\n${task.explanation}`}>
                      {number(Math.round(task.score))}
                    </td>
                    <td>
                      <Link to={`/customers/${encodeURIComponent(task.customer.code)}`}>
                        {task.customer.name}
                      </Link>
                      <span className="sub mono">{task.customer.code}</span>
                    </td>
                    <td>
                      {task.title}
                      {task.customer.status !== 'active' && (
                        <StatusBadge status={task.customer.status} />
                      )}
                    </td>
                    <td>{task.step ?? '—'}</td>
                    <td className="num overdue">{money(task.overdueMinor, task.currency)}</td>
                    <td className="num">{number(task.daysLate)}</td>
                    <td>{task.assignee ?? task.assigneeRole}</td>
                    <td className="nowrap">{date(task.dueDate)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
      {can(role, 'approve') && <PendingApprovals />}
    </section>
  );
}

/** The latest run's actions awaiting approval. */
function PendingApprovals() {
  const { t } = useI18n();
  const runs = useApi<{ runs: RunSummary[] }>('/api/runs');
  const latest = runs.data?.runs.find((r) => (r.actionsByState.awaiting_approval ?? 0) > 0);
  const actions = useApi<{ actions: PlannedAction[] }>(
    latest ? `/api/runs/${latest.id}/actions` : null,
  );
  return (
    <div className="card">
      <div className="card-head">
        <h2>{t('worklist.approvals')}</h2>
      </div>
      {runs.error && <ErrorNote error={runs.error} />}
      {runs.data && !latest && <p className="muted">{t('worklist.noApprovals')}</p>}
      {actions.data && (
        <Approvals
          actions={actions.data.actions}
          onApproved={() => {
            runs.reload();
            actions.reload();
          }}
        />
      )}
    </div>
  );
}
