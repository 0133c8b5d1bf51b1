import { useState } from 'react';
import { ApiError, post } from '../api/client.ts';
import type { PlannedAction } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { ErrorNote } from './status.tsx';

/** Actions awaiting approval with check boxes: approve the selection, or all of them. */
export function Approvals({
  actions,
  onApproved,
}: {
  actions: readonly PlannedAction[];
  onApproved: () => void;
}) {
  const { t, money } = useI18n();
  const waiting = actions.filter((a) => a.state === 'awaiting_approval' && a.id !== undefined);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const approve = async (ids: number[]) => {
    setBusy(true);
    setError(null);
    try {
      await post('/api/actions/approve', { ids });
      setSelected(new Set());
      onApproved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e)));
    } finally {
      setBusy(false);
    }
  };
  if (waiting.length === 0) return <p className="muted">{t('worklist.noApprovals')}</p>;
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  return (
    <>
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          disabled={busy || selected.size === 0}
          onClick={() => void approve([...selected])}
        >
          {t('worklist.approveSelected', { count: selected.size })}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => void approve(waiting.map((a) => a.id!))}
        >
          {t('run.approveAll')}
        </button>
      </div>
      {error && <ErrorNote error={error} />}
      <table className="data compact">
        <thead>
          <tr>
            <th />
            <th>{t('col.name')}</th>
            <th>{t('col.step')}</th>
            <th>{t('run.channel')}</th>
            <th className="num">{t('col.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {waiting.map((a) => (
            <tr key={a.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${a.customer} ${a.stepName}`}
                  checked={selected.has(a.id!)}
                  onChange={() => toggle(a.id!)}
                />
              </td>
              <td>
                <Link to={`/customers/${encodeURIComponent(a.customer)}`}>{a.customer}</Link>
              </td>
              <td>{a.stepName}</td>
              <td>{a.kinds.join(', ')}</td>
              <td className="num">{money(a.overdueMinor, a.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
